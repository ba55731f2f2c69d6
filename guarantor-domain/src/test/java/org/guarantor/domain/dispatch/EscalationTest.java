package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.Events.AIR_3_AT_KYIV;
import static org.guarantor.domain.dispatch.Events.inc;
import static org.guarantor.domain.dispatch.Events.tsk;
import static org.guarantor.domain.treaty.TestTreaty.ADOPTED_AT;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AF;
import static org.guarantor.domain.treaty.TestTreaty.DEU_DESK;
import static org.guarantor.domain.treaty.TestTreaty.GBR;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_DESK;
import static org.guarantor.domain.treaty.TestTreaty.GBR_INT;
import static org.guarantor.domain.treaty.TestTreaty.POL;
import static org.guarantor.domain.treaty.TestTreaty.POL_AF;
import static org.guarantor.domain.treaty.TestTreaty.POL_WPN;
import static org.guarantor.domain.treaty.TestTreaty.RZESZOW;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.domain.dispatch.DispatchEvent.ConsequenceApplied;
import org.guarantor.domain.dispatch.DispatchEvent.Deadline;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentDecisionOverdue;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingBackfilled;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingBreached;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingEscalated;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingIssued;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingLate;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingOverdue;
import org.guarantor.domain.ledger.GuarantorRecord;
import org.guarantor.domain.ledger.UnitFigures;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.pledge.Transport;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.domain.treaty.ActivationRule;
import org.guarantor.domain.treaty.Consequences;
import org.guarantor.domain.treaty.TestTreaty;
import org.guarantor.domain.treaty.Treaty;
import org.junit.jupiter.api.Test;

/**
 * Deadlines with teeth, on virtual time: the standard call (TSK-000003 is two intelligence feeds
 * from the United Kingdom, due in 6 h) with a Polish feed pledge ready in 1 h that can take over.
 * Time moves only by ticks at each due time, as the engine issues them.
 */
class EscalationTest {
  /**
   * Five feeds, no transport, ready an hour after the call: second choice after GBR's, which are
   * ready in 2 h and so leave the smaller margin.
   */
  static final Pledge POL_INT =
      TestTreaty.pledge(
          "POL-INT-1", POL, Capability.INTELLIGENCE, 5, Unit.FEEDS, 1, RZESZOW, Transport.none());

  static final Consequences COSTS = new Consequences(1000, "EUR", true, 2);
  static final Instant ACK_DUE = T0.plus(Duration.ofHours(1));
  static final Instant DUE_6H = T0.plus(Duration.ofHours(6));
  static final Duration GRACE = Duration.ofHours(2);

  static Treaty treaty() {
    return TestTreaty.builder()
        .pledges(DEU_AD, GBR_AD, GBR_INT, POL_INT, POL_AF, DEU_AF, POL_WPN)
        .consequences(COSTS)
        .build();
  }

  /** Decides and applies commands, ticking at every due time the way the engine does. */
  static final class Clock {
    final DispatchState state = new DispatchState(TestTreaty.atlas());
    final List<DispatchEvent> log = new ArrayList<>();

    Clock(Treaty treaty) {
      run(new DispatchCommand.AdoptTreaty(SECRETARIAT, ADOPTED_AT, treaty));
    }

    List<DispatchEvent> run(DispatchCommand c) {
      Decision d = Decider.decide(c, state);
      assertThat(d).as("%s", d).isInstanceOf(Decision.Accepted.class);
      List<DispatchEvent> events = ((Decision.Accepted) d).events();
      events.forEach(state::evolve);
      log.addAll(events);
      return events;
    }

    /** Fires every deadline due up to {@code t}, each at its own due time. */
    List<DispatchEvent> until(Instant t) {
      List<DispatchEvent> fired = new ArrayList<>();
      while (state.nextDue().isPresent() && !state.nextDue().get().isAfter(t)) {
        fired.addAll(run(new DispatchCommand.Tick(SECRETARIAT, state.nextDue().get())));
      }
      return fired;
    }

