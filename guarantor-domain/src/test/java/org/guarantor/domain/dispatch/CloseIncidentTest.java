package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.DispatchSpec.given;
import static org.guarantor.domain.dispatch.Events.AIR_3_AT_KYIV;
import static org.guarantor.domain.dispatch.Events.adopted;
import static org.guarantor.domain.dispatch.Events.airAttackAtKyiv;
import static org.guarantor.domain.dispatch.Events.inc;
import static org.guarantor.domain.dispatch.Events.reported;
import static org.guarantor.domain.dispatch.Events.then;
import static org.guarantor.domain.dispatch.Events.tsk;
import static org.guarantor.domain.treaty.TestTreaty.DEU;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.DEU_DESK;
import static org.guarantor.domain.treaty.TestTreaty.DONETSK;
import static org.guarantor.domain.treaty.TestTreaty.GBR;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_DESK;
import static org.guarantor.domain.treaty.TestTreaty.GBR_INT;
import static org.guarantor.domain.treaty.TestTreaty.OBSERVER;
import static org.guarantor.domain.treaty.TestTreaty.POL_DESK;
import static org.guarantor.domain.treaty.TestTreaty.SEC;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;
import static org.guarantor.domain.treaty.TestTreaty.corroborating;
import static org.guarantor.domain.treaty.TestTreaty.inTestOblast;
import static org.guarantor.domain.treaty.TestTreaty.report;
import static org.guarantor.domain.treaty.TestTreaty.treaty;

import java.time.Duration;
import java.time.Instant;
import org.guarantor.domain.dispatch.DispatchCommand.Acknowledge;
import org.guarantor.domain.dispatch.DispatchCommand.Decline;
import org.guarantor.domain.dispatch.DispatchCommand.ReportDelivered;
import org.guarantor.domain.dispatch.DispatchCommand.ReportMobilising;
import org.guarantor.domain.dispatch.DispatchCommand.Resolve;
import org.guarantor.domain.dispatch.DispatchCommand.StandDown;
import org.guarantor.domain.dispatch.DispatchCommand.Tick;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentClosed;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingAcknowledged;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingDelivered;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingReleased;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.tasking.TaskingState;
import org.junit.jupiter.api.Test;

/** Resolving and standing down: open taskings are released, then the incident is closed. */
class CloseIncidentTest {
  private static final Instant H8 = T0.plus(Duration.ofHours(8));
  private static final Instant H10 = T0.plus(Duration.ofHours(10));
  private static final Instant H11 = T0.plus(Duration.ofHours(11));

  @Test
  void the_protected_state_resolves_and_every_open_tasking_is_released() {
    DispatchSpec spec =
        given(airAttackAtKyiv())
            .when(new Resolve(UKR_OPS, H10, inc(1), "  strikes ended  "))
            .thenEvents(
                new TaskingReleased(H10, inc(1), tsk(1)),
                new TaskingReleased(H10, inc(1), tsk(2)),
                new TaskingReleased(H10, inc(1), tsk(3)),
                new IncidentClosed(H10, inc(1), IncidentState.RESOLVED, UKR, "strikes ended"));

    var incident = spec.state().incident(inc(1)).orElseThrow();
    assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(incident.closedAt()).isEqualTo(H10);
    assertThat(spec.state().held())
        .containsEntry(DEU_AD.id(), 0L)
        .containsEntry(GBR_AD.id(), 0L)
        .containsEntry(GBR_INT.id(), 0L);
    assertThat(spec.state().pendingTimers()).isZero();
  }

  @Test
  void the_secretariat_stands_down_and_delivered_taskings_are_not_released() {
    DispatchSpec spec =
        given(
                then(
                    airAttackAtKyiv(),
                    new TaskingAcknowledged(T0, inc(1), tsk(1), DEU),
                    new TaskingDelivered(H8, inc(1), tsk(1), DEU, 2, 2),
                    new TaskingDelivered(H8, inc(1), tsk(2), GBR, 1, 1)))
            .when(new StandDown(SECRETARIAT, H10, inc(1), null))
            .thenEvents(
                new TaskingReleased(H10, inc(1), tsk(2)),
                new TaskingReleased(H10, inc(1), tsk(3)),
                new IncidentClosed(H10, inc(1), IncidentState.STOOD_DOWN, SEC, ""));

    // What was sent stays counted: all of TSK-1, the one delivered system of TSK-2.
    assertThat(spec.state().held())
        .containsEntry(DEU_AD.id(), 2L)
        .containsEntry(GBR_AD.id(), 1L)
        .containsEntry(GBR_INT.id(), 0L);
    assertThat(spec.state().tasking(tsk(2)).orElseThrow().state()).isEqualTo(TaskingState.RELEASED);
  }

  @Test
  void a_tasked_guarantor_may_not_close_an_incident() {
    given(airAttackAtKyiv())
        .when(new Resolve(DEU_DESK, H10, inc(1), "done"))
        .thenRejected(Reason.of("", ReasonType.FORBIDDEN, DEU, "resolve incidents"));
    given(airAttackAtKyiv())
        .when(new StandDown(GBR_DESK, H10, inc(1), "done"))
        .thenRejected(Reason.of("", ReasonType.FORBIDDEN, GBR, "stand down incidents"));
  }

