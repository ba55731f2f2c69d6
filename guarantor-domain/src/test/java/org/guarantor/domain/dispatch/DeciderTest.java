package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.DispatchSpec.given;
import static org.guarantor.domain.dispatch.Events.AIR_3_AT_KYIV;
import static org.guarantor.domain.dispatch.Events.DUE_12H;
import static org.guarantor.domain.dispatch.Events.DUE_6H;
import static org.guarantor.domain.dispatch.Events.activated;
import static org.guarantor.domain.dispatch.Events.adopted;
import static org.guarantor.domain.dispatch.Events.airAttackAtKyiv;
import static org.guarantor.domain.dispatch.Events.inc;
import static org.guarantor.domain.dispatch.Events.issued;
import static org.guarantor.domain.dispatch.Events.reported;
import static org.guarantor.domain.dispatch.Events.requirement;
import static org.guarantor.domain.dispatch.Events.shortfall;
import static org.guarantor.domain.treaty.TestTreaty.BLACK_SEA;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.DONETSK;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_DESK;
import static org.guarantor.domain.treaty.TestTreaty.GBR_INT;
import static org.guarantor.domain.treaty.TestTreaty.KYIV;
import static org.guarantor.domain.treaty.TestTreaty.OBSERVER;
import static org.guarantor.domain.treaty.TestTreaty.POL_AF;
import static org.guarantor.domain.treaty.TestTreaty.POL_DESK;
import static org.guarantor.domain.treaty.TestTreaty.POL_WPN;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.TERRITORY_VERSION;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;
import static org.guarantor.domain.treaty.TestTreaty.WARSAW;
import static org.guarantor.domain.treaty.TestTreaty.inTestOblast;
import static org.guarantor.domain.treaty.TestTreaty.report;
import static org.guarantor.domain.treaty.TestTreaty.treaty;

import java.time.Duration;
import java.time.Instant;
import org.guarantor.domain.dispatch.DispatchCommand.FileReport;
import org.guarantor.domain.dispatch.DispatchCommand.Tick;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.Scope;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.domain.treaty.TestTreaty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The call: a threat report judged for scope, activated, planned, allocated and tasked. */
class DeciderTest {

  @Test
  void a_report_in_scope_is_activated_on_its_plan_and_every_line_is_tasked() {
    given(adopted(treaty()))
        .when(new FileReport(UKR_OPS, T0, "call-1", AIR_3_AT_KYIV))
        .thenEvents(
            reported(T0, 1, "call-1", AIR_3_AT_KYIV, inTestOblast()),
            activated(
                T0,
                1,
                "AIR_ATTACK/3",
                requirement(1, Capability.AIR_DEFENCE, 4, Unit.SYSTEMS, DUE_12H),
                requirement(2, Capability.INTELLIGENCE, 2, Unit.FEEDS, DUE_6H)),
            // Germany's two systems go first: they land (~9.3 h) just after the United Kingdom's
            // (~9.2 h) and so leave the least margin; two of the United Kingdom's four follow.
            issued(T0, 1, 1, 1, DEU_AD, 2, DUE_12H),
            issued(T0, 1, 2, 1, GBR_AD, 2, DUE_12H),
            issued(T0, 1, 3, 2, GBR_INT, 2, DUE_6H));
  }

  @Test
  void the_standard_history_is_what_the_standard_call_produces() {
    given(adopted(treaty()))
        .when(new FileReport(UKR_OPS, T0, "call-1", AIR_3_AT_KYIV))
        .thenEvents(airAttackAtKyiv().subList(1, 6).toArray(new DispatchEvent[0]));
  }

  @Test
  void the_accepted_report_names_the_new_incident_and_the_state_shows_it_activated() {
    DispatchSpec spec =
        given(adopted(treaty())).when(new FileReport(UKR_OPS, T0, "call-1", AIR_3_AT_KYIV));

    assertThat(spec.accepted().subject()).isEqualTo("INC-000001");
    var incident = spec.state().incident(inc(1)).orElseThrow();
    assertThat(incident.state()).isEqualTo(IncidentState.ACTIVATED);
    assertThat(incident.activatedAt()).isEqualTo(T0);
    assertThat(incident.taskings()).hasSize(3);
    assertThat(spec.state().held())
        .containsEntry(DEU_AD.id(), 2L)
        .containsEntry(GBR_AD.id(), 2L)
        .containsEntry(GBR_INT.id(), 2L);
  }

