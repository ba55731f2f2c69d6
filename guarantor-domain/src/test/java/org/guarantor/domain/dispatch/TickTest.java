package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.DispatchSpec.given;
import static org.guarantor.domain.dispatch.Events.DUE_12H;
import static org.guarantor.domain.dispatch.Events.DUE_6H;
import static org.guarantor.domain.dispatch.Events.airAttackAtKyiv;
import static org.guarantor.domain.dispatch.Events.inc;
import static org.guarantor.domain.dispatch.Events.then;
import static org.guarantor.domain.dispatch.Events.tsk;
import static org.guarantor.domain.treaty.TestTreaty.DEU;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.DEU_DESK;
import static org.guarantor.domain.treaty.TestTreaty.GBR;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.KYIV;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.guarantor.domain.dispatch.DispatchCommand.Tick;
import org.guarantor.domain.dispatch.DispatchEvent.Deadline;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingAcknowledged;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingBreached;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingDelivered;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingEscalated;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingOverdue;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.tasking.TaskingState;
import org.junit.jupiter.api.Test;

/**
 * Deadlines: the standard call's taskings must be acknowledged by hour 1; the feeds delivered by
 * hour 6, the systems by hour 12 (and ready to fly by hour 12 less the flight). A missed
 * acknowledgement or delivery escalates with a grace period of 2 h.
 */
class TickTest {
  private static final Instant ACK_DUE = T0.plus(Duration.ofHours(1));
  private static final Duration GRACE = Duration.ofHours(2);

  private static List<DispatchEvent> allAcknowledged() {
    return then(
        airAttackAtKyiv(),
        new TaskingAcknowledged(T0, inc(1), tsk(1), DEU),
        new TaskingAcknowledged(T0, inc(1), tsk(2), GBR),
        new TaskingAcknowledged(T0, inc(1), tsk(3), GBR));
  }

  private static TaskingOverdue overdue(Instant at, int tasking, Deadline d, Instant dueAt) {
    return new TaskingOverdue(at, inc(1), tsk(tasking), d, dueAt);
  }

  private static TaskingEscalated escalated(
      Instant at, int tasking, PartyCode guarantor, Deadline d, Instant dueAt) {
    return new TaskingEscalated(at, inc(1), tsk(tasking), guarantor, d, dueAt, dueAt.plus(GRACE));
  }

  /** The delivery deadline less the flight from the hub: when the systems must be ready to go. */
  private static Instant readyBy(Pledge pledge) {
    Duration travel =
        Duration.between(T0.plus(pledge.readiness()), Events.arrival(pledge, T0, KYIV));
    return DUE_12H.minus(travel);
  }

  @Test
  void before_any_deadline_nothing_happens() {
    given(airAttackAtKyiv()).when(new Tick(SECRETARIAT, ACK_DUE.minusSeconds(1))).thenEvents();
  }

