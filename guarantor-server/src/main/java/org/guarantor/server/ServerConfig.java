package org.guarantor.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.guarantor.engine.ExerciseClock;
import org.guarantor.engine.SnapshotPolicy;

/**
 * How to run the server. Build one with {@link #local} and the {@code with…} methods.
 *
 * @param host interface to bind (127.0.0.1 unless told otherwise)
 * @param port TCP port; 0 picks a free one
 * @param dataDir folder of the embedded database (and of a demonstration's keys)
 * @param jdbcUrl a JDBC URL to use instead of the embedded database, or null
 * @param scenario a treaty file to load into an empty log instead of the bundled one, or null
 * @param clock the engine's clock; an {@link ExerciseClock} makes the server an exercise: the
 *     secretariat moves the clock, and every answer and notice is marked as an exercise
 * @param snapshots whether the engine starts from a snapshot and how often it writes one (null:
 *     {@link SnapshotPolicy#defaults()})
 * @param keyring a keyring file (the parties' root public keys) to adopt into a log that has none,
 *     or null
 * @param demo whether a log with no keyring gets a demonstration keyring, generated into {@code
 *     dataDir/demo-keys} with every private key beside it
 * @param security the hardening settings (null: {@link Security#defaults()})
 * @param auditAtStart whether a start audits every signature and rule of the log ({@code LogAudit},
 *     what {@code guarantor verify} checks) before serving, besides the hash chain that every start
 *     checks; costs about a full replay more (docs/security.md, "A broken log")
 * @param node the name this server claims a shared (PostgreSQL) log under when it becomes its
 *     writer, recorded in the log's head (null: this host's name and process id)
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String jdbcUrl,
    Path scenario,
    Clock clock,
    SnapshotPolicy snapshots,
    Path keyring,
    boolean demo,
    Security security,
    boolean auditAtStart,
    String node) {
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(clock, "clock");
    snapshots = snapshots == null ? SnapshotPolicy.defaults() : snapshots;
    security = security == null ? Security.defaults() : security;
    node = node == null || node.isBlank() ? defaultNode() : node;
  }

  /** This host's name and the process id: two servers on one host differ. */
  private static String defaultNode() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return host + "/" + ProcessHandle.current().pid();
  }

  /**
   * A demonstration server on 127.0.0.1: the system clock, the embedded database in {@code
   * dataDir}, the bundled treaty, and a demonstration keyring if the log has none.
   */
  public static ServerConfig local(int port, Path dataDir) {
    return new ServerConfig(
        "127.0.0.1",
        port,
        dataDir,
        null,
        null,
        Clock.systemUTC(),
        null,
        null,
        true,
        null,
        false,
        null);
  }

  public ServerConfig withHost(String h) {
    return copy(b -> b.host = h);
  }

  public ServerConfig withPort(int p) {
    return copy(b -> b.port = p);
  }

  public ServerConfig withJdbcUrl(String url) {
    return copy(b -> b.jdbcUrl = url);
  }

  public ServerConfig withScenario(Path file) {
    return copy(b -> b.scenario = file);
  }

  public ServerConfig withClock(Clock c) {
    return copy(b -> b.clock = c);
  }

  public ServerConfig withSnapshots(SnapshotPolicy policy) {
    return copy(b -> b.snapshots = policy);
  }

  /** Adopts this keyring file into a log that has none; no demonstration keys. */
  public ServerConfig withKeyring(Path file) {
    return copy(
        b -> {
          b.keyring = file;
          b.demo = false;
        });
  }

  public ServerConfig withDemo(boolean d) {
    return copy(b -> b.demo = d);
  }

  public ServerConfig withSecurity(Security s) {
    return copy(b -> b.security = s);
  }

  /** Whether a start audits the whole log's signatures and rules before serving. */
  public ServerConfig withAuditAtStart(boolean audit) {
    return copy(b -> b.auditAtStart = audit);
  }

  /** The name this server claims a shared log under, when it writes it (docs/operations.md). */
  public ServerConfig withNode(String name) {
    return copy(b -> b.node = name);
  }

  /** The components, to change one or two and build again: every {@code with…} goes through it. */
  private static final class Copy {
    String host;
    int port;
    Path dataDir;
    String jdbcUrl;
    Path scenario;
    Clock clock;
    SnapshotPolicy snapshots;
    Path keyring;
    boolean demo;
    Security security;
    boolean auditAtStart;
    String node;

    Copy(ServerConfig c) {
      host = c.host;
      port = c.port;
      dataDir = c.dataDir;
      jdbcUrl = c.jdbcUrl;
      scenario = c.scenario;
      clock = c.clock;
      snapshots = c.snapshots;
      keyring = c.keyring;
      demo = c.demo;
      security = c.security;
      auditAtStart = c.auditAtStart;
      node = c.node;
    }

    ServerConfig build() {
      return new ServerConfig(
          host,
          port,
          dataDir,
          jdbcUrl,
          scenario,
          clock,
          snapshots,
          keyring,
          demo,
          security,
          auditAtStart,
          node);
    }
  }

  private ServerConfig copy(java.util.function.Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** The same configuration as an exercise on a virtual clock starting at {@code start}. */
  public ServerConfig exercise(Instant start) {
    return withClock(new ExerciseClock(start));
  }

  /** Whether the server runs an exercise (on a virtual clock) rather than live. */
  public boolean isExercise() {
    return clock instanceof ExerciseClock;
  }
}