  @Test
  void a_guarantor_not_tasked_on_an_incident_does_not_see_it() {
    given(airAttackAtKyiv())
        .when(new Resolve(POL_DESK, H10, inc(1), "done"))
        .thenRejected(Reason.of("/incident", ReasonType.NOT_FOUND, "incident", "INC-000001"));
  }

  @Test
  void an_observer_may_not_close_an_incident() {
    given(airAttackAtKyiv())
        .when(new Resolve(OBSERVER, H10, inc(1), "done"))
        .thenRejected(Reason.of("", ReasonType.FORBIDDEN, "OBS", "resolve incidents"));
  }

  @Test
  void a_closed_incident_cannot_be_closed_again() {
    given(
            then(
                airAttackAtKyiv(),
                new TaskingReleased(H10, inc(1), tsk(1)),
                new TaskingReleased(H10, inc(1), tsk(2)),
                new TaskingReleased(H10, inc(1), tsk(3)),
                new IncidentClosed(H10, inc(1), IncidentState.RESOLVED, UKR, "")))
        .when(new StandDown(SECRETARIAT, H11, inc(1), ""))
        .thenRejected(
            Reason.of(
                "/incident",
                ReasonType.WRONG_STATE,
                "incident",
                "INC-000001",
                "RESOLVED",
                "stand down"));
  }

  @Test
  void an_out_of_scope_incident_is_already_closed() {
    given(
            adopted(treaty()),
            reported(
                T0,
                1,
                "call-1",
                report(ThreatType.AIR_ATTACK, 3, DONETSK),
                org.guarantor.domain.treaty.TestTreaty.inExcludedOblast()),
            new DispatchEvent.IncidentOutOfScope(T0, inc(1), "outside"))
        .when(new Resolve(UKR_OPS, H10, inc(1), ""))
        .thenRejected(
            Reason.of(
                "/incident",
                ReasonType.WRONG_STATE,
                "incident",
                "INC-000001",
                "OUT_OF_SCOPE",
                "resolve"));
  }

  @Test
  void an_incident_awaiting_corroboration_may_be_stood_down() {
    given(
            adopted(corroborating(2, Duration.ofHours(6))),
            reported(T0, 1, "call-1", AIR_3_AT_KYIV, inTestOblast()),
            new DispatchEvent.IncidentAwaitingCorroboration(
                T0, inc(1), 2, T0.plus(Duration.ofHours(6))))
        .when(new StandDown(UKR_OPS, H10, inc(1), "false alarm"))
        .thenEvents(new IncidentClosed(H10, inc(1), IncidentState.STOOD_DOWN, UKR, "false alarm"));
  }

  @Test
  void a_note_longer_than_4000_characters_is_refused() {
    given(airAttackAtKyiv())
        .when(new Resolve(UKR_OPS, H10, inc(1), "n".repeat(4001)))
        .thenRejected(Reason.of("/note", ReasonType.TOO_LONG, "note", 4000));
  }

  @Test
  void a_note_that_cannot_be_stored_is_refused() {
    given(airAttackAtKyiv())
        .when(new Resolve(UKR_OPS, H10, inc(1), "\uDFFF"))
        .thenRejected(
            Reason.of(
                "/note",
                ReasonType.INVALID_VALUE,
                "note",
                "text",
                "character 0 is an unpaired UTF-16 surrogate (\\uDFFF), which no text encoding"
                    + " can store"));
  }

  @Test
  void commands_on_a_closed_incidents_taskings_are_the_wrong_state() {
    DispatchSpec spec =
        given(
            then(
                airAttackAtKyiv(),
                new TaskingReleased(H10, inc(1), tsk(1)),
                new TaskingReleased(H10, inc(1), tsk(2)),
                new TaskingReleased(H10, inc(1), tsk(3)),
                new IncidentClosed(H10, inc(1), IncidentState.RESOLVED, UKR, "")));

    spec.when(new Acknowledge(DEU_DESK, H11, tsk(1)))
        .thenRejected(TaskingCommandsTest.wrongState(1, "RELEASED", "acknowledge"));
    spec.when(new Decline(DEU_DESK, H11, tsk(1), "too late"))
        .thenRejected(TaskingCommandsTest.wrongState(1, "RELEASED", "decline"));
    spec.when(new ReportMobilising(DEU_DESK, H11, tsk(1)))
        .thenRejected(TaskingCommandsTest.wrongState(1, "RELEASED", "report mobilising"));
    spec.when(new ReportDelivered(DEU_DESK, H11, tsk(1), 1))
        .thenRejected(TaskingCommandsTest.wrongState(1, "RELEASED", "report delivered"));
    spec.when(new Tick(SECRETARIAT, T0.plus(Duration.ofDays(10)))).thenEvents();
  }
}
