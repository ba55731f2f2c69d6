package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.guarantor.engine.scenario.TreatyFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second bundled scenario, {@code scenarios/georgia.json} (Georgia without Abkhazia), run end
 * to end as {@code serve --scenario FILE} runs it: a report in covered territory is activated, one
 * in the excluded region is out of scope with the reason, a guarantor declines, and the ledger
 * shows the decline.
 */
class GeorgiaScenarioTest {
  static final double[] TBILISI = {41.7151, 44.8271};
  static final double[] SUKHUMI = {43.0015, 41.0234};

  @TempDir Path dir;
  GuarantorServer server;
  Http http;

  @BeforeEach
  void start() throws Exception {
    Path scenario = dir.resolve("georgia.json");
    try (InputStream in = TreatyFile.class.getResourceAsStream("/scenarios/georgia.json")) {
      Files.copy(in, scenario);
    }
    server =
        GuarantorServer.start(
            ServerConfig.local(0, Files.createDirectories(dir.resolve("data")))
                .withScenario(scenario));
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode file(String key, String type, int severity, double[] at) {
    Http.Response r =
        http.post("demo-GEO", "/api/v1/reports", Http.report(key, type, severity, at[0], at[1]));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  @Test
  void the_treaty_adopted_is_georgias_and_says_it_is_illustrative() {
    JsonNode treaty = http.get("demo-OBS", "/api/v1/treaty").json();
    assertThat(treaty.toString()).contains("georgia-security-guarantees").contains("GE-AB");
  }

  @Test
  void a_report_in_tbilisi_is_activated_and_one_in_abkhazia_is_out_of_scope() {
    JsonNode tbilisi = file("g-1", "AIR_ATTACK", 3, TBILISI);
    assertThat(tbilisi.get("state").asText()).isEqualTo("ACTIVATED");
    assertThat(tbilisi.at("/scope/explanation").asText())
        .isEqualTo("in covered territory (Tbilisi, GE-TB)");
    assertThat(tbilisi.get("taskings")).isNotEmpty();

    JsonNode sukhumi = file("g-2", "GROUND_INVASION", 4, SUKHUMI);
    assertThat(sukhumi.get("state").asText()).isEqualTo("OUT_OF_SCOPE");
    assertThat(sukhumi.at("/scope/explanation").asText())
        .isEqualTo("outside: in excluded region Abkhazia (GE-AB)");
    assertThat(sukhumi.get("taskings")).isEmpty();
  }

  @Test
  void a_decline_is_handed_on_and_shows_in_the_ledger() {
    JsonNode incident = file("g-3", "GROUND_INVASION", 2, TBILISI);
    JsonNode tasking = incident.get("taskings").get(0);
    String guarantor = tasking.get("guarantor").asText();

    Http.Response declined =
        http.post(
            "demo-" + guarantor,
            "/api/v1/taskings/" + tasking.get("id").asText() + "/decline",
            "{\"reason\":\"units committed at home\"}");
    assertThat(declined.status()).as(declined.body()).isEqualTo(200);
    assertThat(declined.json().get("state").asText()).isEqualTo("DECLINED");

    Http.Response ledger = http.get("demo-OBS", "/api/v1/ledger");
    assertThat(ledger.status()).as(ledger.body()).isEqualTo(200);
    JsonNode row = null;
    for (JsonNode g : ledger.json().get("guarantors")) {
      if (g.get("guarantor").asText().equals(guarantor)) {
        row = g;
      }
    }
    assertThat(row).as(ledger.body()).isNotNull();
    assertThat(row.get("declined").asInt()).isEqualTo(1);
  }
}