  @Test
  void a_pledge_too_slow_for_the_deadline_is_not_used_and_the_gap_is_a_shortfall() {
    ThreatReport invasion = report(ThreatType.GROUND_INVASION, 4, KYIV);
    Instant due48 = T0.plus(Duration.ofHours(48));
    Instant due72 = T0.plus(Duration.ofHours(72));

    // Germany's 800 troops would reach Kyiv only after about 53 h: too late for 48 h.
    given(adopted(treaty()))
        .when(new FileReport(UKR_OPS, T0, "call-1", invasion))
        .thenEvents(
            reported(T0, 1, "call-1", invasion, inTestOblast()),
            activated(
                T0,
                1,
                "GROUND_INVASION/4",
                requirement(1, Capability.ARMED_FORCES, 1500, Unit.PERSONNEL, due48),
                requirement(2, Capability.WEAPONS, 2000, Unit.ROUNDS, due72)),
            issued(T0, 1, 1, 1, POL_AF, 1000, due48),
            shortfall(
                T0,
                1,
                1,
                Capability.ARMED_FORCES,
                500,
                Unit.PERSONNEL,
                "pledges that can arrive by the deadline cover only 1000"),
            issued(T0, 1, 2, 2, POL_WPN, 2000, due72));
  }

  @Test
  void a_line_larger_than_the_pledges_or_with_none_pledged_records_a_shortfall() {
    ThreatReport severe = report(ThreatType.AIR_ATTACK, 5, KYIV);

    given(adopted(treaty()))
        .when(new FileReport(UKR_OPS, T0, "call-1", severe))
        .thenEvents(
            reported(T0, 1, "call-1", severe, inTestOblast()),
            activated(
                T0,
                1,
                "AIR_ATTACK/5",
                requirement(1, Capability.AIR_DEFENCE, 8, Unit.SYSTEMS, DUE_12H),
                requirement(2, Capability.AIR_DEFENCE, 2, Unit.SORTIES, DUE_6H)),
            issued(T0, 1, 1, 1, DEU_AD, 2, DUE_12H),
            issued(T0, 1, 2, 1, GBR_AD, 4, DUE_12H),
            shortfall(
                T0,
                1,
                1,
                Capability.AIR_DEFENCE,
                2,
                Unit.SYSTEMS,
                "pledges that can arrive by the deadline cover only 6"),
            shortfall(
                T0,
                1,
                2,
                Capability.AIR_DEFENCE,
                2,
                Unit.SORTIES,
                "no pledge of AIR_DEFENCE in SORTIES can arrive by the deadline"));
  }

  @Test
  void two_lines_of_one_capability_draw_on_one_pool_and_the_looser_line_takes_the_slower_pledge() {
    ThreatReport sabotage = report(ThreatType.SABOTAGE, 3, KYIV);
    Instant due48 = T0.plus(Duration.ofHours(48));
    Instant due72 = T0.plus(Duration.ofHours(72));

    // Only Poland's troops make 48 h: 600 of them to line 1. Germany's (about 53 h) also make
    // 72 h with less to spare, so they take line 2 and Poland's other 400 stay free. (Under
    // earliest-arrival-first Poland's 400 went to line 2 as well, and Germany gave the rest.)
    given(adopted(treaty()))
        .when(new FileReport(UKR_OPS, T0, "call-1", sabotage))
        .thenEvents(
            reported(T0, 1, "call-1", sabotage, inTestOblast()),
            activated(T0, 1, TestTreaty.SABOTAGE_3),
            issued(T0, 1, 1, 1, POL_AF, 600, due48),
            issued(T0, 1, 2, 2, TestTreaty.DEU_AF, 600, due72));
  }

  @Test
  void capacity_held_by_one_incident_is_not_given_to_the_next() {
    Instant later = T0.plus(Duration.ofMinutes(30));
    ThreatReport second = new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, later, "second wave");

