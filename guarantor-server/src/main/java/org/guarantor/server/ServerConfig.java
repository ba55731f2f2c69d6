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
    boolean auditAtStart) {
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(clock, "clock");
    snapshots = snapshots == null ? SnapshotPolicy.defaults() : snapshots;
    security = security == null ? Security.defaults() : security;
  }

  /**
   * A demonstration server on 127.0.0.1: the system clock, the embedded database in {@code
   * dataDir}, the bundled treaty, and a demonstration keyring if the log has none.
   */
  public static ServerConfig local(int port, Path dataDir) {
    return new ServerConfig(
        "127.0.0.1", port, dataDir, null, null, Clock.systemUTC(), null, null, true, null, false);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(
        h,
        port,
        dataDir,
        jdbcUrl,
        scenario,
        clock,
        snapshots,
        keyring,
        demo,
        security,
        auditAtStart);
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(
        host,
        p,
        dataDir,
        jdbcUrl,
        scenario,
        clock,
        snapshots,
        keyring,
        demo,
        security,
        auditAtStart);
  }

  public ServerConfig withJdbcUrl(String url) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        url,
        scenario,
        clock,
        snapshots,
        keyring,
        demo,
        security,
        auditAtStart);
  }

  public ServerConfig withScenario(Path file) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        jdbcUrl,
        file,
        clock,
        snapshots,
        keyring,
        demo,
        security,
        auditAtStart);
  }

  public ServerConfig withClock(Clock c) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        jdbcUrl,
        scenario,
        c,
        snapshots,
        keyring,
        demo,
        security,
        auditAtStart);
  }

  public ServerConfig withSnapshots(SnapshotPolicy policy) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        jdbcUrl,
        scenario,
        clock,
        policy,
        keyring,
        demo,
        security,
        auditAtStart);
  }

  /** Adopts this keyring file into a log that has none; no demonstration keys. */
  public ServerConfig withKeyring(Path file) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        jdbcUrl,
        scenario,
        clock,
        snapshots,
        file,
        false,
        security,
        auditAtStart);
  }

  public ServerConfig withDemo(boolean d) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        jdbcUrl,
        scenario,
        clock,
        snapshots,
        keyring,
        d,
        security,
        auditAtStart);
  }

  public ServerConfig withSecurity(Security s) {
    return new ServerConfig(
        host, port, dataDir, jdbcUrl, scenario, clock, snapshots, keyring, demo, s, auditAtStart);
  }

  /** Whether a start audits the whole log's signatures and rules before serving. */
  public ServerConfig withAuditAtStart(boolean audit) {
    return new ServerConfig(
        host, port, dataDir, jdbcUrl, scenario, clock, snapshots, keyring, demo, security, audit);
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
