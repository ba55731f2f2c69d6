package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.DispatchSpec.given;
import static org.guarantor.domain.dispatch.Events.DUE_12H;
import static org.guarantor.domain.dispatch.Events.airAttackAtKyiv;
import static org.guarantor.domain.dispatch.Events.inc;
import static org.guarantor.domain.dispatch.Events.issued;
import static org.guarantor.domain.dispatch.Events.shortfall;
import static org.guarantor.domain.dispatch.Events.then;
import static org.guarantor.domain.dispatch.Events.tsk;
import static org.guarantor.domain.treaty.TestTreaty.DEU;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.DEU_DESK;
import static org.guarantor.domain.treaty.TestTreaty.GBR;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_DESK;
import static org.guarantor.domain.treaty.TestTreaty.OBSERVER;
import static org.guarantor.domain.treaty.TestTreaty.POL_DESK;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;

import java.time.Duration;
import java.time.Instant;
import org.guarantor.domain.dispatch.DispatchCommand.Acknowledge;
import org.guarantor.domain.dispatch.DispatchCommand.Decline;
import org.guarantor.domain.dispatch.DispatchCommand.ReportDelivered;
import org.guarantor.domain.dispatch.DispatchCommand.ReportMobilising;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingAcknowledged;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingDeclined;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingDelivered;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingMobilising;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.TaskingState;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A guarantor's commands on its taskings. Given the standard call: TSK-000001 (Germany, 2 systems,
 * line 1), TSK-000002 (United Kingdom, 2 systems, line 1), TSK-000003 (United Kingdom, 2 feeds,
 * line 2).
 */
class TaskingCommandsTest {
  private static final Instant H1 = T0.plus(Duration.ofHours(1));
  private static final Instant H2 = T0.plus(Duration.ofHours(2));
  private static final Instant H8 = T0.plus(Duration.ofHours(8));
  private static final Instant H9 = T0.plus(Duration.ofHours(9));

  private static TaskingState stateOf(DispatchSpec spec, int tasking) {
    return spec.state().tasking(tsk(tasking)).orElseThrow().state();
  }

  @Nested
  class Acknowledging {
    @Test
    void a_guarantor_acknowledges_its_own_tasking() {
      DispatchSpec spec =
          given(airAttackAtKyiv())
              .when(new Acknowledge(DEU_DESK, H1, tsk(1)))
              .thenEvents(new TaskingAcknowledged(H1, inc(1), tsk(1), DEU));

      assertThat(spec.accepted().subject()).isEqualTo("TSK-000001");
      assertThat(stateOf(spec, 1)).isEqualTo(TaskingState.ACKNOWLEDGED);
      assertThat(spec.state().tasking(tsk(1)).orElseThrow().acknowledgedAt()).isEqualTo(H1);
    }

    @Test
    void another_guarantors_tasking_does_not_exist_for_it() {
      Reason notFound = Reason.of("/tasking", ReasonType.NOT_FOUND, "tasking", "TSK-000001");

      given(airAttackAtKyiv()).when(new Acknowledge(POL_DESK, H1, tsk(1))).thenRejected(notFound);
      given(airAttackAtKyiv()).when(new Acknowledge(GBR_DESK, H1, tsk(1))).thenRejected(notFound);
    }

    @Test
    void an_observer_sees_no_tasking() {
      given(airAttackAtKyiv())
          .when(new Acknowledge(OBSERVER, H1, tsk(1)))
          .thenRejected(Reason.of("/tasking", ReasonType.NOT_FOUND, "tasking", "TSK-000001"));
    }

    @Test
    void the_secretariat_and_the_protected_state_see_it_but_may_not_act_on_it() {
      given(airAttackAtKyiv())
          .when(new Acknowledge(SECRETARIAT, H1, tsk(1)))
          .thenRejected(Reason.of("", ReasonType.FORBIDDEN, "SEC", "acknowledge this tasking"));
      given(airAttackAtKyiv())
          .when(new Acknowledge(UKR_OPS, H1, tsk(1)))
          .thenRejected(Reason.of("", ReasonType.FORBIDDEN, "UKR", "acknowledge this tasking"));
    }

