package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.DispatchSpec.given;
import static org.guarantor.domain.dispatch.Events.activated;
import static org.guarantor.domain.dispatch.Events.adopted;
import static org.guarantor.domain.dispatch.Events.issued;
import static org.guarantor.domain.dispatch.Events.reported;
import static org.guarantor.domain.treaty.TestTreaty.ADOPTED_AT;
import static org.guarantor.domain.treaty.TestTreaty.DEMINING;
import static org.guarantor.domain.treaty.TestTreaty.DEMINING_WORDS;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.HYBRID_2;
import static org.guarantor.domain.treaty.TestTreaty.HYBRID_ATTACK;
import static org.guarantor.domain.treaty.TestTreaty.KYIV;
import static org.guarantor.domain.treaty.TestTreaty.POL_AF;
import static org.guarantor.domain.treaty.TestTreaty.POL_DEM;
import static org.guarantor.domain.treaty.TestTreaty.SABOTAGE_3;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.TEAMS;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;
import static org.guarantor.domain.treaty.TestTreaty.builder;
import static org.guarantor.domain.treaty.TestTreaty.demining;
import static org.guarantor.domain.treaty.TestTreaty.inTestOblast;
import static org.guarantor.domain.treaty.TestTreaty.report;
import static org.guarantor.domain.treaty.TestTreaty.treaty;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.guarantor.domain.dispatch.DispatchCommand.AdoptTreaty;
import org.guarantor.domain.dispatch.DispatchCommand.FileReport;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Caveats;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.domain.treaty.Vocabulary;
import org.junit.jupiter.api.Test;

/**
 * A treaty written in its own words: what it declares is what pledges, plans and reports may use.
 * Invalid versions follow the golden-fixture pattern: the valid demining treaty, one thing changed,
 * the exact reasons and paths.
 */
class TreatyVocabularyTest {

  private static DispatchSpec adopting(Treaty t) {
    return given().when(new AdoptTreaty(SECRETARIAT, ADOPTED_AT, t));
  }

  private static Reason unknown(String path, Object code, String what, String known) {
    return Reason.of(path, ReasonType.UNKNOWN_CODE, code, what, known);
  }

  private static Reason invalid(String path, String message) {
    return Reason.of(path, ReasonType.TREATY_INVALID, message);
  }

  private static Vocabulary withCapabilities(Vocabulary.CapabilityTerm... terms) {
    return new Vocabulary(DEMINING_WORDS.threatTypes(), DEMINING_WORDS.units(), List.of(terms));
  }

  @Test
  void a_hybrid_attack_activates_the_treatys_own_plan_and_tasks_demining_teams() {
    given(adopted(demining()))
        .when(new FileReport(UKR_OPS, T0, "call-1", report(HYBRID_ATTACK, 2, KYIV)))
        .thenEvents(
            reported(T0, 1, "call-1", report(HYBRID_ATTACK, 2, KYIV), inTestOblast()),
            activated(T0, 1, HYBRID_2),
            issued(T0, 1, 1, 1, POL_DEM, 4, T0.plus(Duration.ofHours(48))));
  }

  @Test
  void a_report_of_a_threat_type_the_treaty_does_not_declare_is_refused_with_the_known_ones() {
    given(adopted(demining()))
        .when(new FileReport(UKR_OPS, T0, "call-1", report(ThreatType.SABOTAGE, 3, KYIV)))
        .thenRejected(unknown("/type", "SABOTAGE", "threat type", "HYBRID_ATTACK, AIR_ATTACK"));
  }

  @Test
  void the_bundled_vocabulary_knows_no_hybrid_attack() {
    given(adopted(treaty()))
        .when(new FileReport(UKR_OPS, T0, "call-1", report(HYBRID_ATTACK, 3, KYIV)))
        .thenRejected(
            unknown(
                "/type",
                "HYBRID_ATTACK",
                "threat type",
                "AIR_ATTACK, GROUND_INVASION, MARITIME_BLOCKADE, CYBER_ATTACK, SABOTAGE"));
  }

  @Test
  void the_demining_treaty_is_adopted() {
    adopting(demining()).thenEvents(new DispatchEvent.TreatyAdopted(ADOPTED_AT, demining()));
  }

  // ---- one thing wrong at a time --------------------------------------------------------------

  @Test
  void a_pledge_of_an_undeclared_capability_in_an_undeclared_unit() {
    adopting(demining().withPledges(List.of(POL_DEM, DEU_AD, POL_AF)))
        .thenRejected(
            unknown("/pledges/2/capability", "ARMED_FORCES", "capability", "DEMINING, AIR_DEFENCE"),
            unknown("/pledges/2/quantity/unit", "PERSONNEL", "unit", "TEAMS, SYSTEMS"));
  }

