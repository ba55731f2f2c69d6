package org.guarantor.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to run the server.
 *
 * @param host interface to bind (127.0.0.1 unless told otherwise)
 * @param port TCP port; 0 picks a free one
 * @param dataDir folder of the embedded database
 * @param jdbcUrl a JDBC URL to use instead of the embedded database, or null
 * @param scenario a treaty file to load into an empty log instead of the bundled one, or null
 * @param clock the engine's clock
 */
public record ServerConfig(
    String host, int port, Path dataDir, String jdbcUrl, Path scenario, Clock clock) {
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(clock, "clock");
  }

  public static ServerConfig local(int port, Path dataDir) {
    return new ServerConfig("127.0.0.1", port, dataDir, null, null, Clock.systemUTC());
  }

  public ServerConfig withScenario(Path file) {
    return new ServerConfig(host, port, dataDir, jdbcUrl, file, clock);
  }

  public ServerConfig withClock(Clock c) {
    return new ServerConfig(host, port, dataDir, jdbcUrl, scenario, c);
  }
}
