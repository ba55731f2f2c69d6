package org.guarantor.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.guarantor.engine.ExerciseClock;
import org.guarantor.engine.SnapshotPolicy;

/**
 * How to run the server.
 *
 * @param host interface to bind (127.0.0.1 unless told otherwise)
 * @param port TCP port; 0 picks a free one
 * @param dataDir folder of the embedded database
 * @param jdbcUrl a JDBC URL to use instead of the embedded database, or null
 * @param scenario a treaty file to load into an empty log instead of the bundled one, or null
 * @param clock the engine's clock; an {@link ExerciseClock} makes the server an exercise: the
 *     secretariat moves the clock, and every answer and notice is marked as an exercise
 * @param snapshots whether the engine starts from a snapshot and how often it writes one (null:
 *     {@link SnapshotPolicy#defaults()})
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String jdbcUrl,
    Path scenario,
    Clock clock,
    SnapshotPolicy snapshots) {
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(clock, "clock");
    snapshots = snapshots == null ? SnapshotPolicy.defaults() : snapshots;
  }

  /** A configuration with the default snapshot policy. */
  public ServerConfig(
      String host, int port, Path dataDir, String jdbcUrl, Path scenario, Clock clock) {
    this(host, port, dataDir, jdbcUrl, scenario, clock, null);
  }

  public static ServerConfig local(int port, Path dataDir) {
    return new ServerConfig("127.0.0.1", port, dataDir, null, null, Clock.systemUTC());
  }

  public ServerConfig withScenario(Path file) {
    return new ServerConfig(host, port, dataDir, jdbcUrl, file, clock, snapshots);
  }

  public ServerConfig withClock(Clock c) {
    return new ServerConfig(host, port, dataDir, jdbcUrl, scenario, c, snapshots);
  }

  public ServerConfig withSnapshots(SnapshotPolicy policy) {
    return new ServerConfig(host, port, dataDir, jdbcUrl, scenario, clock, policy);
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