    @Test
    void an_unknown_tasking_is_not_found() {
      given(airAttackAtKyiv())
          .when(new Acknowledge(DEU_DESK, H1, tsk(42)))
          .thenRejected(Reason.of("/tasking", ReasonType.NOT_FOUND, "tasking", "TSK-000042"));
    }

    @Test
    void an_overdue_tasking_may_still_be_acknowledged() {
      given(
              then(
                  airAttackAtKyiv(),
                  new DispatchEvent.TaskingOverdue(
                      H1, inc(1), tsk(1), DispatchEvent.Deadline.ACKNOWLEDGEMENT, H1)))
          .when(new Acknowledge(DEU_DESK, H2, tsk(1)))
          .thenEvents(new TaskingAcknowledged(H2, inc(1), tsk(1), DEU));
    }

    @Test
    void acknowledging_twice_is_the_wrong_state() {
      given(then(airAttackAtKyiv(), new TaskingAcknowledged(H1, inc(1), tsk(1), DEU)))
          .when(new Acknowledge(DEU_DESK, H2, tsk(1)))
          .thenRejected(wrongState(1, "ACKNOWLEDGED", "acknowledge"));
    }

    @Test
    void a_delivered_tasking_cannot_be_acknowledged() {
      given(
              then(
                  airAttackAtKyiv(),
                  new TaskingAcknowledged(H1, inc(1), tsk(1), DEU),
                  new TaskingDelivered(H8, inc(1), tsk(1), DEU, 2, 2)))
          .when(new Acknowledge(DEU_DESK, H9, tsk(1)))
          .thenRejected(wrongState(1, "DELIVERED", "acknowledge"));
    }
  }

  @Nested
  class Declining {
    @Test
    void a_declined_quantity_goes_to_the_next_pledge_that_can_arrive_in_time() {
      DispatchSpec spec =
          given(airAttackAtKyiv())
              .when(new Decline(DEU_DESK, H1, tsk(1), "  systems needed at home  "))
              .thenEvents(
                  new TaskingDeclined(H1, inc(1), tsk(1), DEU, "systems needed at home"),
                  // Issued now, from now: the UK's remaining two systems still make hour 12.
                  issued(H1, 1, 4, 1, GBR_AD, 2, DUE_12H));

      assertThat(stateOf(spec, 1)).isEqualTo(TaskingState.DECLINED);
      assertThat(spec.state().tasking(tsk(1)).orElseThrow().declineReason())
          .isEqualTo("systems needed at home");
      assertThat(spec.state().held()).containsEntry(DEU_AD.id(), 0L).containsEntry(GBR_AD.id(), 4L);
    }

    @Test
    void a_pledge_that_declined_a_line_is_never_asked_again_for_that_line() {
      // Germany declined; its two systems are free again, but not for line 1 of this incident.
      given(
              then(
                  airAttackAtKyiv(),
                  new TaskingDeclined(H1, inc(1), tsk(1), DEU, "needed at home"),
                  issued(H1, 1, 4, 1, GBR_AD, 2, DUE_12H)))
          .when(new Decline(GBR_DESK, H2, tsk(4), "no more crews"))
          .thenEvents(
              new TaskingDeclined(H2, inc(1), tsk(4), GBR, "no more crews"),
              shortfall(
                  H2,
                  1,
                  1,
                  Capability.AIR_DEFENCE,
                  2,
                  Unit.SYSTEMS,
                  "no pledge of AIR_DEFENCE in SYSTEMS can arrive by the deadline"));
    }

    @Test
    void a_replacement_must_still_arrive_by_the_lines_deadline() {
      Instant h3 = T0.plus(Duration.ofHours(3));

      // From hour 3 the UK's systems would arrive after hour 12.
      given(airAttackAtKyiv())
          .when(new Decline(DEU_DESK, h3, tsk(1), "needed at home"))
          .thenEvents(
              new TaskingDeclined(h3, inc(1), tsk(1), DEU, "needed at home"),
              shortfall(
                  h3,
                  1,
                  1,
                  Capability.AIR_DEFENCE,
                  2,
                  Unit.SYSTEMS,
                  "no pledge of AIR_DEFENCE in SYSTEMS can arrive by the deadline"));
    }

