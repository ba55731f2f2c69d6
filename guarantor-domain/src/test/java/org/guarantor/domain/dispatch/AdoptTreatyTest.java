package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.DispatchSpec.given;
import static org.guarantor.domain.dispatch.Events.adopted;
import static org.guarantor.domain.treaty.TestTreaty.ADOPTED_AT;
import static org.guarantor.domain.treaty.TestTreaty.AIR_3;
import static org.guarantor.domain.treaty.TestTreaty.BRIZE_NORTON;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_DESK;
import static org.guarantor.domain.treaty.TestTreaty.POL;
import static org.guarantor.domain.treaty.TestTreaty.RAMSTEIN;
import static org.guarantor.domain.treaty.TestTreaty.RZESZOW;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.UKR;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;
import static org.guarantor.domain.treaty.TestTreaty.USA;
import static org.guarantor.domain.treaty.TestTreaty.builder;
import static org.guarantor.domain.treaty.TestTreaty.line;
import static org.guarantor.domain.treaty.TestTreaty.plan;
import static org.guarantor.domain.treaty.TestTreaty.treaty;

import java.time.Duration;
import java.util.List;
import org.guarantor.domain.dispatch.DispatchCommand.AdoptTreaty;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.PlanLine;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.territory.TerritoryDefinition;
import org.guarantor.domain.treaty.ActivationRule;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.domain.treaty.HubId;
import org.guarantor.domain.treaty.TestTreaty;
import org.guarantor.domain.treaty.Treaty;
import org.junit.jupiter.api.Test;

/**
 * Adopting a treaty version. Invalid versions follow the golden-fixture pattern: start from the
 * valid test treaty, change one thing, expect exactly one reason at exactly that path.
 */
class AdoptTreatyTest {

  private static DispatchSpec adopting(Treaty t) {
    return given().when(new AdoptTreaty(SECRETARIAT, ADOPTED_AT, t));
  }

  private static Reason invalid(String path, String message) {
    return Reason.of(path, ReasonType.TREATY_INVALID, message);
  }

  @Test
  void the_secretariat_adopts_the_first_version() {
    DispatchSpec spec =
        adopting(treaty()).thenEvents(new DispatchEvent.TreatyAdopted(ADOPTED_AT, treaty()));

    assertThat(spec.accepted().subject()).isEqualTo("test-treaty");
    assertThat(spec.state().treaty()).contains(treaty());
  }

  @Test
  void an_amendment_must_be_the_next_version() {
    Treaty v2 = builder().version(2).build();

    given(adopted(treaty()))
        .when(new AdoptTreaty(SECRETARIAT, ADOPTED_AT, v2))
        .thenEvents(new DispatchEvent.TreatyAdopted(ADOPTED_AT, v2));
  }

  @Test
  void adopting_the_same_version_again_is_refused() {
    given(adopted(treaty()))
        .when(new AdoptTreaty(SECRETARIAT, ADOPTED_AT, treaty()))
        .thenRejected(Reason.of("/version", ReasonType.TREATY_VERSION, 2, 1));
  }

  @Test
  void the_first_version_must_be_one() {
    adopting(builder().version(2).build())
        .thenRejected(Reason.of("/version", ReasonType.TREATY_VERSION, 1, 2));
  }

  @Test
  void skipping_a_version_is_refused() {
    given(adopted(treaty()))
        .when(new AdoptTreaty(SECRETARIAT, ADOPTED_AT, builder().version(3).build()))
        .thenRejected(Reason.of("/version", ReasonType.TREATY_VERSION, 2, 3));
  }

  @Test
  void only_the_secretariat_adopts() {
    given()
        .when(new AdoptTreaty(UKR_OPS, ADOPTED_AT, treaty()))
        .thenRejected(Reason.of("", ReasonType.FORBIDDEN, UKR, "adopt a treaty"));
    given()
        .when(new AdoptTreaty(GBR_DESK, ADOPTED_AT, treaty()))
        .thenRejected(Reason.of("", ReasonType.FORBIDDEN, "GBR", "adopt a treaty"));
  }

  @Test
  void a_missing_treaty_is_required() {
    adopting(null).thenRejected(Reason.of("/treaty", ReasonType.REQUIRED, "treaty"));
  }

  // ---- one thing wrong at a time --------------------------------------------------------------

  @Test
  void a_pledge_at_an_unknown_hub() {
    adopting(builder().pledges(DEU_AD, withHub(GBR_AD, new HubId("XX-NOWHERE"))).build())
        .thenRejected(invalid("/pledges/1/hub", "unknown hub XX-NOWHERE"));
  }

  @Test
  void a_pledge_in_a_unit_its_capability_is_not_counted_in() {
    Pledge wrongUnit = withQuantity(GBR_AD, Quantity.of(4, Unit.PERSONNEL));

    adopting(builder().pledges(DEU_AD, wrongUnit).build())
        .thenRejected(
            invalid("/pledges/1/quantity/unit", "AIR_DEFENCE is not counted in PERSONNEL"));
  }

