package org.guarantor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.engine.codec.EventCodec;
import org.guarantor.store.EventLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every stored event reads back as the same value and re-encodes to the same bytes. */
class CodecTest {
  @TempDir Path dir;

  @Test
  void stored_events_round_trip_losslessly_and_canonically() {
    TestClock clock = new TestClock(Fixture.T0);
    EventCodec codec = new EventCodec();
    Set<String> types = new HashSet<>();
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      engine.execute(at -> Fixture.report(at, "a", ThreatType.GROUND_INVASION, 5, 50.45, 30.52));
      engine.execute(at -> Fixture.report(at, "b", ThreatType.AIR_ATTACK, 2, 44.95, 34.10));
      Tasking t = engine.state().incidents().iterator().next().taskings().get(0);
      Actor g = new Actor(t.guarantor(), Role.GUARANTOR);
      engine.execute(at -> new DispatchCommand.Decline(g, at, t.id(), "not available"));
      Tasking u = engine.state().incidents().iterator().next().taskings().get(1);
      Actor h = new Actor(u.guarantor(), Role.GUARANTOR);
      engine.execute(at -> new DispatchCommand.ReportMobilising(h, at, u.id()));
      engine.execute(at -> new DispatchCommand.ReportDelivered(h, at, u.id(), 1));
      // Past the acknowledgement deadline, within the grace period: open taskings to release.
      clock.advance(Duration.ofMinutes(90));
      engine.execute(at -> new DispatchCommand.Tick(Engine.SYSTEM, at));
      engine.execute(at -> new DispatchCommand.StandDown(Engine.SYSTEM, at, t.incident(), "over"));
      engine.close();
      log.readAfter(
          0,
          stored -> {
            DispatchEvent e = codec.decode(stored.type(), stored.payload());
            assertThat(codec.encode(e)).isEqualTo(stored.payload());
            assertThat(codec.decode(stored.type(), codec.encode(e))).isEqualTo(e);
            types.add(stored.type());
          });
    }
    assertThat(types)
        .contains(
            "TreatyAdopted",
            "IncidentReported",
            "IncidentActivated",
            "IncidentOutOfScope",
            "TaskingIssued",
            "TaskingDeclined",
            "TaskingAcknowledged",
            "TaskingMobilising",
            "TaskingDelivered",
            "TaskingOverdue",
            "TaskingReleased",
            "IncidentClosed");
  }
}
