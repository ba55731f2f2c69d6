package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.DispatchSpec.given;
import static org.guarantor.domain.dispatch.Events.DUE_12H;
import static org.guarantor.domain.dispatch.Events.adopted;
import static org.guarantor.domain.dispatch.Events.airAttackAtKyiv;
import static org.guarantor.domain.dispatch.Events.inc;
import static org.guarantor.domain.dispatch.Events.issued;
import static org.guarantor.domain.dispatch.Events.tsk;
import static org.guarantor.domain.treaty.TestTreaty.DEU;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AF;
import static org.guarantor.domain.treaty.TestTreaty.DEU_DESK;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_DESK;
import static org.guarantor.domain.treaty.TestTreaty.KYIV;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.guarantor.domain.dispatch.DispatchCommand.Acknowledge;
import org.guarantor.domain.dispatch.DispatchCommand.AdoptReplan;
import org.guarantor.domain.dispatch.DispatchCommand.Decline;
import org.guarantor.domain.dispatch.DispatchCommand.FileReport;
import org.guarantor.domain.dispatch.DispatchEvent.LineCoverage;
import org.guarantor.domain.dispatch.DispatchEvent.ReplanAdopted;
import org.guarantor.domain.dispatch.DispatchEvent.ShortfallRecorded;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingIssued;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingWithdrawn;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.domain.treaty.TestTreaty;
import org.guarantor.domain.treaty.Treaty;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Adopting an exact re-plan. Given the standard call: TSK-000001 (Germany, 2 systems, line 1),
 * TSK-000002 (United Kingdom, 2 of its 4 systems, line 1), TSK-000003 (United Kingdom, 2 feeds,
 * line 2), all issued at T0 and not yet acknowledged.
 */
class ReplanTest {
  private static final Instant H1 = T0.plus(Duration.ofHours(1));
  private static final Instant H9 = T0.plus(Duration.ofHours(9));
  private static final Replan.Solver SOLVER =
      new Replan.Solver("OPTIMAL", 6, Duration.ofSeconds(2), Duration.ofMillis(12));

  private static AdoptReplan replan(
      Instant at, Replan.Trigger trigger, List<TaskingId> withdraw, Replan.Issue... issue) {
    return replan(at, 1, trigger, withdraw, issue);
  }

  private static AdoptReplan replan(
      Instant at,
      int incident,
      Replan.Trigger trigger,
      List<TaskingId> withdraw,
      Replan.Issue... issue) {
    return new AdoptReplan(
        SECRETARIAT, at, new Replan(inc(incident), trigger, 42, withdraw, List.of(issue), SOLVER));
  }

  private static Replan.Issue issue(int incident, int line, Pledge pledge, long amount) {
    return new Replan.Issue(inc(incident), line, pledge.id(), amount);
  }

  private static Reason reason(String path, ReasonType type, Object... params) {
    return Reason.of(path, type, params);
  }