  @Test
  void the_protected_state_missing_from_the_parties() {
    List<Party> withoutUkraine =
        TestTreaty.parties().stream().filter(p -> !p.code().equals(UKR)).toList();

    adopting(builder().parties(withoutUkraine).build())
        .thenRejected(
            invalid("/protectedState", "protected state UKR must be a party with role PROTECTED"));
  }

  @Test
  void the_protected_state_listed_with_another_role() {
    adopting(builder().protectedState(POL).build())
        .thenRejected(
            invalid("/protectedState", "protected state POL must be a party with role PROTECTED"));
  }

  @Test
  void a_party_listed_twice() {
    List<Party> twice =
        List.of(
            new Party(UKR, "Ukraine", Role.PROTECTED),
            new Party(POL, "Poland", Role.GUARANTOR),
            new Party(TestTreaty.GBR, "United Kingdom", Role.GUARANTOR),
            new Party(TestTreaty.DEU, "Germany", Role.GUARANTOR),
            new Party(POL, "Poland again", Role.GUARANTOR));

    adopting(builder().parties(twice).build())
        .thenRejected(invalid("/parties/4/code", "party POL is listed twice"));
  }

  @Test
  void a_pledge_by_a_state_that_is_not_a_guarantor() {
    adopting(builder().pledges(DEU_AD, withGuarantor(GBR_AD, USA)).build())
        .thenRejected(invalid("/pledges/1/guarantor", "USA is not a guarantor of the treaty"));
    adopting(builder().pledges(withGuarantor(DEU_AD, UKR)).build())
        .thenRejected(invalid("/pledges/0/guarantor", "UKR is not a guarantor of the treaty"));
  }

  @Test
  void a_pledge_id_listed_twice() {
    adopting(builder().pledges(DEU_AD, GBR_AD, DEU_AD).build())
        .thenRejected(invalid("/pledges/2/id", "pledge DEU-AD-1 is listed twice"));
  }

  @Test
  void a_pledge_with_negative_readiness() {
    Pledge p = withReadiness(GBR_AD, Duration.ofHours(-1));

    adopting(builder().pledges(p).build())
        .thenRejected(invalid("/pledges/0/readiness", "readiness must not be negative"));
  }

  @Test
  void a_negative_burden_weight() {
    adopting(builder().burdenWeight(-1.0).build())
        .thenRejected(
            invalid(
                "/burdenWeight",
                "must be a finite number, 0 or more (0 turns burden-sharing off), was -1.0"));
  }

  @Test
  void a_negative_safety_margin() {
    adopting(builder().safetyMargin(java.time.Duration.ofMinutes(-5)).build())
        .thenRejected(invalid("/safetyMargin", "must not be negative"));
  }

  @Test
  void a_burden_weight_that_is_not_a_finite_number() {
    adopting(builder().burdenWeight(Double.NaN).build())
        .thenRejected(
            invalid(
                "/burdenWeight",
                "must be a finite number, 0 or more (0 turns burden-sharing off), was NaN"));
  }

  @Test
  void a_burden_weight_of_zero_turns_burden_sharing_off_and_none_means_the_default() {
    Treaty off = builder().burdenWeight(0.0).build();

    adopting(off).thenEvents(new DispatchEvent.TreatyAdopted(ADOPTED_AT, off));
    assertThat(builder().burdenWeight(null).build().burdenWeight())
        .isEqualTo(Treaty.DEFAULT_BURDEN_WEIGHT);
  }

  @Test
  void a_hub_listed_twice() {
    adopting(builder().hubs(List.of(RZESZOW, RAMSTEIN, BRIZE_NORTON, RAMSTEIN)).build())
        .thenRejected(invalid("/hubs/3/id", "hub DE-RAM is listed twice"));
  }

  @Test
  void a_hub_with_coordinates_out_of_range() {
    Hub far = new Hub(new HubId("XX-BAD"), "Bad", POL, 91, 0);

    adopting(builder().hubs(List.of(RZESZOW, RAMSTEIN, BRIZE_NORTON, far)).build())
        .thenRejected(invalid("/hubs/3", "hub XX-BAD has coordinates out of range"));
  }

  @Test
  void a_plan_with_a_severity_out_of_range() {
    adopting(builder().plans(AIR_3, plan(ThreatType.SABOTAGE, 6, line1())).build())
        .thenRejected(invalid("/plans/1/severity", "severity must be between 1 and 5"));
  }

  @Test
  void a_plan_listed_twice() {
    adopting(builder().plans(AIR_3, AIR_3).build())
        .thenRejected(invalid("/plans/1", "plan AIR_ATTACK/3 is listed twice"));
  }

  @Test
  void a_plan_line_listed_twice() {
    adopting(builder().plans(plan(ThreatType.SABOTAGE, 2, line1(), line1())).build())
        .thenRejected(invalid("/plans/0/lines/1/line", "line 1 is listed twice"));
  }