  @Test
  void a_pledge_in_a_declared_unit_its_capability_is_not_counted_in() {
    Pledge inTeams = withQuantity(DEU_AD, Quantity.of(2, TEAMS));

    adopting(demining().withPledges(List.of(POL_DEM, inTeams)))
        .thenRejected(invalid("/pledges/1/quantity/unit", "AIR_DEFENCE is not counted in TEAMS"));
  }

  @Test
  void a_caveat_naming_an_undeclared_threat_type() {
    Pledge hedged =
        withCaveats(
            POL_DEM, new Caveats(Set.of(HYBRID_ATTACK, ThreatType.CYBER_ATTACK), Set.of(), 1));

    adopting(demining().withPledges(List.of(hedged, DEU_AD)))
        .thenRejected(
            unknown(
                "/pledges/0/caveats/threatTypes/0",
                "CYBER_ATTACK",
                "threat type",
                "HYBRID_ATTACK, AIR_ATTACK"));
  }

  @Test
  void a_plan_for_an_undeclared_threat_type_with_undeclared_words() {
    adopting(demining().toBuilder().plans(List.of(HYBRID_2, SABOTAGE_3)).build())
        .thenRejected(
            unknown("/plans/1/threat", "SABOTAGE", "threat type", "HYBRID_ATTACK, AIR_ATTACK"),
            unknown(
                "/plans/1/lines/0/capability",
                "ARMED_FORCES",
                "capability",
                "DEMINING, AIR_DEFENCE"),
            unknown("/plans/1/lines/0/quantity/unit", "PERSONNEL", "unit", "TEAMS, SYSTEMS"),
            unknown(
                "/plans/1/lines/1/capability",
                "ARMED_FORCES",
                "capability",
                "DEMINING, AIR_DEFENCE"),
            unknown("/plans/1/lines/1/quantity/unit", "PERSONNEL", "unit", "TEAMS, SYSTEMS"));
  }

  @Test
  void a_code_declared_twice() {
    Vocabulary twice =
        new Vocabulary(
            List.of(
                new Vocabulary.ThreatTypeTerm(HYBRID_ATTACK, null),
                new Vocabulary.ThreatTypeTerm(ThreatType.AIR_ATTACK, null),
                new Vocabulary.ThreatTypeTerm(HYBRID_ATTACK, "again")),
            DEMINING_WORDS.units(),
            DEMINING_WORDS.capabilities());

    adopting(demining().toBuilder().vocabulary(twice).build())
        .thenRejected(
            invalid(
                "/vocabulary/threatTypes/2/code", "threat type HYBRID_ATTACK is declared twice"));
  }

  @Test
  void a_capability_counted_in_an_undeclared_unit() {
    Vocabulary words =
        withCapabilities(
            new Vocabulary.CapabilityTerm(DEMINING, null, List.of(TEAMS, Unit.PERSONNEL)),
            new Vocabulary.CapabilityTerm(Capability.AIR_DEFENCE, null, List.of(Unit.SYSTEMS)));

    adopting(demining().toBuilder().vocabulary(words).build())
        .thenRejected(
            unknown("/vocabulary/capabilities/0/units/1", "PERSONNEL", "unit", "TEAMS, SYSTEMS"));
  }

  @Test
  void a_capability_counted_in_no_unit() {
    Vocabulary words =
        withCapabilities(
            new Vocabulary.CapabilityTerm(DEMINING, null, List.of(TEAMS)),
            new Vocabulary.CapabilityTerm(Capability.AIR_DEFENCE, null, List.of(Unit.SYSTEMS)),
            new Vocabulary.CapabilityTerm(Capability.of("MEDICAL"), null, List.of()));

    adopting(demining().toBuilder().vocabulary(words).build())
        .thenRejected(
            invalid(
                "/vocabulary/capabilities/2/units",
                "capability MEDICAL must be counted in at least one unit"));
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

  private static Pledge withCaveats(Pledge p, Caveats c) {
    return new Pledge(
        p.id(),
        p.guarantor(),
        p.capability(),
        p.quantity(),
        p.readiness(),
        p.hub(),
        p.transport(),
        c,
        p.validFrom(),
        p.validUntil());
  }

  @Test
  void a_treaty_without_a_vocabulary_speaks_the_bundled_one() {
    assertThat(treaty().vocabulary()).isSameAs(Vocabulary.DEFAULT);
    assertThat(builder().vocabulary(null).build().vocabulary()).isEqualTo(Vocabulary.DEFAULT);
  }
}
