package org.guarantor.server;

import io.javalin.config.JettyConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the server meets the network: one port, serving plain HTTP or, given a keystore, HTTPS only
 * (no redirect from HTTP: a redirect would first carry the request, token and all, in clear), with
 * bounds on what a burst or a slow client can hold:
 *
 * <ul>
 *   <li>{@link #IDLE_TIMEOUT}: a connection silent that long is closed, so a client that stops
 *       sending holds its connection and buffers no longer. Event streams stay open: they carry a
 *       ping every 5 s ({@link EventStream#PING}). A request body has a deadline of its own,
 *       shorter and on the whole body ({@link RequestBody#READ_DEADLINE}), since a thread waits for
 *       it.
 *   <li>{@link #MAX_THREADS}: requests wait on the single writer's group commit, not on the CPU, so
 *       more threads than cores serve a burst; past that, requests queue in Jetty.
 *   <li>{@link #MAX_CONNECTIONS}: beyond it the server stops accepting until a connection closes,
 *       so a flood of connections cannot run the process out of file descriptors.
 *   <li>{@link #ACCEPT_QUEUE}: connections the kernel completes and holds for the server while it
 *       is at its cap or busy accepting. A connection with no room there is dropped: its client
 *       retries after 1 s, 3 s, 7 s, … or, where the kernel aborts on overflow
 *       (net.ipv4.tcp_abort_on_overflow), is reset. With the JVM's default of 50, a burst of 500
 *       reports lost some of its connections this way.
 * </ul>
 */
final class Transport {
  private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  static final int MAX_THREADS = 200;
  static final int MIN_THREADS = 8;
  static final Duration THREAD_IDLE = Duration.ofSeconds(60);
  static final int MAX_CONNECTIONS = 1000;

  /**
   * The listening socket's backlog. Linux caps it at net.core.somaxconn (4096 since kernel 5.4, 128
   * before): raise that too on an older kernel.
   */
  static final int ACCEPT_QUEUE = 4096;

  private Transport() {}

  /**
   * Sets Jetty's threads and its one connector on {@code cfg.host():cfg.port()}.
   *
   * @param keystore the server's certificate and key, as {@link #keystore} read them; null for
   *     plain HTTP
   */
  static void configure(JettyConfig jetty, ServerConfig cfg, KeyStore keystore) {
    QueuedThreadPool threads =
        new QueuedThreadPool(MAX_THREADS, MIN_THREADS, (int) THREAD_IDLE.toMillis());
    threads.setName("guarantor-http");
    jetty.threadPool = threads;
    jetty.modifyServer(
        server -> {
          server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
          server.setErrorHandler(new JettyErrors());
        });
    String password = cfg.security().tlsPassword();
    jetty.addConnector(
        (server, http) -> {
          ServerConnector connector;
          if (keystore == null) {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
          } else {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStore(keystore);
            tls.setKeyStorePassword(password);
            tls.setKeyManagerPassword(password);
            HttpConfiguration https = new HttpConfiguration(http);
            https.addCustomizer(new SecureRequestCustomizer());
            connector =
                new ServerConnector(
                    server,
                    new SslConnectionFactory(tls, "http/1.1"),
                    new HttpConnectionFactory(https));
          }
          connector.setHost(cfg.host());
          connector.setPort(cfg.port());
          connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
          connector.setAcceptQueueSize(ACCEPT_QUEUE);
          return connector;
        });
  }

  /**
   * Reads a PKCS#12 keystore and checks that it holds a private key with its certificate, so that a
   * wrong path or password stops the server at start with a message saying which, rather than at
   * the first client's handshake.
   *
   * @throws IllegalStateException saying what is wrong with the file
   */
  static KeyStore keystore(Path file, String password) {
    String where = "the TLS keystore " + file.toAbsolutePath();
    KeyStore ks;
    try (InputStream in = Files.newInputStream(file)) {
      ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password.toCharArray());
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(where + " does not exist", e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("password")) {
        throw new IllegalStateException(
            "cannot open "
                + where
                + ": wrong password (give it with --tls-password or GUARANTOR_TLS_PASSWORD)",
            e);
      }
      throw new IllegalStateException(
          "cannot read " + where + " as a PKCS#12 keystore: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot read " + where + " as a PKCS#12 keystore: " + e.getMessage(), e);
    }
    try {
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate cert) {
          ks.getKey(alias, password.toCharArray());
          LOG.info(
              "TLS certificate '{}': {}, valid until {}",
              alias,
              cert.getSubjectX500Principal().getName(),
              cert.getNotAfter().toInstant());
          if (cert.getNotAfter().toInstant().isBefore(java.time.Instant.now())) {
            LOG.warn("the TLS certificate '{}' has expired: browsers will refuse it", alias);
          }
          return ks;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot read the private key in " + where + ": " + e.getMessage(), e);
    }
    throw new IllegalStateException(
        where + " holds no private key with its certificate: nothing to serve HTTPS with");
  }
}
