package org.guarantor.server.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;

/**
 * A server on loopback and the browsers signed in to it, for one test: start it, open browsers as
 * parties, restart it on the same data, close everything. Not thread-safe.
 */
final class Scene implements AutoCloseable {
  private ServerConfig config;
  GuarantorServer server;
  HttpApi api;
  private final List<Browser> browsers = new ArrayList<>();

  private Scene(ServerConfig config) {
    this.config = config;
    this.server = GuarantorServer.start(config);
    this.api = new HttpApi(server.port());
  }

  /** A fresh server; skips the test where chromium or chromedriver is missing. */
  static Scene start(ServerConfig config) {
    assumeTrue(Browser.available(), "chromium and chromedriver are not installed");
    return new Scene(config);
  }

  Browser browser(String party) {
    return browser(party, 1280, 800);
  }

  Browser browser(String party, int width, int height) {
    Browser b = new Browser(server.port(), width, height);
    browsers.add(b);
    return b.signIn(party);
  }

  /** A browser on the sign-in screen, not signed in. */
  Browser blank(int width, int height) {
    Browser b = new Browser(server.port(), width, height);
    browsers.add(b);
    return b;
  }

  /** Stops the server and starts it again on the same data and port, with {@code next}. */
  void restart(ServerConfig next) {
    int port = server.port();
    server.close();
    config = next.withPort(port);
    server = GuarantorServer.start(config);
    api = new HttpApi(port);
  }

  /** Moves an exercise's clock forward by a signed request of the secretariat. */
  Instant advance(Duration by) {
    JsonNode clock =
        api.post(
            "demo-SEC",
            "/api/v1/exercise/clock",
            HttpApi.JSON.createObjectNode().put("advance", by.toString()));
    return Instant.parse(clock.path("now").asText());
  }

  Instant exerciseNow() {
    return Instant.parse(api.get("demo-SEC", "/api/v1/exercise/clock").path("now").asText());
  }

  @Override
  public void close() {
    for (Browser b : browsers) {
      b.close();
    }
    if (server != null) {
      server.close();
    }
  }
}
