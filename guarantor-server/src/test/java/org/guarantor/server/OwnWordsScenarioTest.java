package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A treaty written in its own words ({@code scenarios/own-words.json}: a hybrid attack answered by
 * demining teams, counted in teams, which are not people), served as {@code serve --scenario FILE}
 * serves it: the treaty answer lists its vocabulary, a signed report of its threat type is
 * activated and tasks its capability, a report of a type it does not declare is refused naming the
 * field and the types it knows, and the ledger counts teams, not people.
 */
class OwnWordsScenarioTest {
  static final double[] KYIV = {50.4501, 30.5234};

  @TempDir Path dir;
  GuarantorServer server;
  Http http;

  @BeforeEach
  void start() throws Exception {
    Path scenario = dir.resolve("own-words.json");
    try (InputStream in = getClass().getResourceAsStream("/scenarios/own-words.json")) {
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

  private static List<String> codes(JsonNode terms) {
    List<String> out = new ArrayList<>();
    terms.forEach(t -> out.add(t.get("code").asText()));
    return out;
  }

  @Test
  void the_treaty_answer_lists_its_own_words_with_labels_and_which_units_count_people() {
    JsonNode answer = http.get("demo-OBS", "/api/v1/treaty").json();

    JsonNode words = answer.get("vocabulary");
    assertThat(codes(words.get("threatTypes"))).containsExactly("HYBRID_ATTACK", "AIR_ATTACK");
    assertThat(words.at("/threatTypes/0/label").asText()).isEqualTo("Hybrid attack");
    assertThat(codes(words.get("units"))).containsExactly("TEAMS", "SYSTEMS");
    assertThat(words.at("/units/0/people").asBoolean()).isFalse();
    assertThat(words.at("/capabilities/0/units").toString()).isEqualTo("[\"TEAMS\"]");
  }

  @Test
  void a_signed_report_of_a_hybrid_attack_tasks_demining_teams_and_the_ledger_counts_teams() {
    Http.Response filed =
        http.post(
            "demo-UKR",
            "/api/v1/reports",
            Http.report("h-1", "HYBRID_ATTACK", 3, KYIV[0], KYIV[1]));
    assertThat(filed.status()).as(filed.body()).isEqualTo(201);
    JsonNode incident = filed.json();
    assertThat(incident.get("state").asText()).isEqualTo("ACTIVATED");
    JsonNode tasking = incident.get("taskings").get(0);
    assertThat(tasking.get("capability").asText()).isEqualTo("DEMINING");
    assertThat(tasking.get("unit").asText()).isEqualTo("TEAMS");

    Http.Response declined =
        http.post(
            "demo-" + tasking.get("guarantor").asText(),
            "/api/v1/taskings/" + tasking.get("id").asText() + "/decline",
            "{\"reason\":\"teams committed at home\"}");
    assertThat(declined.status()).as(declined.body()).isEqualTo(200);

    JsonNode ledger = http.get("demo-OBS", "/api/v1/ledger").json();
    JsonNode pol = null;
    for (JsonNode g : ledger.get("guarantors")) {
      if (g.get("guarantor").asText().equals("POL")) {
        pol = g;
      }
    }
    assertThat(pol).as(ledger.toString()).isNotNull();
    assertThat(codes(pol.get("units"), "unit")).containsExactly("TEAMS");
    assertThat(pol.at("/units/0/people").asBoolean()).isFalse();
    assertThat(pol.at("/units/0/pledged").asLong()).isEqualTo(8);
    assertThat(pol.at("/units/0/declined").asLong()).isPositive();
    assertThat(pol.get("peopleHoursLate").asDouble()).isZero();
  }

  private static List<String> codes(JsonNode items, String field) {
    List<String> out = new ArrayList<>();
    items.forEach(t -> out.add(t.get(field).asText()));
    return out;
  }

  @Test
  void a_cap_alert_naming_the_treatys_threat_type_in_words_files_a_report_of_it() {
    String xml =
        CapTest.fixture("air-attack.xml")
            .replace("<event>Air attack</event>", "<event>Hybrid attack</event>");

    Http.Response r = http.cap("demo-UKR", xml, true);

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("type").asText()).as(r.body()).isEqualTo("HYBRID_ATTACK");
    assertThat(r.json().at("/taskings/0/capability").asText()).isEqualTo("DEMINING");
  }

  @Test
  void a_report_refused_for_another_field_names_an_undeclared_threat_type_too() {
    Http.Response r =
        http.post(
            "demo-UKR", "/api/v1/reports", Http.report("s-2", "SABOTAGE", 9, KYIV[0], KYIV[1]));

    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.json().get("errors").findValuesAsText("path"))
        .containsExactly("/type", "/severity");
  }

  @Test
  void a_report_of_a_threat_type_the_treaty_does_not_declare_is_refused_naming_type() {
    Http.Response r =
        http.post(
            "demo-UKR", "/api/v1/reports", Http.report("s-1", "SABOTAGE", 3, KYIV[0], KYIV[1]));

    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.json().get("errors").findValuesAsText("path")).containsExactly("/type");
    assertThat(r.body())
        .contains("SABOTAGE is not a threat type of the treaty in force")
        .contains("HYBRID_ATTACK, AIR_ATTACK");
  }
}