  @Nested
  class Adopting {
    @Test
    void withdraws_the_replaced_tasking_issues_the_new_one_and_summarises() {
      DispatchSpec spec =
          given(airAttackAtKyiv())
              .when(replan(H1, Replan.Trigger.REQUESTED, List.of(tsk(1)), issue(1, 1, GBR_AD, 2)));

      List<DispatchEvent> events = spec.events();
      assertThat(events).hasSize(3);
      TaskingWithdrawn w = (TaskingWithdrawn) events.get(0);
      assertThat(w.tasking()).isEqualTo(tsk(1));
      assertThat(w.guarantor()).isEqualTo(DEU);
      assertThat(w.reason())
          .startsWith("replaced by the exact re-plan of INC-000001 after REQUESTED");
      TaskingIssued i = (TaskingIssued) events.get(1);
      assertThat(withoutWhy(i)).isEqualTo(issued(H1, 1, 4, 1, GBR_AD, 2, DUE_12H));
      assertThat(i.why().source()).contains("solver OPTIMAL", "coverage bound 6");
      ReplanAdopted a = (ReplanAdopted) events.get(2);
      assertThat(a.trigger()).isEqualTo(Replan.Trigger.REQUESTED);
      assertThat(a.basis()).isEqualTo(42);
      assertThat(a.coveredBefore()).isEqualTo(6);
      assertThat(a.coveredAfter()).isEqualTo(6);
      assertThat(a.lines())
          .containsExactly(
              new LineCoverage(inc(1), 1, 4, 4, 4), new LineCoverage(inc(1), 2, 2, 2, 2));
      assertThat(a.withdrawn()).containsExactly(tsk(1));
      assertThat(a.issued()).containsExactly(tsk(4));
      assertThat(a.tookFrom()).isEmpty();
      assertThat(a.budget()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void the_withdrawn_tasking_frees_its_pledge_drops_its_deadlines_and_is_no_breach() {
      DispatchSpec spec =
          given(airAttackAtKyiv())
              .when(replan(H1, Replan.Trigger.REQUESTED, List.of(tsk(1)), issue(1, 1, GBR_AD, 2)));

      DispatchState s = spec.state();
      assertThat(s.tasking(tsk(1)).orElseThrow().state()).isEqualTo(TaskingState.WITHDRAWN);
      assertThat(s.held()).containsEntry(DEU_AD.id(), 0L).containsEntry(GBR_AD.id(), 4L);
      // TSK-000001's acknowledgement, readiness and delivery timers went with it.
      assertThat(s.dueTimers(T0.plus(Duration.ofDays(30))))
          .noneMatch(t -> t.subject().equals("TSK-000001"))
          .anyMatch(t -> t.subject().equals("TSK-000004"));
      assertThat(s.ledger().breachesSinceReview(DEU)).isZero();
      // The guarantor still sees what it was asked and that it was withdrawn.
      assertThat(
              Decider.decide(new Acknowledge(DEU_DESK, H1, tsk(1)), s)
                      instanceof Decision.Rejected r
                  ? r.reasons().get(0).type()
                  : null)
          .isEqualTo(ReasonType.WRONG_STATE);
    }

    @Test
    void earlier_shortfalls_of_the_affected_lines_are_void_once_the_lines_are_covered() {
      DispatchSpec spec =
          given(
                  Events.then(
                      airAttackAtKyiv(),
                      Events.shortfall(
                          T0,
                          1,
                          1,
                          org.guarantor.domain.pledge.Capability.AIR_DEFENCE,
                          2,
                          org.guarantor.domain.pledge.Unit.SYSTEMS,
                          "old")))
              .when(replan(H1, Replan.Trigger.REQUESTED, List.of(tsk(2)), issue(1, 1, GBR_AD, 2)));

      assertThat(spec.state().incident(inc(1)).orElseThrow().shortfalls()).isEmpty();
      assertThat(spec.events()).noneMatch(e -> e instanceof ShortfallRecorded);
    }
  }

  @Nested
  class Refusing {
    @Test
    void only_the_secretariat_adopts_a_re_plan() {
      given(airAttackAtKyiv())
          .when(
              new AdoptReplan(
                  GBR_DESK,
                  H1,
                  new Replan(
                      inc(1), Replan.Trigger.REQUESTED, 1, List.of(tsk(1)), List.of(), SOLVER)))
          .thenRejected(reason("", ReasonType.FORBIDDEN, "GBR", "adopt a re-plan"));
    }

    @Test
    void an_acknowledged_tasking_is_fixed() {
      given(
              Events.then(
                  airAttackAtKyiv(),
                  new DispatchEvent.TaskingAcknowledged(H1, inc(1), tsk(1), DEU)))
          .when(replan(H1, Replan.Trigger.REQUESTED, List.of(tsk(1))))
          .thenRejected(
              reason(
                  "/replan/withdraw/0", ReasonType.NOT_WITHDRAWABLE, "TSK-000001", "ACKNOWLEDGED"));
    }

    @Test
    void a_pledge_that_cannot_serve_the_line_is_refused() {
      given(airAttackAtKyiv())
          .when(replan(H1, Replan.Trigger.REQUESTED, List.of(), issue(1, 1, DEU_AF, 1)))
          .thenRejected(
              reason(
                  "/replan/issue/0/pledge",
                  ReasonType.PLEDGE_UNFIT,
                  "DEU-AF-1",
                  1,
                  "INC-000001",
                  "it pledges ARMED_FORCES in PERSONNEL"));
    }

    @Test
    void a_pledge_that_would_arrive_after_the_deadline_is_refused() {
      Decision d =
          given(airAttackAtKyiv())
              .when(replan(H9, Replan.Trigger.OVERDUE, List.of(tsk(1)), issue(1, 1, GBR_AD, 2)))
              .decision();
      assertThat(((Decision.Rejected) d).reasons())
          .extracting(Reason::path, Reason::type)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("/replan/issue/0/pledge", ReasonType.NOT_ON_TIME),
              org.assertj.core.groups.Tuple.tuple("/replan", ReasonType.COVERAGE_WORSE));
    }

    @Test
    void no_line_is_covered_beyond_its_requirement() {
      given(airAttackAtKyiv())
          .when(replan(H1, Replan.Trigger.REQUESTED, List.of(), issue(1, 1, GBR_AD, 1)))
          .thenRejected(reason("/replan/issue", ReasonType.OVER_COVERED, 1, "INC-000001", 5, 4));
    }

    @Test
    void a_re_plan_never_covers_less_than_now() {
      given(airAttackAtKyiv())
          .when(replan(H1, Replan.Trigger.REQUESTED, List.of(tsk(1))))
          .thenRejected(reason("/replan", ReasonType.COVERAGE_WORSE, 4, 6, 6));
    }

    @Test
    void a_stale_proposal_is_refused_with_what_changed() {
      // Computed while TSK-000001 was open; Germany declined meanwhile and the online allocator
      // gave the rest of the British pledge to the line.
      DispatchSpec spec = given(airAttackAtKyiv()).when(new Decline(DEU_DESK, H1, tsk(1), "busy"));
      assertThat(spec.state().held()).containsEntry(GBR_AD.id(), 4L);

      spec.when(replan(H1, Replan.Trigger.DECLINED, List.of(tsk(1)), issue(1, 1, GBR_AD, 2)))
          .thenRejected(
              reason("/replan/withdraw/0", ReasonType.NOT_WITHDRAWABLE, "TSK-000001", "DECLINED"),
              reason("/replan/issue/0/amount", ReasonType.PLEDGE_EXHAUSTED, "GBR-AD-1", 0, 2));
    }

    @Test
    void a_closed_incident_is_not_re_planned() {
      DispatchSpec spec =
          given(airAttackAtKyiv())
              .when(new DispatchCommand.StandDown(UKR_OPS, H1, inc(1), "false alarm"));
      spec.when(replan(H1, Replan.Trigger.REQUESTED, List.of(tsk(1)), issue(1, 1, GBR_AD, 2)))
          .thenRejected(
              reason(
                  "/replan/incident",
                  ReasonType.WRONG_STATE,
                  "incident",
                  "INC-000001",
                  "STOOD_DOWN",
                  "re-plan"));
    }
  }

