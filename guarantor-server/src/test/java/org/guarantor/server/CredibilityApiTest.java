package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's credibility exercise over the treaty in force (docs/credibility.md): off unless
 * asked for, run in the background, read by the parties and not by the public, and run again once
 * an amendment brings another version into force.
 */
class CredibilityApiTest {
  @TempDir Path data;
  GuarantorServer server;
  Http http;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private JsonNode finished(int version) throws InterruptedException {
    // Bounded: 20 crises take well under a second; the bound is for a loaded machine.
    for (int i = 0; i < 600; i++) {
      Http.Response r = http.get("demo-SEC", "/api/v1/credibility");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode j = r.json();
      if (j.get("status").asText().equals("done") && j.get("treatyVersion").asInt() == version) {
        return j;
      }
      assertThat(j.get("status").asText()).isIn("running", "done");
      Thread.sleep(200);
    }
    throw new AssertionError("no finished exercise of version " + version);
  }

  @Test
  void the_parties_read_the_latest_exercise_and_the_public_does_not() throws Exception {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());
    Http.Response off = http.get("demo-SEC", "/api/v1/credibility");
    assertThat(off.status()).isEqualTo(404);
    assertThat(off.body()).contains("--credibility-runs");

    server.runCredibility(20, 7, 3);
    JsonNode done = finished(1);
    JsonNode report = done.get("report");
    assertThat(report.get("runs").asInt()).isEqualTo(20);
    assertThat(report.get("seed").asLong()).isEqualTo(7);
    assertThat(report.get("onTime").asDouble()).isBetween(0.0, 1.0);
    assertThat(report.get("plans")).isNotEmpty();
    assertThat(report.get("critical")).isNotEmpty();
    assertThat(report.get("criticalRuns").asInt()).isEqualTo(3);

    assertThat(http.get("demo-POL", "/api/v1/credibility").status()).isEqualTo(200);
    Http.Response observer = http.get("demo-OBS", "/api/v1/credibility");
    assertThat(observer.status()).isEqualTo(403);
    assertThat(observer.body()).doesNotContain("HUB-");
  }

  @Test
  void an_amendment_in_force_is_simulated_again() throws Exception {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());
    server.runCredibility(10, 3, 2);
    finished(1);

    Http.Response p =
        http.post(
            "demo-SEC",
            "/api/v1/amendments",
            "{\"title\":\"x\",\"amendment\":{\"acknowledgementDeadline\":\"PT2H\"}}");
    assertThat(p.status()).as(p.body()).isEqualTo(201);
    for (String party : new String[] {"GBR", "USA", "FRA", "TUR", "DEU", "CAN", "ITA", "UKR"}) {
      Http.Response v =
          http.post("demo-" + party, "/api/v1/amendments/AMD-000001/vote", "{\"approve\":true}");
      assertThat(v.status()).as(v.body()).isEqualTo(200);
    }

    assertThat(finished(2).get("report").get("version").asInt()).isEqualTo(2);
  }
}