    @Test
    void a_decline_nobody_can_backfill_is_a_shortfall() {
      given(airAttackAtKyiv())
          .when(new Decline(GBR_DESK, H1, tsk(3), "feed down"))
          .thenEvents(
              new TaskingDeclined(H1, inc(1), tsk(3), GBR, "feed down"),
              shortfall(
                  H1,
                  1,
                  2,
                  Capability.INTELLIGENCE,
                  2,
                  Unit.FEEDS,
                  "no pledge of INTELLIGENCE in FEEDS can arrive by the deadline"));
    }

    @Test
    void a_decline_needs_a_reason() {
      Reason required = Reason.of("/reason", ReasonType.REQUIRED, "reason");

      given(airAttackAtKyiv()).when(new Decline(DEU_DESK, H1, tsk(1), null)).thenRejected(required);
      given(airAttackAtKyiv()).when(new Decline(DEU_DESK, H1, tsk(1), " ")).thenRejected(required);
    }

    @Test
    void a_reason_longer_than_4000_characters_is_refused() {
      given(airAttackAtKyiv())
          .when(new Decline(DEU_DESK, H1, tsk(1), "r".repeat(4001)))
          .thenRejected(Reason.of("/reason", ReasonType.TOO_LONG, "reason", 4000));
    }

    @Test
    void a_reason_that_cannot_be_stored_is_refused() {
      given(airAttackAtKyiv())
          .when(new Decline(DEU_DESK, H1, tsk(1), "no lift \uD800"))
          .thenRejected(
              Reason.of(
                  "/reason",
                  ReasonType.INVALID_VALUE,
                  "reason",
                  "text",
                  "character 8 is an unpaired UTF-16 surrogate (\\uD800), which no text encoding"
                      + " can store"));
    }

    @Test
    void a_tasking_with_deliveries_cannot_be_declined() {
      given(
              then(
                  airAttackAtKyiv(),
                  new TaskingAcknowledged(H1, inc(1), tsk(1), DEU),
                  new TaskingDelivered(H8, inc(1), tsk(1), DEU, 1, 1)))
          .when(new Decline(DEU_DESK, H9, tsk(1), "changed our mind"))
          .thenRejected(wrongState(1, "PARTIALLY_DELIVERED", "decline"));
    }

    @Test
    void declining_twice_is_the_wrong_state() {
      given(
              then(
                  airAttackAtKyiv(),
                  new TaskingDeclined(H1, inc(1), tsk(1), DEU, "needed at home"),
                  issued(H1, 1, 4, 1, GBR_AD, 2, DUE_12H)))
          .when(new Decline(DEU_DESK, H2, tsk(1), "still needed"))
          .thenRejected(wrongState(1, "DECLINED", "decline"));
    }

    @Test
    void another_guarantors_tasking_cannot_be_declined() {
      given(airAttackAtKyiv())
          .when(new Decline(GBR_DESK, H1, tsk(1), "not ours"))
          .thenRejected(Reason.of("/tasking", ReasonType.NOT_FOUND, "tasking", "TSK-000001"));
    }
  }

  @Nested
  class Mobilising {
    @Test
    void mobilising_from_issued_implies_the_acknowledgement() {
      DispatchSpec spec =
          given(airAttackAtKyiv())
              .when(new ReportMobilising(DEU_DESK, H1, tsk(1)))
              .thenEvents(
                  new TaskingAcknowledged(H1, inc(1), tsk(1), DEU),
                  new TaskingMobilising(H1, inc(1), tsk(1), DEU));

      assertThat(stateOf(spec, 1)).isEqualTo(TaskingState.MOBILISING);
      assertThat(spec.state().tasking(tsk(1)).orElseThrow().acknowledgedAt()).isEqualTo(H1);
    }

    @Test
    void mobilising_after_an_acknowledgement_is_just_mobilising() {
      given(then(airAttackAtKyiv(), new TaskingAcknowledged(H1, inc(1), tsk(1), DEU)))
          .when(new ReportMobilising(DEU_DESK, H2, tsk(1)))
          .thenEvents(new TaskingMobilising(H2, inc(1), tsk(1), DEU));
    }

