package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API as its users meet it, against a real server on a free port. */
class ApiTest {
  static final double[] KHARKIV = {49.9935, 36.2304};
  static final double[] SIMFEROPOL = {44.9521, 34.1024};

  @TempDir Path data;
  GuarantorServer server;
  Http http;

  @BeforeEach
  void start() {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode file(String key, String type, int severity, double[] at) {
    Http.Response r =
        http.post("demo-UKR", "/api/v1/reports", Http.report(key, type, severity, at[0], at[1]));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  @Test
  void a_report_in_covered_territory_becomes_durable_taskings_at_once() {
    JsonNode incident = file("k-1", "AIR_ATTACK", 3, KHARKIV);

    assertThat(incident.get("id").asText()).isEqualTo("INC-000001");
    assertThat(incident.get("state").asText()).isEqualTo("ACTIVATED");
    assertThat(incident.at("/scope/explanation").asText()).contains("UA-63");
    assertThat(incident.get("plan").asText()).isEqualTo("AIR_ATTACK/3");
    assertThat(incident.get("taskings").size()).isGreaterThan(0);
    for (JsonNode t : incident.get("taskings")) {
      assertThat(t.get("state").asText()).isEqualTo("ISSUED");
      assertThat(t.get("marginMinutes").asLong()).isNotNegative();
    }
    assertThat(http.get("demo-SEC", "/api/v1/incidents/INC-000001").json().get("taskings"))
        .hasSameSizeAs(incident.get("taskings"));
  }

  @Test
  void a_report_in_an_excluded_region_is_recorded_out_of_scope_with_the_reason() {
    JsonNode incident = file("k-2", "GROUND_INVASION", 4, SIMFEROPOL);

    assertThat(incident.get("state").asText()).isEqualTo("OUT_OF_SCOPE");
    assertThat(incident.at("/scope/explanation").asText())
        .isEqualTo("outside: in excluded region Autonomous Republic of Crimea (UA-43)");
    assertThat(incident.get("taskings")).isEmpty();
  }

  @Test
  void an_area_report_across_the_crimean_border_records_its_covered_part_and_share() {
    String body =
        "{\"key\":\"area\",\"type\":\"GROUND_INVASION\",\"severity\":3,"
            + "\"location\":{\"type\":\"Polygon\",\"coordinates\":"
            + "[[[33.4,45.9],[34.0,45.9],[34.0,46.3],[33.4,46.3],[33.4,45.9]]]},"
            + "\"observedAt\":\"2026-11-28T05:00:00Z\"}";
    Http.Response r = http.post("demo-UKR", "/api/v1/reports", body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode scope = r.json().get("scope");
    assertThat(scope.get("inScope").asBoolean()).isTrue();
    assertThat(scope.get("code").asText()).isEqualTo("UA-65");
    assertThat(scope.get("coveredShare").asDouble()).isStrictlyBetween(0.05, 0.95);
    assertThat(scope.at("/coveredPart/type").asText()).isIn("Polygon", "MultiPolygon");
    assertThat(r.json().get("taskings")).isNotEmpty();
  }

  @Test
  void the_same_key_returns_the_same_incident_and_creates_nothing_also_after_a_restart() {
    String body = Http.report("same", "SABOTAGE", 2, KHARKIV[0], KHARKIV[1]);
    Http.Response first = http.post("demo-UKR", "/api/v1/reports", body);
    Http.Response again = http.post("demo-UKR", "/api/v1/reports", body);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));

    long events = server.engine().lastPosition();
    server.close();
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());

    Http.Response afterRestart = http.post("demo-UKR", "/api/v1/reports", body);
    assertThat(afterRestart.status()).isEqualTo(200);
    assertThat(afterRestart.json().get("id")).isEqualTo(first.json().get("id"));
    assertThat(server.engine().lastPosition()).isEqualTo(events);
    assertThat(http.get("demo-SEC", "/api/v1/incidents").json().get("total").asInt()).isEqualTo(1);
  }