    // Germany's two systems and two of the United Kingdom's four are held by INC-000001.
    given(airAttackAtKyiv())
        .when(new FileReport(UKR_OPS, later, "call-2", second))
        .thenEvents(
            reported(later, 2, "call-2", second, inTestOblast()),
            activated(later, 2, TestTreaty.AIR_3),
            issued(later, 2, 4, 1, GBR_AD, 2, later.plus(Duration.ofHours(12))),
            shortfall(
                later,
                2,
                1,
                Capability.AIR_DEFENCE,
                2,
                Unit.SYSTEMS,
                "pledges that can arrive by the deadline cover only 2"),
            issued(later, 2, 5, 2, GBR_INT, 2, later.plus(Duration.ofHours(6))));
  }

  @Test
  void a_report_with_no_plan_for_its_threat_and_severity_is_activated_with_nothing_to_send() {
    ThreatReport cyber = report(ThreatType.CYBER_ATTACK, 2, KYIV);

    given(adopted(treaty()))
        .when(new FileReport(UKR_OPS, T0, "call-1", cyber))
        .thenEvents(reported(T0, 1, "call-1", cyber, inTestOblast()), activated(T0, 1, ""));
  }

  // ---- scope ----------------------------------------------------------------------------------

  @Test
  void a_report_in_an_excluded_region_is_recorded_out_of_scope_with_the_reason() {
    ThreatReport there = report(ThreatType.AIR_ATTACK, 3, DONETSK);
    Scope scope = TestTreaty.inExcludedOblast();

    DispatchSpec spec =
        given(adopted(treaty()))
            .when(new FileReport(UKR_OPS, T0, "call-1", there))
            .thenEvents(
                reported(T0, 1, "call-1", there, scope),
                new DispatchEvent.IncidentOutOfScope(T0, inc(1), scope.explanation()));

    assertThat(scope.explanation()).contains("Excluded Oblast").contains("UA-EXCL");
    assertThat(spec.state().incident(inc(1)).orElseThrow().state())
        .isEqualTo(IncidentState.OUT_OF_SCOPE);
    assertThat(spec.state().held()).isEmpty();
    assertThat(spec.state().pendingTimers()).isZero();
  }

  @Test
  void a_report_in_another_state_is_out_of_scope_naming_that_state() {
    ThreatReport there = report(ThreatType.AIR_ATTACK, 3, WARSAW);
    Scope scope =
        Scope.of(
            new ScopeAnswer(false, ScopeAnswer.Cause.IN_OTHER_STATE, "POL", "Poland", 0),
            TERRITORY_VERSION,
            1);

    given(adopted(treaty()))
        .when(new FileReport(UKR_OPS, T0, "call-1", there))
        .thenEvents(
            reported(T0, 1, "call-1", there, scope),
            new DispatchEvent.IncidentOutOfScope(T0, inc(1), scope.explanation()));
  }

  @Test
  void a_report_outside_any_territory_is_out_of_scope() {
    ThreatReport there = report(ThreatType.MARITIME_BLOCKADE, 3, BLACK_SEA);
    Scope scope =
        Scope.of(
            new ScopeAnswer(false, ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY, "", "", 0),
            TERRITORY_VERSION,
            1);

    given(adopted(treaty()))
        .when(new FileReport(UKR_OPS, T0, "call-1", there))
        .thenEvents(
            reported(T0, 1, "call-1", there, scope),
            new DispatchEvent.IncidentOutOfScope(T0, inc(1), scope.explanation()));
  }

  // ---- idempotency ----------------------------------------------------------------------------

  @Test
  void the_same_key_with_the_same_report_is_a_repeat_that_changes_nothing() {
    DispatchSpec spec =
        given(airAttackAtKyiv())
            .when(
                new FileReport(
                    UKR_OPS,
                    T0.plusSeconds(5),
                    "call-1",
                    report(ThreatType.AIR_ATTACK, 3, TestTreaty.point(50.4501, 30.5234))))
            .thenRepeated();

    assertThat(spec.accepted().subject()).isEqualTo("INC-000001");
  }

  @Test
  void the_same_key_with_a_different_report_is_refused_as_key_reuse() {
    given(airAttackAtKyiv())
        .when(new FileReport(UKR_OPS, T0, "call-1", report(ThreatType.AIR_ATTACK, 4, KYIV)))
        .thenRejected(Reason.of("/key", ReasonType.KEY_REUSED, "call-1", "INC-000001"));
  }

  @Test
  void a_repeated_out_of_scope_report_is_a_repeat_too() {
    ThreatReport there = report(ThreatType.AIR_ATTACK, 3, DONETSK);
    DispatchSpec spec = given(adopted(treaty())).when(new FileReport(UKR_OPS, T0, "k", there));

    spec.when(new FileReport(UKR_OPS, T0.plusSeconds(1), "k", there)).thenRepeated();
  }

  // ---- who may call ---------------------------------------------------------------------------

  static Object[][] notTheProtectedState() {
    return new Object[][] {{POL_DESK}, {GBR_DESK}, {SECRETARIAT}, {OBSERVER}};
  }

  @ParameterizedTest
  @MethodSource("notTheProtectedState")
  void only_the_protected_state_files_reports(Actor actor) {
    given(adopted(treaty()))
        .when(new FileReport(actor, T0, "call-1", AIR_3_AT_KYIV))
        .thenRejected(Reason.of("", ReasonType.FORBIDDEN, actor.party(), "file threat reports"));
  }

  @Test
  void without_a_treaty_nothing_can_be_reported() {
    given()
        .when(new FileReport(UKR_OPS, T0, "call-1", AIR_3_AT_KYIV))
        .thenRejected(Reason.of("", ReasonType.NO_TREATY));
  }

  @Test
  void without_a_treaty_the_clock_cannot_be_advanced() {
    given().when(new Tick(SECRETARIAT, T0)).thenRejected(Reason.of("", ReasonType.NO_TREATY));
  }
}