    /** Every guarantor but one acknowledges what it has been sent. */
    void acknowledgeAllBut(PartyCode silent, Instant at) {
      for (var i : state.incidents()) {
        for (var t : i.taskings()) {
          if (!t.guarantor().equals(silent) && t.state().awaitingAcknowledgement()) {
            run(
                new DispatchCommand.Acknowledge(
                    new org.guarantor.domain.party.Actor(
                        t.guarantor(), org.guarantor.domain.party.Role.GUARANTOR),
                    at,
                    t.id()));
          }
        }
      }
    }

    void call(Instant at, String key) {
      run(new DispatchCommand.FileReport(UKR_OPS, at, key, AIR_3_AT_KYIV));
    }

    GuarantorRecord record(PartyCode g) {
      return state.ledger().snapshot().guarantors().stream()
          .filter(r -> r.guarantor().equals(g))
          .findFirst()
          .orElseThrow();
    }

    TaskingState stateOf(int tasking) {
      return state.tasking(tsk(tasking)).orElseThrow().state();
    }
  }

  static UnitFigures units(GuarantorRecord r, Unit unit) {
    return r.units().stream().filter(u -> u.unit().equals(unit)).findFirst().orElseThrow();
  }

  /** The call at T0; Germany and the United Kingdom acknowledge the systems at once. */
  static Clock standardCall() {
    Clock c = new Clock(treaty());
    c.call(T0, "call-1");
    c.run(new DispatchCommand.Acknowledge(DEU_DESK, T0.plusSeconds(60), tsk(1)));
    c.run(new DispatchCommand.Acknowledge(GBR_DESK, T0.plusSeconds(60), tsk(2)));
    return c;
  }