  @Test
  void a_passed_acknowledgement_deadline_makes_each_unacknowledged_tasking_overdue_and_escalates() {
    DispatchSpec spec =
        given(airAttackAtKyiv())
            .when(new Tick(SECRETARIAT, ACK_DUE))
            .thenEvents(
                overdue(ACK_DUE, 1, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
                escalated(ACK_DUE, 1, DEU, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
                overdue(ACK_DUE, 2, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
                escalated(ACK_DUE, 2, GBR, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
                overdue(ACK_DUE, 3, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
                escalated(ACK_DUE, 3, GBR, Deadline.ACKNOWLEDGEMENT, ACK_DUE));

    assertThat(spec.state().tasking(tsk(1)).orElseThrow().state()).isEqualTo(TaskingState.OVERDUE);
  }

  @Test
  void an_acknowledgement_deadline_fires_exactly_once() {
    DispatchSpec spec = given(airAttackAtKyiv()).when(new Tick(SECRETARIAT, ACK_DUE));

    spec.when(new Tick(SECRETARIAT, ACK_DUE)).thenEvents();
    spec.when(new Tick(SECRETARIAT, ACK_DUE.plus(Duration.ofMinutes(30)))).thenEvents();
  }

  @Test
  void an_acknowledged_tasking_is_not_overdue() {
    Instant at = ACK_DUE.plusSeconds(1);
    given(then(airAttackAtKyiv(), new TaskingAcknowledged(T0, inc(1), tsk(1), DEU)))
        .when(new Tick(SECRETARIAT, at))
        .thenEvents(
            overdue(at, 2, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
            escalated(at, 2, GBR, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
            overdue(at, 3, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
            escalated(at, 3, GBR, Deadline.ACKNOWLEDGEMENT, ACK_DUE));
  }

  @Test
  void a_passed_delivery_deadline_with_quantity_outstanding_is_overdue_and_escalates() {
    given(allAcknowledged())
        .when(new Tick(SECRETARIAT, DUE_6H))
        .thenEvents(
            overdue(DUE_6H, 3, Deadline.DELIVERY, DUE_6H),
            escalated(DUE_6H, 3, GBR, Deadline.DELIVERY, DUE_6H));
  }

  @Test
  void a_passed_readiness_deadline_is_a_notice_for_what_is_not_yet_moving() {
    Instant gbrReady = readyBy(GBR_AD);
    assertThat(gbrReady).isAfter(DUE_6H).isBefore(readyBy(DEU_AD));

    given(then(allAcknowledged(), new TaskingDelivered(DUE_6H, inc(1), tsk(3), GBR, 2, 2)))
        .when(new Tick(SECRETARIAT, gbrReady))
        .thenEvents(overdue(gbrReady, 2, Deadline.READINESS, gbrReady));
  }

  @Test
  void a_partial_delivery_is_overdue_and_a_full_one_is_not() {
    Instant h8 = T0.plus(Duration.ofHours(8));
    Instant at = DUE_12H.plusSeconds(1);

    given(
            then(
                allAcknowledged(),
                new TaskingDelivered(h8, inc(1), tsk(1), DEU, 1, 1),
                new TaskingDelivered(h8, inc(1), tsk(2), GBR, 2, 2),
                new TaskingDelivered(h8, inc(1), tsk(3), GBR, 2, 2)))
        .when(new Tick(SECRETARIAT, at))
        .thenEvents(
            overdue(at, 1, Deadline.DELIVERY, DUE_12H),
            escalated(at, 1, DEU, Deadline.DELIVERY, DUE_12H));
  }

  @Test
  void one_late_tick_fires_every_passed_deadline_in_due_order_and_the_grace_periods_at_the_next() {
    Instant late = DUE_12H.plus(Duration.ofHours(1));

    DispatchSpec spec =
        given(airAttackAtKyiv())
            .when(new Tick(SECRETARIAT, late))
            .thenEvents(
                overdue(late, 1, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
                escalated(late, 1, DEU, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
                overdue(late, 2, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
                escalated(late, 2, GBR, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
                overdue(late, 3, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
                escalated(late, 3, GBR, Deadline.ACKNOWLEDGEMENT, ACK_DUE),
                overdue(late, 3, Deadline.DELIVERY, DUE_6H),
                escalated(late, 3, GBR, Deadline.DELIVERY, DUE_6H),
                overdue(late, 2, Deadline.READINESS, readyBy(GBR_AD)),
                overdue(late, 1, Deadline.READINESS, readyBy(DEU_AD)),
                overdue(late, 1, Deadline.DELIVERY, DUE_12H),
                escalated(late, 1, DEU, Deadline.DELIVERY, DUE_12H),
                overdue(late, 2, Deadline.DELIVERY, DUE_12H),
                escalated(late, 2, GBR, Deadline.DELIVERY, DUE_12H));

    List<DispatchEvent> next = spec.when(new Tick(SECRETARIAT, late)).accepted().events();
    assertThat(next.stream().filter(e -> e instanceof TaskingBreached).count())
        .as("each tasking is breached once, though two of its grace periods have ended")
        .isEqualTo(3);
    for (int n = 1; n <= 3; n++) {
      assertThat(spec.state().tasking(tsk(n)).orElseThrow().state())
          .isEqualTo(TaskingState.BREACHED);
    }
    spec.when(new Tick(SECRETARIAT, late)).thenEvents();
  }

  @Test
  void the_next_due_time_is_the_earliest_pending_deadline() {
    DispatchSpec spec = given(airAttackAtKyiv());
    assertThat(spec.state().nextDue()).contains(ACK_DUE);

    spec.when(new Tick(SECRETARIAT, ACK_DUE));
    assertThat(spec.state().nextDue()).contains(ACK_DUE.plus(GRACE));
  }

  @Test
  void only_the_secretariat_drives_the_clock() {
    given(airAttackAtKyiv())
        .when(new Tick(UKR_OPS, ACK_DUE))
        .thenRejected(Reason.of("", ReasonType.FORBIDDEN, "UKR", "advance the clock"));
    given(airAttackAtKyiv())
        .when(new Tick(DEU_DESK, ACK_DUE))
        .thenRejected(Reason.of("", ReasonType.FORBIDDEN, "DEU", "advance the clock"));
  }
}
