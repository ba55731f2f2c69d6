package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a keystore the server speaks HTTPS only, on its one port; a keystore it cannot use stops it
 * at start, saying why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one server for all: the tests only read
class TlsTest {
  static final String PASSWORD = "correct horse battery staple";

  Path keystore;
  X509Certificate certificate;
  GuarantorServer server;
  HttpClient trusting;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(256);
    KeyPair pair = kpg.generateKeyPair();
    X500Name name = new X500Name("CN=localhost");
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(1))),
            name,
            pair.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "guarantor", pair.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {certificate});
    keystore = dir.resolve("server.p12");
    try (OutputStream out = Files.newOutputStream(keystore)) {
      ks.store(out, PASSWORD.toCharArray());
    }

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    trusting =
        HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();

    server =
        GuarantorServer.start(
            ServerConfig.local(0, dir.resolve("data"))
                .withSecurity(Security.defaults().withTls(keystore, PASSWORD)));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  HttpResponse<String> get(HttpClient client, String scheme, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void serves_https_with_strict_transport_security() throws Exception {
    HttpResponse<String> health = get(trusting, "https", "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"log\"");
    assertThat(health.headers().firstValue("Strict-Transport-Security"))
        .hasValue("max-age=31536000");
    assertThat(health.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(health.sslSession())
        .hasValueSatisfying(
            s -> {
              try {
                assertThat(s.getPeerCertificates()[0]).isEqualTo(certificate);
              } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                throw new AssertionError(e);
              }
            });
    HttpResponse<String> api = get(trusting, "https", "/api/v1/treaty?x=1");
    assertThat(api.statusCode()).isEqualTo(401);
  }

  @Test
  void plain_http_to_the_same_port_gets_no_answer() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> get(plain, "http", "/health")).isInstanceOf(IOException.class);
  }

  @Test
  void a_client_that_does_not_trust_the_certificate_is_refused_by_the_handshake() {
    HttpClient stranger = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> get(stranger, "https", "/health"))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void a_keystore_it_cannot_use_stops_the_start_with_a_clear_message(@TempDir Path dir)
      throws IOException {
    ServerConfig cfg = ServerConfig.local(0, dir.resolve("data"));
    assertThatThrownBy(
            () ->
                GuarantorServer.start(
                    cfg.withSecurity(
                        Security.defaults().withTls(dir.resolve("missing.p12"), PASSWORD))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing.p12")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(
            () ->
                GuarantorServer.start(
                    cfg.withSecurity(Security.defaults().withTls(keystore, "not the password"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("server.p12")
        .hasMessageContaining("wrong password");
    Path text = Files.writeString(dir.resolve("not-a-keystore.p12"), "hello");
    assertThatThrownBy(
            () ->
                GuarantorServer.start(
                    cfg.withSecurity(Security.defaults().withTls(text, PASSWORD))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not-a-keystore.p12")
        .hasMessageContaining("PKCS#12");
    // Nothing was opened: the data folder was never created.
    assertThat(dir.resolve("data")).doesNotExist();
  }
}