  @Test
  void the_same_key_with_a_different_report_is_a_conflict() {
    file("dup", "SABOTAGE", 2, KHARKIV);
    Http.Response r =
        http.post("demo-UKR", "/api/v1/reports", Http.report("dup", "SABOTAGE", 3, 50, 30));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().at("/errors/0/path").asText()).isEqualTo("/key");
  }

  @Test
  void only_the_protected_state_files_reports() {
    for (String token : List.of("demo-GBR", "demo-SEC", "demo-OBS")) {
      Http.Response r =
          http.post(token, "/api/v1/reports", Http.report("x", "SABOTAGE", 2, 50, 30));
      assertThat(r.status()).as(token).isEqualTo(403);
    }
    assertThat(http.get(null, "/api/v1/incidents").status()).isEqualTo(401);
    assertThat(http.get("demo-XXX", "/api/v1/incidents").status()).isEqualTo(401);
    assertThat(server.engine().state().incidents()).isEmpty();
  }

  @Test
  void a_guarantor_sees_and_acts_on_its_own_taskings_only() {
    JsonNode incident = file("k-3", "GROUND_INVASION", 5, KHARKIV);
    JsonNode tasking = incident.get("taskings").get(0);
    String owner = tasking.get("guarantor").asText();
    String other = owner.equals("POL") ? "GBR" : "POL";

    JsonNode own = http.get("demo-" + owner, "/api/v1/taskings").json();
    assertThat(own).isNotEmpty();
    own.forEach(t -> assertThat(t.get("guarantor").asText()).isEqualTo(owner));

    String id = tasking.get("id").asText();
    Http.Response foreign =
        http.post("demo-" + other, "/api/v1/taskings/" + id + "/acknowledge", "{}");
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(http.get("demo-" + other, "/api/v1/taskings/" + id).status()).isEqualTo(404);

    Http.Response ack = http.post("demo-" + owner, "/api/v1/taskings/" + id + "/acknowledge", "{}");
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    assertThat(ack.json().get("state").asText()).isEqualTo("ACKNOWLEDGED");

    JsonNode seenByOwner =
        http.get("demo-" + owner, "/api/v1/incidents/" + incident.get("id").asText()).json();
    seenByOwner
        .get("taskings")
        .forEach(t -> assertThat(t.get("guarantor").asText()).isEqualTo(owner));

    JsonNode seenByObserver =
        http.get("demo-OBS", "/api/v1/incidents/" + incident.get("id").asText()).json();
    assertThat(seenByObserver.get("view").asText()).isEqualTo("SUMMARY");
    assertThat(seenByObserver.get("location").isNull()).isTrue();
    assertThat(seenByObserver.get("taskings")).isEmpty();
  }

  @Test
  void why_us_is_answered_to_the_tasked_guarantor_and_the_secretariat_only() {
    JsonNode incident = file("k-why", "GROUND_INVASION", 5, KHARKIV);
    JsonNode tasking = incident.get("taskings").get(0);
    String owner = tasking.get("guarantor").asText();
    String other = owner.equals("POL") ? "GBR" : "POL";
    String path = "/api/v1/taskings/" + tasking.get("id").asText() + "/why";

    Http.Response why = http.get("demo-" + owner, path);

    assertThat(why.status()).as(why.body()).isEqualTo(200);
    JsonNode w = why.json();
    assertThat(w.get("rank").asInt()).isEqualTo(1);
    assertThat(w.get("onTime").asInt()).isPositive();
    assertThat(w.get("estimatedArrival").asText())
        .isEqualTo(tasking.get("estimatedArrival").asText());
    assertThat(w.get("deadline").asText()).isEqualTo(tasking.get("deliverBy").asText());
    assertThat(w.get("marginMinutes").asLong()).isEqualTo(tasking.get("marginMinutes").asLong());
    assertThat(w.get("summary").asText()).startsWith("choice 1 of ");
    assertThat(w.get("alternatives").isArray()).isTrue();
    assertThat(http.get("demo-SEC", path).status()).isEqualTo(200);
    assertThat(http.get("demo-" + other, path).status()).isEqualTo(404);
    assertThat(http.get("demo-UKR", path).status()).isEqualTo(404);
    assertThat(http.get("demo-OBS", path).status()).isEqualTo(404);
  }

  @Test
  void the_tasking_lifecycle_runs_to_delivery_and_refuses_what_no_longer_applies() {
    JsonNode tasking = file("k-4", "AIR_ATTACK", 2, KHARKIV).get("taskings").get(0);
    String id = tasking.get("id").asText();
    String token = "demo-" + tasking.get("guarantor").asText();
    long quantity = tasking.get("quantity").asLong();

    assertThat(
            http.post(token, "/api/v1/taskings/" + id + "/mobilising", "{}")
                .json()
                .get("state")
                .asText())
        .isEqualTo("MOBILISING");
    if (quantity > 1) {
      JsonNode partial =
          http.post(token, "/api/v1/taskings/" + id + "/delivered", "{\"quantity\":1}").json();
      assertThat(partial.get("state").asText()).isEqualTo("PARTIALLY_DELIVERED");
      assertThat(partial.get("delivered").asLong()).isEqualTo(1);
    }
    Http.Response over =
        http.post(
            token,
            "/api/v1/taskings/" + id + "/delivered",
            "{\"quantity\":" + (quantity + 1) + "}");
    assertThat(over.status()).isEqualTo(422);
    JsonNode done = http.post(token, "/api/v1/taskings/" + id + "/delivered", "{}").json();
    assertThat(done.get("state").asText()).isEqualTo("DELIVERED");
    assertThat(done.get("delivered").asLong()).isEqualTo(quantity);

    Http.Response late = http.post(token, "/api/v1/taskings/" + id + "/acknowledge", "{}");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().at("/errors/0/message").asText()).contains("DELIVERED");
  }

  @Test
  void a_decline_needs_a_reason_and_hands_the_quantity_to_another_pledge_at_once() {
    JsonNode incident = file("k-5", "GROUND_INVASION", 2, KHARKIV);
    JsonNode tasking = incident.get("taskings").get(0);
    String id = tasking.get("id").asText();
    String token = "demo-" + tasking.get("guarantor").asText();

    Http.Response noReason = http.post(token, "/api/v1/taskings/" + id + "/decline", "{}");
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.json().at("/errors/0/path").asText()).isEqualTo("/reason");

    Http.Response declined =
        http.post(
            token,
            "/api/v1/taskings/" + id + "/decline",
            "{\"reason\":\"units committed at home\"}");
    assertThat(declined.status()).isEqualTo(200);
    assertThat(declined.json().get("state").asText()).isEqualTo("DECLINED");

    JsonNode after =
        http.get("demo-SEC", "/api/v1/incidents/" + incident.get("id").asText()).json();
    int line = tasking.get("line").asInt();
    long replaced = 0;
    for (JsonNode t : after.get("taskings")) {
      if (t.get("line").asInt() == line && !t.get("id").asText().equals(id)) {
        assertThat(t.get("pledge").asText()).isNotEqualTo(tasking.get("pledge").asText());
        replaced += t.get("quantity").asLong();
      }
    }
    long shortfall = 0;
    for (JsonNode s : after.get("shortfalls")) {
      if (s.get("line").asInt() == line) {
        shortfall += s.get("missing").asLong();
      }
    }
    assertThat(replaced + shortfall).isGreaterThanOrEqualTo(tasking.get("quantity").asLong());
  }

  @Test
  void resolving_an_incident_releases_its_open_taskings() {
    JsonNode incident = file("k-6", "CYBER_ATTACK", 3, KHARKIV);
    String id = incident.get("id").asText();
    assertThat(http.post("demo-GBR", "/api/v1/incidents/" + id + "/resolve", "{}").status())
        .isEqualTo(403);
    JsonNode closed =
        http.post("demo-UKR", "/api/v1/incidents/" + id + "/resolve", "{\"note\":\"contained\"}")
            .json();
    assertThat(closed.get("state").asText()).isEqualTo("RESOLVED");
    closed.get("taskings").forEach(t -> assertThat(t.get("state").asText()).isEqualTo("RELEASED"));
    assertThat(http.post("demo-SEC", "/api/v1/incidents/" + id + "/stand-down", "{}").status())
        .isEqualTo(409);
  }

  @Test
  void bad_input_gets_a_problem_naming_the_field_and_writes_nothing() {
    long before = server.engine().lastPosition();
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"{\"key\":", "400", ""});
    cases.add(new String[] {"[]", "400", ""});
    cases.add(new String[] {Http.report("b", "TSUNAMI", 2, 50, 30), "422", "/type"});
    cases.add(new String[] {Http.report("b", "SABOTAGE", 9, 50, 30), "422", "/severity"});
    cases.add(new String[] {Http.report("b", "SABOTAGE", 2, 91, 30), "422", "/location/lat"});
    cases.add(new String[] {Http.report("b", "SABOTAGE", 2, 50, -181), "422", "/location/lon"});
    cases.add(
        new String[] {
          "{\"type\":\"SABOTAGE\",\"severity\":2,\"location\":{\"lat\":50,\"lon\":30},\"observedAt\":\"2026-11-28T05:00:00Z\"}",
          "422",
          "/key"
        });
    cases.add(
        new String[] {
          "{\"key\":\"b\",\"type\":\"SABOTAGE\",\"severity\":2,\"observedAt\":\"2026-11-28T05:00:00Z\"}",
          "422",
          "/location"
        });
    cases.add(
        new String[] {
          "{\"key\":\"b\",\"type\":\"SABOTAGE\",\"severity\":2,\"location\":{\"lat\":50,\"lon\":30},\"observedAt\":\"yesterday\"}",
          "422",
          "/observedAt"
        });
    cases.add(
        new String[] {
          "{\"key\":\"b\",\"type\":\"SABOTAGE\",\"severity\":2,\"location\":{\"type\":\"Polygon\",\"coordinates\":[[[30,50],[31,51],[31,50],[30,51],[30,50]]]},\"observedAt\":\"2026-11-28T05:00:00Z\"}",
          "422",
          "/location/coordinates/0/0"
        });
    for (String[] c : cases) {
      Http.Response r = http.post("demo-UKR", "/api/v1/reports", c[0]);
      assertThat(r.status()).as(c[0] + " -> " + r.body()).isEqualTo(Integer.parseInt(c[1]));
      assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).contains("problem+json");
      if (!c[2].isEmpty()) {
        assertThat(r.json().get("errors").findValuesAsText("path")).as(r.body()).contains(c[2]);
      }
      assertThat(r.json().get("detail").asText()).isNotBlank();
    }
    String huge = "{\"key\":\"big\",\"description\":\"" + "x".repeat(1_100_000) + "\"}";
    assertThat(http.post("demo-UKR", "/api/v1/reports", huge).status()).isEqualTo(413);
    assertThat(http.get("demo-SEC", "/api/v1/incidents/INC-999999").status()).isEqualTo(404);
    assertThat(http.post("demo-GBR", "/api/v1/taskings/TSK-999999/acknowledge", "{}").status())
        .isEqualTo(404);
    assertThat(http.get("demo-SEC", "/api/v1/incidents?state=BOGUS").status()).isEqualTo(400);
    Http.Response maybe = http.get("demo-SEC", "/api/v1/taskings?open=maybe");
    assertThat(maybe.status()).isEqualTo(400);
    assertThat(maybe.json().get("detail").asText())
        .isEqualTo("/query/open: maybe is not a valid open: expected true or false");
    assertThat(http.get("demo-SEC", "/api/v1/nothing-here").status()).isEqualTo(404);
    assertThat(server.engine().lastPosition()).isEqualTo(before);
  }

  @Test
  void a_command_body_with_a_field_it_does_not_take_is_refused_and_changes_nothing() {
    JsonNode tasking = file("k-fields", "AIR_ATTACK", 2, KHARKIV).get("taskings").get(0);
    String id = tasking.get("id").asText();
    String token = "demo-" + tasking.get("guarantor").asText();
    long before = server.engine().lastPosition();

    // "amount" for "quantity": ignored, it would have reported everything outstanding delivered
    Http.Response misspelt =
        http.post(token, "/api/v1/taskings/" + id + "/delivered", "{\"amount\":1}");
    assertThat(misspelt.status()).as(misspelt.body()).isEqualTo(422);
    assertThat(misspelt.json().get("errors").findValuesAsText("path")).containsExactly("/amount");
    assertThat(misspelt.json().get("detail").asText())
        .contains("unknown field; this request takes quantity");
    Http.Response array = http.post(token, "/api/v1/taskings/" + id + "/delivered", "[1]");
    assertThat(array.status()).as(array.body()).isEqualTo(400);
    Http.Response note =
        http.post(token, "/api/v1/taskings/" + id + "/acknowledge", "{\"note\":\"on it\"}");
    assertThat(note.status()).as(note.body()).isEqualTo(422);
    assertThat(note.json().get("detail").asText()).contains("this request takes no fields");
    Http.Response extra =
        http.post(
            token,
            "/api/v1/taskings/" + id + "/decline",
            "{\"reason\":\"no lift\",\"until\":\"tomorrow\"}");
    assertThat(extra.status()).as(extra.body()).isEqualTo(422);
    assertThat(extra.json().get("errors").findValuesAsText("path")).containsExactly("/until");

    assertThat(server.engine().lastPosition()).isEqualTo(before);
    JsonNode unchanged = http.get(token, "/api/v1/taskings/" + id).json();
    assertThat(unchanged.get("state").asText()).isEqualTo("ISSUED");
    assertThat(unchanged.get("delivered").asLong()).isZero();
    // and without a body, or with {}, the commands still run
    assertThat(http.post(token, "/api/v1/taskings/" + id + "/acknowledge", "").status())
        .isEqualTo(200);
    assertThat(http.post(token, "/api/v1/taskings/" + id + "/mobilising", "{}").status())
        .isEqualTo(200);
  }

  @Test
  void text_that_cannot_be_stored_is_refused_at_its_field_and_the_engine_keeps_serving() {
    long before = server.engine().lastPosition();
    // The escape of a lone surrogate is valid JSON, but no encoding can store it: taken as
    // a command, its events would be applied and then refused by the log, halting the engine.
    String lone =
        Http.report("u1", "AIR_ATTACK", 3, 49.99, 36.23).replace("test", "strike \\ud800");
    Http.Response r = http.post("demo-UKR", "/api/v1/reports", lone);
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.json().get("errors").findValuesAsText("path")).containsExactly("/description");
    assertThat(r.json().get("detail").asText())
        .contains("character 7 is an unpaired UTF-16 surrogate (\\uD800)");
    // in a field's name, the JSON parser itself refuses it
    Http.Response name =
        http.post(
            "demo-UKR",
            "/api/v1/reports",
            Http.report("u2", "AIR_ATTACK", 3, 49.99, 36.23)
                .replace("{\"key\"", "{\"x\\udc00\":1,\"key\""));
    assertThat(name.status()).as(name.body()).isEqualTo(400);
    assertThat(name.json().get("detail").asText()).contains("low surrogate in field name");
    // a paired surrogate (an emoji) is fine, and the engine took no harm from the two above
    Http.Response ok =
        http.post(
            "demo-UKR",
            "/api/v1/reports",
            Http.report("u3", "AIR_ATTACK", 3, 49.99, 36.23).replace("test", "\\ud83d\\ude80"));
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(ok.json().get("description").asText()).isEqualTo("\uD83D\uDE80");
    assertThat(http.get(null, "/health").json().get("status").asText()).isEqualTo("UP");
    assertThat(server.engine().lastPosition()).isGreaterThan(before);
  }

  @Test
  void a_token_says_whose_it_is() {
    JsonNode me = http.get("demo-POL", "/api/v1/me").json();
    assertThat(me.get("party").asText()).isEqualTo("POL");
    assertThat(me.get("name").asText()).isEqualTo("Poland");
    assertThat(me.get("role").asText()).isEqualTo("GUARANTOR");
    assertThat(http.get("demo-NOPE", "/api/v1/me").status()).isEqualTo(401);
  }

  @Test
  void health_and_treaty_describe_the_running_service() {
    JsonNode health = http.get(null, "/health").json();
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.get("treaty").asText()).isEqualTo("ukraine-security-guarantees v1");
    JsonNode treaty = http.get("demo-OBS", "/api/v1/treaty").json().get("treaty");
    assertThat(treaty.get("protectedState").asText()).isEqualTo("UKR");
    assertThat(treaty.get("parties")).hasSize(12);
    assertThat(treaty.get("plans")).hasSize(25);
    assertThat(treaty.get("notice").asText()).contains("ILLUSTRATIVE");
  }
}