  /**
   * Two air attacks at Kyiv: INC-000001 of severity 3 first (the standard taskings), then
   * INC-000002 of severity {@code severity}, which gets what is left and is short.
   */
  private static DispatchSpec twoIncidents(Treaty treaty, int severity) {
    DispatchSpec spec = given(adopted(treaty));
    spec.when(
        new FileReport(UKR_OPS, T0, "call-1", TestTreaty.report(ThreatType.AIR_ATTACK, 3, KYIV)));
    spec.when(
        new FileReport(
            UKR_OPS, H1, "call-2", TestTreaty.report(ThreatType.AIR_ATTACK, severity, KYIV)));
    return spec;
  }

  private static TaskingId germanOn(DispatchSpec spec, IncidentId incident) {
    return spec.state().incident(incident).orElseThrow().taskings().stream()
        .filter(t -> t.pledge().equals(DEU_AD.id()))
        .map(Tasking::id)
        .findFirst()
        .orElseThrow();
  }

  @Nested
  class Reprioritising {
    private final Instant h2 = T0.plus(Duration.ofHours(2));

    @Test
    void when_the_treaty_allows_it_a_more_severe_incident_takes_unacknowledged_quantity() {
      Treaty treaty = TestTreaty.builder().reprioritiseBySeverity(true).build();
      DispatchSpec spec = twoIncidents(treaty, 5);
      TaskingId german = germanOn(spec, inc(1));

      spec.when(
          replan(h2, 2, Replan.Trigger.REPRIORITISED, List.of(german), issue(2, 1, DEU_AD, 2)));

      ReplanAdopted a =
          spec.events().stream()
              .filter(e -> e instanceof ReplanAdopted)
              .map(e -> (ReplanAdopted) e)
              .findFirst()
              .orElseThrow();
      assertThat(a.trigger()).isEqualTo(Replan.Trigger.REPRIORITISED);
      assertThat(a.tookFrom()).containsExactly(inc(1));
      assertThat(a.coveredAfter()).isEqualTo(a.coveredBefore());
      TaskingWithdrawn w = (TaskingWithdrawn) spec.events().get(0);
      assertThat(w.incident()).isEqualTo(inc(1));
      assertThat(w.reason()).startsWith("re-prioritised to INC-000002 of severity 5");
      // The incident that lost quantity is short now, and says so.
      assertThat(spec.state().incident(inc(1)).orElseThrow().shortfalls())
          .singleElement()
          .satisfies(s -> assertThat(s.missing().amount()).isEqualTo(2));
    }

