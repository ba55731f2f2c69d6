package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compliance ledger and the exercise clock over HTTP: an exercise in which nobody acknowledges
 * a call, played forward by the secretariat, and a live server that refuses to move its clock.
 */
class LedgerApiTest {
  /** Reports are observed by the wall clock, so the exercise starts at it. */
  final Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  @TempDir Path data;
  GuarantorServer server;
  Http http;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      // Breaches, consequences and clock moves are decided again from the log alone.
      Audits.assertAccountedFor(data);
    }
  }

  private void start(ServerConfig cfg) {
    server = GuarantorServer.start(cfg);
    http = new Http(server.port());
  }

  private Http.Response advance(String token, String body) {
    return http.post(token, "/api/v1/exercise/clock", body);
  }

  @Test
  void an_exercise_plays_a_silent_guarantor_to_a_breach_and_the_ledger_shows_it() {
    start(ServerConfig.local(0, data).exercise(start));
    Http.Response filed =
        http.post(
            "demo-UKR",
            "/api/v1/reports",
            Http.report("x-1", "AIR_ATTACK", 3, ApiTest.KHARKIV[0], ApiTest.KHARKIV[1]));
    assertThat(filed.status()).as(filed.body()).isEqualTo(201);
    assertThat(filed.json().get("exercise").asBoolean()).isTrue();
    assertThat(filed.raw().headers().firstValue("X-Guarantor-Exercise")).contains("true");
    int taskings = filed.json().get("taskings").size();

    Http.Response moved = advance("demo-SEC", "{\"advance\":\"PT1H\"}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.json().get("now").asText()).isEqualTo(start.plusSeconds(3600).toString());
    JsonNode incident = http.get("demo-SEC", "/api/v1/incidents/INC-000001").json();
    for (JsonNode t : incident.get("taskings")) {
      assertThat(t.get("state").asText()).isEqualTo("OVERDUE");
    }

    assertThat(advance("demo-SEC", "{\"advance\":\"PT2H\"}").status()).isEqualTo(200);
    incident = http.get("demo-SEC", "/api/v1/incidents/INC-000001").json();
    for (int i = 0; i < taskings; i++) {
      assertThat(incident.get("taskings").get(i).get("state").asText()).isEqualTo("BREACHED");
    }

    Http.Response ledger = http.get("demo-OBS", "/api/v1/ledger");
    assertThat(ledger.status()).as(ledger.body()).isEqualTo(200);
    JsonNode l = ledger.json();
    assertThat(l.get("exercise").asBoolean()).isTrue();
    assertThat(l.get("reliabilityFormula").asText()).contains("Beta(4, 1)");
    int breached = 0;
    double fund = 0;
    for (JsonNode g : l.get("guarantors")) {
      breached += g.get("breached").asInt();
      fund += g.get("fundContributions").asDouble();
      if (g.get("breached").asInt() > 0) {
        assertThat(g.get("reliability").asDouble()).isLessThan(0.8);
      }
      assertThat(g.has("units")).isTrue();
    }
    assertThat(breached).isEqualTo(taskings);
    assertThat(fund).isPositive();
    assertThat(l.get("history").toString()).contains("BREACHED").doesNotContain("INC-");
    assertThat(ledger.body()).doesNotContain("hub").doesNotContain("lat");

    Http.Response csv = http.get("demo-OBS", "/api/v1/ledger.csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body()).startsWith(LedgerView.CSV_HEADER);
    assertThat(csv.body().lines().skip(1)).allMatch(line -> line.endsWith(",true"));
  }

  @Test
  void live_stream_notices_of_an_exercise_say_so() throws Exception {
    start(ServerConfig.local(0, data).exercise(start));
    http.post(
        "demo-UKR",
        "/api/v1/reports",
        Http.report("x-2", "SABOTAGE", 2, ApiTest.KHARKIV[0], ApiTest.KHARKIV[1]));
    java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    "http://127.0.0.1:"
                        + server.port()
                        + "/api/v1/events?access_token=demo-SEC&lastEventId=0"))
            .header("Accept", "text/event-stream")
            .build();
    var response =
        java.net.http.HttpClient.newHttpClient()
            .sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
    response.thenAccept(r -> r.body().forEach(lines::add));
    try {
      long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < end
          && lines.stream().noneMatch(l -> l.contains("IncidentReported"))) {
        Thread.sleep(20);
      }
      assertThat(lines.stream().filter(l -> l.startsWith("data:")))
          .isNotEmpty()
          .allMatch(l -> l.contains("\"exercise\":true"));
    } finally {
      response.cancel(true);
    }
  }

  @Test
  void only_the_secretariat_moves_the_exercise_clock_forward_by_a_valid_duration() {
    start(ServerConfig.local(0, data).exercise(start));

    assertThat(advance("demo-GBR", "{\"advance\":\"PT2H\"}").status()).isEqualTo(403);
    assertThat(advance("demo-SEC", "{\"advance\":\"-PT2H\"}").status()).isEqualTo(422);
    Http.Response bad = advance("demo-SEC", "{\"advance\":\"two hours\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("/advance");
    assertThat(advance("demo-SEC", "{}").status()).isEqualTo(422);
    assertThat(http.get("demo-OBS", "/api/v1/exercise/clock").json().get("now").asText())
        .isEqualTo(start.toString());
  }

  @Test
  void a_live_server_refuses_to_move_its_clock_and_marks_nothing_as_an_exercise() {
    start(ServerConfig.local(0, data));

    Http.Response r = advance("demo-SEC", "{\"advance\":\"PT2H\"}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.body()).contains("runs live, not an exercise");
    Http.Response ledger = http.get("demo-OBS", "/api/v1/ledger");
    assertThat(ledger.status()).isEqualTo(200);
    assertThat(ledger.json().has("exercise")).isFalse();
    assertThat(ledger.raw().headers().firstValue("X-Guarantor-Exercise")).isEmpty();
    assertThat(http.get("demo-OBS", "/api/v1/exercise/clock").json().get("exercise").asBoolean())
        .isFalse();
  }

  @Test
  void the_ledger_needs_a_token_and_reinstatement_needs_the_secretariat() {
    start(ServerConfig.local(0, data));

    assertThat(http.get(null, "/api/v1/ledger").status()).isEqualTo(401);
    assertThat(http.post("demo-GBR", "/api/v1/ledger/GBR/reinstate", "{}").status()).isEqualTo(403);
    Http.Response r = http.post("demo-SEC", "/api/v1/ledger/GBR/reinstate", "{}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.body()).contains("not suspended");
  }
}
