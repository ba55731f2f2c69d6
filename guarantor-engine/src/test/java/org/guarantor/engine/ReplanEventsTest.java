package org.guarantor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.Replan;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.codec.EventCodec;
import org.guarantor.engine.codec.Json;
import org.guarantor.engine.scenario.TreatyFile;
import org.guarantor.store.EventLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The re-plan's events in the log: lossless, canonical, and rebuilt by replay. */
class ReplanEventsTest {
  @TempDir Path dir;

  @Test
  void a_re_plan_round_trips_through_the_log_and_replays_into_the_same_incident() {
    TestClock clock = new TestClock(Fixture.T0);
    EventCodec codec = new EventCodec();
    Set<String> types = new HashSet<>();
    Incident live;
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      engine.execute(at -> Fixture.report(at, "a", ThreatType.AIR_ATTACK, 3, 49.99, 36.23));
      Incident i = engine.state().incidents().iterator().next();
      Tasking t = i.taskings().get(0);
      // Withdraw the first tasking and issue the same quantity of the same pledge anew.
      Replan r =
          new Replan(
              i.id(),
              Replan.Trigger.REQUESTED,
              engine.state().eventCount(),
              List.of(t.id()),
              List.of(new Replan.Issue(i.id(), t.line(), t.pledge(), t.quantity().amount())),
              new Replan.Solver("OPTIMAL", 7, java.time.Duration.ofSeconds(2), null));
      Outcome o = engine.execute(at -> new DispatchCommand.AdoptReplan(Engine.SYSTEM, at, r));
      assertThat(o.accepted()).as(o.decision().toString()).isTrue();
      live = engine.state().incident(i.id()).orElseThrow();
      engine.close();
      List<DispatchEvent> all = new ArrayList<>();
      log.readAfter(
          0,
          stored -> {
            DispatchEvent e = codec.decode(stored.type(), stored.payload());
            assertThat(codec.encode(e)).isEqualTo(stored.payload());
            assertThat(codec.decode(stored.type(), codec.encode(e))).isEqualTo(e);
            types.add(stored.type());
            all.add(e);
          });
      assertThat(types).contains("TaskingWithdrawn", "ReplanAdopted");

      Engine again = Fixture.start(log, clock);
      Incident replayed = again.state().incident(i.id()).orElseThrow();
      assertThat(replayed.taskings()).isEqualTo(live.taskings());
      assertThat(replayed.shortfalls()).isEqualTo(live.shortfalls());
      assertThat(again.state().held()).isEqualTo(engine.state().held());
      again.close();
    }
  }

  @Test
  void treaty_files_without_the_re_prioritisation_flag_still_load_and_never_re_prioritise()
      throws Exception {
    Treaty bundled = TreatyFile.bundled();
    assertThat(bundled.reprioritiseBySeverity()).isFalse();

    String json = Json.mapper().writeValueAsString(bundled);
    assertThat(json).contains("\"reprioritiseBySeverity\":false");
    String without = json.replace("\"reprioritiseBySeverity\":false,", "");
    assertThat(without).doesNotContain("reprioritiseBySeverity");
    Treaty old =
        TreatyFile.read(new ByteArrayInputStream(without.getBytes(StandardCharsets.UTF_8)), "old");
    assertThat(old).isEqualTo(bundled);

    String on = json.replace("\"reprioritiseBySeverity\":false", "\"reprioritiseBySeverity\":true");
    Treaty allowing =
        TreatyFile.read(new ByteArrayInputStream(on.getBytes(StandardCharsets.UTF_8)), "on");
    assertThat(allowing.reprioritiseBySeverity()).isTrue();
  }
}