    @Test
    void when_the_treaty_does_not_allow_it_nothing_is_taken() {
      DispatchSpec spec = twoIncidents(TestTreaty.treaty(), 5);
      TaskingId german = germanOn(spec, inc(1));

      Decision d =
          spec.when(
                  replan(
                      h2, 2, Replan.Trigger.REPRIORITISED, List.of(german), issue(2, 1, DEU_AD, 2)))
              .decision();

      assertThat(((Decision.Rejected) d).reasons())
          .contains(
              reason(
                  "/replan/withdraw/0",
                  ReasonType.NOT_REPRIORITISABLE,
                  german.value(),
                  "INC-000001",
                  "the treaty does not allow re-prioritisation by severity"));
      assertThat(spec.state().tasking(german).orElseThrow().state()).isEqualTo(TaskingState.ISSUED);
    }

    @Test
    void never_from_an_incident_of_the_same_severity() {
      Treaty treaty = TestTreaty.builder().reprioritiseBySeverity(true).build();
      DispatchSpec spec = twoIncidents(treaty, 3);
      TaskingId german = germanOn(spec, inc(1));

      Decision d =
          spec.when(
                  replan(
                      h2, 2, Replan.Trigger.REPRIORITISED, List.of(german), issue(2, 1, DEU_AD, 2)))
              .decision();

      assertThat(((Decision.Rejected) d).reasons())
          .contains(
              reason(
                  "/replan/withdraw/0",
                  ReasonType.NOT_REPRIORITISABLE,
                  german.value(),
                  "INC-000001",
                  "its severity 3 is not lower than 3 of INC-000002"));
    }

    @Test
    void only_a_re_prioritisation_takes_from_another_incident() {
      Treaty treaty = TestTreaty.builder().reprioritiseBySeverity(true).build();
      DispatchSpec spec = twoIncidents(treaty, 5);
      TaskingId german = germanOn(spec, inc(1));

      Decision d =
          spec.when(
                  replan(h2, 2, Replan.Trigger.REQUESTED, List.of(german), issue(2, 1, DEU_AD, 2)))
              .decision();

      assertThat(((Decision.Rejected) d).reasons())
          .extracting(Reason::type)
          .contains(ReasonType.NOT_REPRIORITISABLE);
    }
  }

  private static TaskingIssued withoutWhy(TaskingIssued t) {
    return new TaskingIssued(
        t.at(),
        t.incident(),
        t.tasking(),
        t.line(),
        t.guarantor(),
        t.pledge(),
        t.hub(),
        t.capability(),
        t.quantity(),
        t.acknowledgeBy(),
        t.deliverBy(),
        t.estimatedArrival(),
        t.distanceKm());
  }
}