  @Test
  void a_guarantor_that_never_acknowledges_is_overdue_escalated_backfilled_and_breached() {
    Clock c = standardCall();
    assertThat(c.state.tasking(tsk(3)).orElseThrow().pledge()).isEqualTo(GBR_INT.id());

    assertThat(c.until(ACK_DUE.minusSeconds(1))).isEmpty();
    assertThat(c.until(ACK_DUE))
        .containsExactly(
            new TaskingOverdue(ACK_DUE, inc(1), tsk(3), Deadline.ACKNOWLEDGEMENT, ACK_DUE),
            new TaskingEscalated(
                ACK_DUE,
                inc(1),
                tsk(3),
                GBR,
                Deadline.ACKNOWLEDGEMENT,
                ACK_DUE,
                ACK_DUE.plus(GRACE)));
    assertThat(c.stateOf(3)).isEqualTo(TaskingState.OVERDUE);
    assertThat(c.until(ACK_DUE.plus(GRACE).minusSeconds(1))).isEmpty();

    Instant end = ACK_DUE.plus(GRACE);
    List<DispatchEvent> fired = c.until(end);

    assertThat(fired.get(0))
        .isEqualTo(
            new TaskingBreached(
                end,
                inc(1),
                tsk(3),
                GBR,
                Deadline.ACKNOWLEDGEMENT,
                ACK_DUE,
                Quantity.of(2, Unit.FEEDS),
                2.0));
    TaskingIssued replacement = (TaskingIssued) fired.get(1);
    assertThat(replacement.tasking()).isEqualTo(tsk(4));
    assertThat(replacement.pledge()).isEqualTo(POL_INT.id());
    assertThat(replacement.quantity()).isEqualTo(Quantity.of(2, Unit.FEEDS));
    assertThat(replacement.deliverBy()).isEqualTo(DUE_6H);
    assertThat(fired.get(2))
        .isEqualTo(
            new TaskingBackfilled(
                end, inc(1), tsk(3), Quantity.of(2, Unit.FEEDS), List.of(tsk(4)), 0));
    assertThat(fired.subList(3, fired.size()))
        .extracting(e -> ((ConsequenceApplied) e).kind(), e -> ((ConsequenceApplied) e).amount())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                DispatchEvent.Consequence.FUND_CONTRIBUTION, 4000.0),
            org.assertj.core.groups.Tuple.tuple(DispatchEvent.Consequence.PUBLIC_NOTICE, 0.0));
    assertThat(c.stateOf(3)).isEqualTo(TaskingState.BREACHED);

    GuarantorRecord gbr = c.record(GBR);
    assertThat(gbr.received()).isEqualTo(2);
    assertThat(gbr.acknowledgedOnTime()).isEqualTo(1);
    assertThat(gbr.breached()).isEqualTo(1);
    assertThat(gbr.reliability()).isEqualTo(4.0 / 6);
    assertThat(gbr.fundContributions()).isEqualTo(4000.0);
    assertThat(gbr.notices()).isEqualTo(1);
    assertThat(gbr.suspended()).isFalse();
    assertThat(units(gbr, Unit.FEEDS))
        .isEqualTo(new UnitFigures(Unit.FEEDS, 2, 0, 0, 0, 2, 0, 0, 4.0));
    assertThat(c.record(POL).received()).isEqualTo(1);
    assertThat(c.record(POL).reliability()).isEqualTo(0.8);
  }

  @Test
  void an_acknowledgement_within_the_grace_period_stops_the_backfill() {
    Clock c = standardCall();
    c.until(ACK_DUE);
    c.run(new DispatchCommand.Acknowledge(GBR_DESK, ACK_DUE.plusSeconds(600), tsk(3)));

    assertThat(c.until(ACK_DUE.plus(GRACE).plusSeconds(1))).isEmpty();
    assertThat(c.stateOf(3)).isEqualTo(TaskingState.ACKNOWLEDGED);
    assertThat(c.record(GBR).acknowledgedLate()).isEqualTo(1);
  }

  @Test
  void a_decline_backfills_at_once_and_is_recorded_with_its_reason() {
    Clock c = standardCall();

    List<DispatchEvent> events =
        c.run(new DispatchCommand.Decline(GBR_DESK, T0.plusSeconds(300), tsk(3), "feeds down"));

    assertThat(events).hasSize(2);
    assertThat(((TaskingIssued) events.get(1)).pledge()).isEqualTo(POL_INT.id());
    GuarantorRecord gbr = c.record(GBR);
    assertThat(gbr.declined()).isEqualTo(1);
    assertThat(gbr.declines()).extracting(GuarantorRecord.Decline::reason).contains("feeds down");
    assertThat(units(gbr, Unit.FEEDS).declined()).isEqualTo(2);
    assertThat(gbr.reliability()).isEqualTo(4.0 / 6);
  }

  @Test
  void a_partial_delivery_counts_partially_and_only_the_rest_is_backfilled() {
    Clock c = standardCall();
    c.run(new DispatchCommand.ReportDelivered(GBR_DESK, T0.plusSeconds(600), tsk(3), 1));
    c.until(DUE_6H);
    assertThat(c.log)
        .contains(new TaskingOverdue(DUE_6H, inc(1), tsk(3), Deadline.DELIVERY, DUE_6H));

    List<DispatchEvent> all = c.until(DUE_6H.plus(GRACE));
    List<DispatchEvent> fired =
        all.subList(
            all.indexOf(all.stream().filter(e -> e instanceof TaskingBreached).findFirst().get()),
            all.size());

    assertThat(fired.get(0))
        .isEqualTo(
            new TaskingBreached(
                DUE_6H.plus(GRACE),
                inc(1),
                tsk(3),
                GBR,
                Deadline.DELIVERY,
                DUE_6H,
                Quantity.of(1, Unit.FEEDS),
                2.0));
    TaskingIssued replacement = (TaskingIssued) fired.get(1);
    assertThat(replacement.quantity()).isEqualTo(Quantity.of(1, Unit.FEEDS));
    assertThat(replacement.deliverBy())
        .as("the line's deadline has passed: the backfill window applies")
        .isEqualTo(DUE_6H.plus(GRACE).plus(Duration.ofHours(24)));
    assertThat(c.state.tasking(tsk(3)).orElseThrow().holding()).isEqualTo(1);
    assertThat(units(c.record(GBR), Unit.FEEDS))
        .isEqualTo(new UnitFigures(Unit.FEEDS, 2, 1, 0, 0, 1, 0, 0, 2.0));
  }

  @Test
  void a_full_delivery_within_the_grace_period_ends_late_with_its_hours() {
    Clock c = standardCall();
    c.run(new DispatchCommand.Acknowledge(GBR_DESK, T0.plusSeconds(60), tsk(3)));
    c.until(DUE_6H);
    Instant h7 = DUE_6H.plus(Duration.ofHours(1));

    List<DispatchEvent> events =
        c.run(new DispatchCommand.ReportDelivered(GBR_DESK, h7, tsk(3), 2));

    assertThat(events.get(1))
        .isEqualTo(new TaskingLate(h7, inc(1), tsk(3), GBR, Quantity.of(2, Unit.FEEDS), 1.0));
    assertThat(c.stateOf(3)).isEqualTo(TaskingState.LATE);
    assertThat(c.until(DUE_6H.plus(GRACE).plusSeconds(1)))
        .noneMatch(e -> e instanceof TaskingBreached);
    GuarantorRecord gbr = c.record(GBR);
    assertThat(gbr.deliveredLate()).isEqualTo(1);
    assertThat(units(gbr, Unit.FEEDS).unitHoursLate()).isEqualTo(2.0);
    assertThat(gbr.reliability()).isEqualTo(4.0 / 6);
  }

  @Test
  void breaches_up_to_the_treaty_limit_suspend_the_right_to_be_tasked_first_until_reinstated() {
    Clock c = new Clock(treaty());
    for (int n = 0; n < 2; n++) {
      Instant at = T0.plus(Duration.ofHours(4L * n));
      c.call(at, "call-" + n);
      c.acknowledgeAllBut(GBR, at.plusSeconds(60));
      c.until(at.plus(Duration.ofHours(3)));
      c.acknowledgeAllBut(GBR, at.plus(Duration.ofHours(3)));
    }
    assertThat(c.log)
        .filteredOn(e -> e instanceof ConsequenceApplied x && x.guarantor().equals(GBR))
        .extracting(e -> ((ConsequenceApplied) e).kind())
        .contains(DispatchEvent.Consequence.SUSPENSION);
    assertThat(c.record(GBR).suspended()).isTrue();

    Instant later = T0.plus(Duration.ofHours(20));
    int from = c.log.size();
    c.call(later, "call-3");
    assertThat(feedsGoTo(c, from)).as("first choice while suspended").isEqualTo(POL);

    c.run(new DispatchCommand.Reinstate(SECRETARIAT, later.plusSeconds(60), GBR, "reviewed"));
    assertThat(c.record(GBR).suspended()).isFalse();
    from = c.log.size();
    c.call(later.plusSeconds(120), "call-4");
    assertThat(feedsGoTo(c, from)).as("first choice once reinstated").isEqualTo(GBR);
  }

  /** Who receives the first tasking for feeds logged from {@code from} on. */
  private static PartyCode feedsGoTo(Clock c, int from) {
    for (int i = from; i < c.log.size(); i++) {
      if (c.log.get(i) instanceof TaskingIssued t && t.quantity().unit().equals(Unit.FEEDS)) {
        return t.guarantor();
      }
    }
    throw new AssertionError("no feeds tasked");
  }

  @Test
  void only_the_secretariat_reinstates_and_only_a_suspended_guarantor() {
    Clock c = new Clock(treaty());
    assertThat(Decider.decide(new DispatchCommand.Reinstate(GBR_DESK, T0, GBR, ""), c.state))
        .isEqualTo(Decision.reject("", ReasonType.FORBIDDEN, GBR, "reinstate guarantors"));
    assertThat(Decider.decide(new DispatchCommand.Reinstate(SECRETARIAT, T0, GBR, ""), c.state))
        .isEqualTo(
            Decision.reject(
                "/guarantor",
                ReasonType.WRONG_STATE,
                "guarantor",
                GBR,
                "not suspended",
                "reinstate"));
  }

  @Test
  void an_undecided_report_is_overdue_at_the_decision_limit() {
    Treaty t =
        TestTreaty.builder()
            .activation(
                new ActivationRule(ActivationRule.Kind.CORROBORATION, 2, Duration.ofHours(48)))
            .build();
    Clock c = new Clock(t);
    c.call(T0, "call-1");
    Instant limit = T0.plus(Duration.ofHours(24));

    assertThat(c.until(limit.minusSeconds(1))).isEmpty();
    assertThat(c.until(limit)).containsExactly(new IncidentDecisionOverdue(limit, inc(1), limit));
    assertThat(c.state.pendingTimers()).isZero();
  }
}