  @Test
  void a_plan_line_in_the_wrong_unit() {
    PlanLine wrong = line(1, Capability.TRAINING, 10, Unit.ROUNDS, 24);

    adopting(builder().plans(plan(ThreatType.SABOTAGE, 2, wrong)).build())
        .thenRejected(
            invalid("/plans/0/lines/0/quantity/unit", "TRAINING is not counted in ROUNDS"));
  }

  @Test
  void a_plan_line_without_a_positive_deadline() {
    PlanLine now = new PlanLine(1, Capability.TRAINING, Quantity.of(5, Unit.SLOTS), Duration.ZERO);

    adopting(builder().plans(plan(ThreatType.SABOTAGE, 2, now)).build())
        .thenRejected(invalid("/plans/0/lines/0/deadline", "deadline must be positive"));
  }

  @Test
  void a_corroboration_rule_asking_more_guarantors_than_there_are() {
    adopting(TestTreaty.corroborating(4, Duration.ofHours(6)))
        .thenRejected(
            invalid(
                "/activation/corroborations",
                "corroborations must be between 1 and the number of guarantors (3), was 4"));
  }

  @Test
  void a_corroboration_rule_asking_for_none() {
    adopting(TestTreaty.corroborating(0, Duration.ofHours(6)))
        .thenRejected(
            invalid(
                "/activation/corroborations",
                "corroborations must be between 1 and the number of guarantors (3), was 0"));
  }

  @Test
  void a_corroboration_window_that_is_not_positive() {
    adopting(TestTreaty.corroborating(2, Duration.ZERO))
        .thenRejected(invalid("/activation/within", "must be positive"));
  }

  @Test
  void an_automatic_rule_ignores_the_corroboration_count() {
    assertThat(
            adopting(
                    builder()
                        .activation(
                            new ActivationRule(
                                ActivationRule.Kind.AUTOMATIC, 0, Duration.ofHours(24)))
                        .build())
                .decision())
        .isInstanceOf(Decision.Accepted.class);
  }

  @Test
  void an_acknowledgement_deadline_that_is_not_positive() {
    adopting(builder().acknowledgementDeadline(Duration.ZERO).build())
        .thenRejected(invalid("/acknowledgementDeadline", "must be positive"));
  }

  @Test
  void a_territory_naming_a_region_the_atlas_does_not_know() {
    TerritoryDefinition unknown =
        new TerritoryDefinition("t", List.of("UKR"), List.of("UA-NOPE"), List.of(), 0);

    Decision.Rejected r =
        (Decision.Rejected) adopting(builder().territory(unknown).build()).decision();

    assertThat(r.reasons()).hasSize(1);
    assertThat(r.reasons().get(0).path()).isEqualTo("/territory/exclude/0");
    assertThat(r.reasons().get(0).type()).isEqualTo(ReasonType.TREATY_INVALID);
    assertThat(r.reasons().get(0).message()).contains("UA-NOPE");
  }

  @Test
  void every_problem_is_reported_at_once_in_treaty_order() {
    adopting(
            builder()
                .protectedState(POL)
                .pledges(withHub(GBR_AD, new HubId("XX-NOWHERE")))
                .acknowledgementDeadline(Duration.ofMinutes(-5))
                .build())
        .thenRejected(
            invalid("/protectedState", "protected state POL must be a party with role PROTECTED"),
            invalid("/pledges/0/hub", "unknown hub XX-NOWHERE"),
            invalid("/acknowledgementDeadline", "must be positive"));
  }

  // ---- copies of a valid part with one field changed ------------------------------------------

  private static PlanLine line1() {
    return line(1, Capability.TRAINING, 10, Unit.SLOTS, 72);
  }

  private static Pledge withHub(Pledge p, HubId hub) {
    return new Pledge(
        p.id(),
        p.guarantor(),
        p.capability(),
        p.quantity(),
        p.readiness(),
        hub,
        p.transport(),
        p.caveats(),
        p.validFrom(),
        p.validUntil());
  }

  private static Pledge withQuantity(Pledge p, Quantity q) {
    return new Pledge(
        p.id(),
        p.guarantor(),
        p.capability(),
        q,
        p.readiness(),
        p.hub(),
        p.transport(),
        p.caveats(),
        p.validFrom(),
        p.validUntil());
  }

  private static Pledge withGuarantor(Pledge p, PartyCode g) {
    return new Pledge(
        p.id(),
        g,
        p.capability(),
        p.quantity(),
        p.readiness(),
        p.hub(),
        p.transport(),
        p.caveats(),
        p.validFrom(),
        p.validUntil());
  }

  private static Pledge withReadiness(Pledge p, Duration readiness) {
    return new Pledge(
        p.id(),
        p.guarantor(),
        p.capability(),
        p.quantity(),
        readiness,
        p.hub(),
        p.transport(),
        p.caveats(),
        p.validFrom(),
        p.validUntil());
  }
}