    @Test
    void mobilising_twice_is_the_wrong_state() {
      given(
              then(
                  airAttackAtKyiv(),
                  new TaskingAcknowledged(H1, inc(1), tsk(1), DEU),
                  new TaskingMobilising(H1, inc(1), tsk(1), DEU)))
          .when(new ReportMobilising(DEU_DESK, H2, tsk(1)))
          .thenRejected(wrongState(1, "MOBILISING", "report mobilising"));
    }
  }

  @Nested
  class Delivering {
    @Test
    void a_partial_delivery_then_the_rest_completes_the_tasking() {
      DispatchSpec spec =
          given(airAttackAtKyiv())
              .when(new ReportDelivered(DEU_DESK, H8, tsk(1), 1))
              .thenEvents(
                  new TaskingAcknowledged(H8, inc(1), tsk(1), DEU),
                  new TaskingDelivered(H8, inc(1), tsk(1), DEU, 1, 1));
      assertThat(stateOf(spec, 1)).isEqualTo(TaskingState.PARTIALLY_DELIVERED);
      assertThat(spec.state().tasking(tsk(1)).orElseThrow().outstanding()).isEqualTo(1);

      spec.when(new ReportDelivered(DEU_DESK, H9, tsk(1), 1))
          .thenEvents(new TaskingDelivered(H9, inc(1), tsk(1), DEU, 1, 2));
      assertThat(stateOf(spec, 1)).isEqualTo(TaskingState.DELIVERED);
      assertThat(spec.state().tasking(tsk(1)).orElseThrow().outstanding()).isZero();
      // Delivered capacity stays in use: it was sent.
      assertThat(spec.state().held()).containsEntry(DEU_AD.id(), 2L);
    }

    @Test
    void delivering_more_than_tasked_is_an_over_delivery() {
      given(then(airAttackAtKyiv(), new TaskingDelivered(H8, inc(1), tsk(1), DEU, 1, 1)))
          .when(new ReportDelivered(DEU_DESK, H9, tsk(1), 2))
          .thenRejected(Reason.of("/quantity", ReasonType.OVER_DELIVERY, 2, "2 SYSTEMS", 1));
    }

    @Test
    void an_enormous_delivery_is_an_over_delivery_not_an_overflow() {
      given(then(airAttackAtKyiv(), new TaskingDelivered(H8, inc(1), tsk(1), DEU, 1, 1)))
          .when(new ReportDelivered(DEU_DESK, H9, tsk(1), Long.MAX_VALUE))
          .thenRejected(
              Reason.of("/quantity", ReasonType.OVER_DELIVERY, Long.MAX_VALUE, "2 SYSTEMS", 1));
    }

    @Test
    void a_delivery_of_nothing_is_out_of_range() {
      given(airAttackAtKyiv())
          .when(new ReportDelivered(DEU_DESK, H8, tsk(1), 0))
          .thenRejected(Reason.of("/quantity", ReasonType.OUT_OF_RANGE, "quantity", 1, 2, 0));
    }

    @Test
    void a_delivered_tasking_takes_no_more_deliveries() {
      given(then(airAttackAtKyiv(), new TaskingDelivered(H8, inc(1), tsk(1), DEU, 2, 2)))
          .when(new ReportDelivered(DEU_DESK, H9, tsk(1), 1))
          .thenRejected(wrongState(1, "DELIVERED", "report delivered"));
    }

    @Test
    void a_completed_delivery_stops_its_clocks() {
      DispatchSpec spec = given(airAttackAtKyiv());
      // Acknowledgement and delivery for each of the three; readiness for the two flown in.
      assertThat(spec.state().pendingTimers()).isEqualTo(8);

      spec.when(new ReportDelivered(DEU_DESK, H8, tsk(1), 2));

      assertThat(spec.state().pendingTimers()).isEqualTo(5);
    }
  }

  static Reason wrongState(int tasking, String state, String verb) {
    return Reason.of("/tasking", ReasonType.WRONG_STATE, "tasking", tsk(tasking), state, verb);
  }
}
