package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.dispatch.Replan;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.engine.codec.EventCodec;
import org.guarantor.optimizer.StateReplanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-planning beside the engine, on a real server at a free port. */
class ReplanApiTest {
  static final double[] KHARKIV = {49.9935, 36.2304};

  @TempDir Path data;

  /** Treaty files written by a test, apart from the server's data folder. */
  @TempDir Path files;

  GuarantorServer server;
  Http http;

  private void start(Replanning.Solver solver) {
    server = GuarantorServer.start(ServerConfig.local(0, data), solver, Duration.ofSeconds(2));
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      // Every re-plan adopted, withdrawal and new tasking is decided again from the log alone.
      Audits.assertAccountedFor(data);
    }
  }

  static Optional<Replan> exact(
      DispatchState state,
      IncidentId incident,
      Replan.Trigger trigger,
      Duration budget,
      Instant now) {
    return StateReplanner.propose(state, incident, trigger, budget, now).proposal();
  }

  private JsonNode file(String key, int severity) {
    Http.Response r =
        http.post(
            "demo-UKR",
            "/api/v1/reports",
            Http.report(key, "AIR_ATTACK", severity, KHARKIV[0], KHARKIV[1]));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private List<DispatchEvent> log() {
    EventCodec codec = new EventCodec();
    List<DispatchEvent> out = new ArrayList<>();
    server.log().readAfter(0, e -> out.add(codec.decode(e.type(), e.payload())));
    return out;
  }

  /** Waits until a re-plan has run and none runs or waits. */
  private Replanning settled(long runs) throws InterruptedException {
    Replanning r = server.replanning().orElseThrow();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (r.runs() < runs && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(r.awaitIdle(Duration.ofSeconds(30))).isTrue();
    return r;
  }

  @Test
  void the_secretariat_asks_and_is_answered_at_once_with_what_was_started() throws Exception {
    start(ReplanApiTest::exact);
    file("k-1", 3);
    // the request takes no fields: a budget asked for is refused, not silently ignored
    Http.Response budget =
        http.post("demo-SEC", "/api/v1/incidents/INC-000001/replan", "{\"budgetMillis\":10}");
    assertThat(budget.status()).as(budget.body()).isEqualTo(422);
    assertThat(budget.json().get("errors").findValuesAsText("path"))
        .containsExactly("/budgetMillis");

    Http.Response r = http.post("demo-SEC", "/api/v1/incidents/INC-000001/replan", null);

    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(r.json().get("incident").asText()).isEqualTo("INC-000001");
    assertThat(r.json().get("trigger").asText()).isEqualTo("REQUESTED");
    assertThat(r.json().get("budgetMillis").asLong()).isEqualTo(2000);
    settled(1);
  }

  @Test
  void nobody_else_may_ask_and_those_who_cannot_see_the_incident_do_not_learn_it_exists() {
    start(ReplanApiTest::exact);
    JsonNode incident = file("k-1", 3);
    String tasked = incident.at("/taskings/0/guarantor").asText();
    String path = "/api/v1/incidents/INC-000001/replan";

    assertThat(http.post("demo-UKR", path, null).status()).isEqualTo(403);
    assertThat(http.post("demo-" + tasked, path, null).status()).isEqualTo(403);
    assertThat(http.post("demo-OBS", path, null).status()).isEqualTo(403);
    String untasked = tasked.equals("ISR") ? "CAN" : "ISR";
    boolean sees = false;
    for (JsonNode t : incident.get("taskings")) {
      sees |= t.get("guarantor").asText().equals(untasked);
    }
    if (!sees) {
      assertThat(http.post("demo-" + untasked, path, null).status()).isEqualTo(404);
    }
    assertThat(http.post("demo-SEC", "/api/v1/incidents/INC-000009/replan", null).status())
        .isEqualTo(404);
    assertThat(http.post(null, path, null).status()).isEqualTo(401);
  }

  @Test
  void a_closed_incident_is_not_re_planned() {
    start(ReplanApiTest::exact);
    file("k-1", 3);
    assertThat(http.post("demo-SEC", "/api/v1/incidents/INC-000001/stand-down", "{}").status())
        .isEqualTo(200);

    Http.Response r = http.post("demo-SEC", "/api/v1/incidents/INC-000001/replan", null);

    assertThat(r.status()).as(r.body()).isEqualTo(409);
    assertThat(r.json().at("/errors/0/type").asText()).isEqualTo("WRONG_STATE");
  }

  @Test
  void a_server_without_re_planning_says_so() {
    start(null);
    file("k-1", 3);

    assertThat(http.post("demo-SEC", "/api/v1/incidents/INC-000001/replan", null).status())
        .isEqualTo(503);
  }

  @Test
  void the_writer_never_waits_for_the_solver() throws Exception {
    CountDownLatch solving = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(
        (state, incident, trigger, budget, now) -> {
          solving.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Optional.empty();
        });
    JsonNode incident = file("k-1", 3);
    assertThat(http.post("demo-SEC", "/api/v1/incidents/INC-000001/replan", null).status())
        .isEqualTo(202);
    assertThat(solving.await(10, TimeUnit.SECONDS)).isTrue();

    // The solver is stuck; the engine still decides and answers every command at once.
    long start = System.nanoTime();
    file("k-2", 4);
    JsonNode t = incident.at("/taskings/0");
    Http.Response ack =
        http.post(
            "demo-" + t.get("guarantor").asText(),
            "/api/v1/taskings/" + t.get("id").asText() + "/acknowledge",
            null);
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    Http.Response again = http.post("demo-SEC", "/api/v1/incidents/INC-000002/replan", null);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(again.json().get("queued").asBoolean()).as("queued behind the running one").isTrue();
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(server.replanning().orElseThrow().runs()).isEqualTo(1);
    release.countDown();
    // Both triggers that came during the run make one follow-up run, not two.
    assertThat(settled(2).runs()).isEqualTo(2);
  }

  @Test
  void a_decline_is_re_planned_exactly_and_coverage_never_falls() throws Exception {
    start(ReplanApiTest::exact);
    JsonNode incident = file("k-1", 3);
    JsonNode t = incident.at("/taskings/0");
    String guarantor = t.get("guarantor").asText();
    Http.Response declined =
        http.post(
            "demo-" + guarantor,
            "/api/v1/taskings/" + t.get("id").asText() + "/decline",
            "{\"reason\":\"assets committed elsewhere\"}");
    assertThat(declined.status()).as(declined.body()).isEqualTo(200);
    long coveredAfterDecline = covered(http.get("demo-SEC", "/api/v1/incidents/INC-000001").json());

    settled(1);

    // The decline's re-plan is adopted only if it covers more: equal coverage spreads no churn.
    for (DispatchEvent.ReplanAdopted a : adoptions()) {
      assertThat(a.trigger()).isEqualTo(Replan.Trigger.DECLINED);
      assertThat(a.coveredAfter()).isGreaterThan(a.coveredBefore());
    }
    int afterDecline = adoptions().size();
    JsonNode declinedState = http.get("demo-SEC", "/api/v1/incidents/INC-000001").json();
    // The online backfill left nothing short, so the exact plan cannot cover more: not adopted.
    assertThat(declinedState.get("shortfalls")).isEmpty();
    assertThat(afterDecline).isZero();
    assertThat(server.replanning().orElseThrow().runs()).isEqualTo(1);
    // Asked by the secretariat, the optimal plan is adopted at equal coverage too.
    assertThat(http.post("demo-SEC", "/api/v1/incidents/INC-000001/replan", null).status())
        .isEqualTo(202);
    settled(2);

    List<DispatchEvent.ReplanAdopted> all = adoptions();
    assertThat(all).hasSize(afterDecline + 1);
    DispatchEvent.ReplanAdopted adopted = all.get(all.size() - 1);
    assertThat(adopted.trigger()).isEqualTo(Replan.Trigger.REQUESTED);
    assertThat(adopted.coveredAfter()).isGreaterThanOrEqualTo(adopted.coveredBefore());
    assertThat(adopted.solverStatus()).isEqualTo("OPTIMAL");
    assertThat(adopted.elapsed()).isLessThanOrEqualTo(adopted.budget());
    JsonNode after = http.get("demo-SEC", "/api/v1/incidents/INC-000001").json();
    assertThat(covered(after)).isGreaterThanOrEqualTo(coveredAfterDecline);
    // Every withdrawn tasking is shown to its guarantor as withdrawn.
    for (var id : adopted.withdrawn()) {
      String owner =
          log().stream()
              .filter(e -> e instanceof DispatchEvent.TaskingWithdrawn w && w.tasking().equals(id))
              .map(e -> ((DispatchEvent.TaskingWithdrawn) e).guarantor().value())
              .findFirst()
              .orElseThrow();
      JsonNode seen = http.get("demo-" + owner, "/api/v1/taskings/" + id.value()).json();
      assertThat(seen.get("state").asText()).isEqualTo("WITHDRAWN");
    }
    // A restart replays the log into the same incident, withdrawn taskings and all.
    server.close();
    server = GuarantorServer.start(ServerConfig.local(0, data), null, null);
    http = new Http(server.port());
    JsonNode replayed = http.get("demo-SEC", "/api/v1/incidents/INC-000001").json();
    assertThat(replayed.get("taskings")).isEqualTo(after.get("taskings"));
    assertThat(replayed.get("shortfalls")).isEqualTo(after.get("shortfalls"));
  }

  private List<DispatchEvent.ReplanAdopted> adoptions() {
    return log().stream()
        .filter(e -> e instanceof DispatchEvent.ReplanAdopted)
        .map(e -> (DispatchEvent.ReplanAdopted) e)
        .toList();
  }

  /** The bundled treaty with re-prioritisation by severity turned on or left off. */
  private Path treaty(boolean reprioritise) throws Exception {
    String json;
    try (var in =
        org.guarantor.engine.scenario.TreatyFile.class.getResourceAsStream(
            org.guarantor.engine.scenario.TreatyFile.BUNDLED)) {
      json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String flag = "\"reprioritiseBySeverity\": " + reprioritise + ",";
    Path file = files.resolve("treaty.json");
    java.nio.file.Files.writeString(
        file, json.replace("\"backfillWindow\":", flag + " \"backfillWindow\":"));
    return file;
  }

  /**
   * Seven air attacks of severity 2 hold most air-defence systems; then one of severity 5 is short
   * of them. The secretariat asks for a re-plan of it.
   */
  private List<DispatchEvent.ReplanAdopted> severeAfterMild(boolean reprioritise) throws Exception {
    server =
        GuarantorServer.start(
            ServerConfig.local(0, data).withScenario(treaty(reprioritise)),
            ReplanApiTest::exact,
            Duration.ofSeconds(2));
    http = new Http(server.port());
    assertThat(server.engine().state().treaty().orElseThrow().reprioritiseBySeverity())
        .isEqualTo(reprioritise);
    for (int i = 1; i <= 7; i++) {
      file("mild-" + i, 2);
    }
    JsonNode severe = file("severe", 5);
    assertThat(severe.get("shortfalls")).as("the severe incident starts short").isNotEmpty();
    assertThat(http.post("demo-SEC", "/api/v1/incidents/INC-000008/replan", null).status())
        .isEqualTo(202);
    settled(1);
    return log().stream()
        .filter(e -> e instanceof DispatchEvent.ReplanAdopted)
        .map(e -> (DispatchEvent.ReplanAdopted) e)
        .toList();
  }

  @Test
  void when_the_treaty_allows_it_a_severe_incident_takes_from_milder_ones_explicitly()
      throws Exception {
    List<DispatchEvent.ReplanAdopted> adopted = severeAfterMild(true);

    assertThat(adopted).isNotEmpty();
    DispatchEvent.ReplanAdopted a = adopted.get(adopted.size() - 1);
    assertThat(a.incident().value()).isEqualTo("INC-000008");
    assertThat(a.trigger()).isEqualTo(Replan.Trigger.REPRIORITISED);
    assertThat(a.tookFrom()).isNotEmpty();
    assertThat(a.coveredAfter()).isGreaterThanOrEqualTo(a.coveredBefore());
    long gained =
        a.lines().stream()
            .filter(l -> l.incident().equals(a.incident()))
            .mapToLong(l -> l.after() - l.before())
            .sum();
    assertThat(gained).as("the severe incident gains").isPositive();
    for (IncidentId loser : a.tookFrom()) {
      assertThat(server.engine().state().incident(loser).orElseThrow().report().severity())
          .isLessThan(5);
    }
    // An auditor rebuilds each adopted re-plan from the log and decides it again.
    server.close();
    server = null;
    assertThat(Audits.assertAccountedFor(data).replanEvents()).isPositive();
  }

  @Test
  void when_the_treaty_does_not_allow_it_nothing_is_taken_from_another_incident() throws Exception {
    List<DispatchEvent.ReplanAdopted> adopted = severeAfterMild(false);

    for (DispatchEvent.ReplanAdopted a : adopted) {
      assertThat(a.tookFrom()).isEmpty();
      assertThat(a.trigger()).isNotEqualTo(Replan.Trigger.REPRIORITISED);
    }
    for (int i = 1; i <= 7; i++) {
      assertThat(server.engine().state().incident(IncidentId.number(i)).orElseThrow().taskings())
          .noneMatch(t -> t.state() == org.guarantor.domain.tasking.TaskingState.WITHDRAWN);
    }
  }

  private static long covered(JsonNode incident) {
    long sum = 0;
    for (JsonNode r : incident.get("requirements")) {
      sum += Math.min(r.get("quantity").asLong(), r.get("covered").asLong());
    }
    return sum;
  }
}
