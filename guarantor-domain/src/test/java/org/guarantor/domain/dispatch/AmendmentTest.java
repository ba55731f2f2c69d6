package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.Events.AIR_3_AT_KYIV;
import static org.guarantor.domain.dispatch.Events.adopted;
import static org.guarantor.domain.treaty.TestTreaty.DEMINING;
import static org.guarantor.domain.treaty.TestTreaty.DEU;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.DEU_DESK;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_DESK;
import static org.guarantor.domain.treaty.TestTreaty.HYBRID_2;
import static org.guarantor.domain.treaty.TestTreaty.HYBRID_ATTACK;
import static org.guarantor.domain.treaty.TestTreaty.KYIV;
import static org.guarantor.domain.treaty.TestTreaty.OBSERVER;
import static org.guarantor.domain.treaty.TestTreaty.POL_DEM;
import static org.guarantor.domain.treaty.TestTreaty.POL_DESK;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.TEAMS;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;
import static org.guarantor.domain.treaty.TestTreaty.air;
import static org.guarantor.domain.treaty.TestTreaty.atlas;
import static org.guarantor.domain.treaty.TestTreaty.builder;
import static org.guarantor.domain.treaty.TestTreaty.pledge;
import static org.guarantor.domain.treaty.TestTreaty.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.guarantor.domain.allocation.Alternative;
import org.guarantor.domain.dispatch.DispatchCommand.CertifyPledge;
import org.guarantor.domain.dispatch.DispatchCommand.FileReport;
import org.guarantor.domain.dispatch.DispatchCommand.ProposeAmendment;
import org.guarantor.domain.dispatch.DispatchCommand.VoteOnAmendment;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Certification;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.treaty.Accession;
import org.guarantor.domain.treaty.Amendment;
import org.guarantor.domain.treaty.AmendmentRule;
import org.guarantor.domain.treaty.Governance;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.domain.treaty.HubId;
import org.guarantor.domain.treaty.Proposal;
import org.guarantor.domain.treaty.ProposalId;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.domain.treaty.Vocabulary;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Amendments under the treaty's own rule, the version that judges a report, withdrawal notice,
 * accession and certification. Each test drives the decider and applies what it accepts, as the
 * engine does; the test treaty has three guarantors (Poland, the United Kingdom, Germany) and
 * Ukraine as the protected state.
 */
class AmendmentTest {
  static final Instant DAY = T0.minus(Duration.ofDays(30));
  static final ProposalId AMD_1 = ProposalId.number(1);
  static final PartyCode NOR = PartyCode.of("NOR");
  static final Actor NOR_DESK = new Actor(NOR, Role.GUARANTOR);
  static final PublicKey NOR_ROOT = new PublicKey("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
  static final Hub RYGGE = new Hub(new HubId("NO-RYG"), "Rygge", NOR, 59.3789, 10.7856);
  static final Pledge NOR_AD =
      pledge("NOR-AD-1", NOR, Capability.AIR_DEFENCE, 4, Unit.SYSTEMS, 2, RYGGE, air(1));

  private final List<DispatchEvent> log = new ArrayList<>();
  private DispatchState state = new DispatchState(atlas());

  private void start(Treaty t) {
    apply(List.of(adopted(t)));
  }

  private void apply(List<DispatchEvent> events) {
    events.forEach(state::evolve);
    log.addAll(events);
  }

  private Decision run(DispatchCommand c) {
    Decision d = Decider.decide(c, state);
    if (d instanceof Decision.Accepted a) {
      apply(a.events());
    }
    return d;
  }

  private List<DispatchEvent> accept(DispatchCommand c) {
    Decision d = run(c);
    assertThat(d).as(d.toString()).isInstanceOf(Decision.Accepted.class);
    return ((Decision.Accepted) d).events();
  }

  private List<Reason> reject(DispatchCommand c) {
    Decision d = run(c);
    assertThat(d).as(d.toString()).isInstanceOf(Decision.Rejected.class);
    return ((Decision.Rejected) d).reasons();
  }

  private static Amendment withdraw(PledgeId id) {
    return new Amendment(null, null, null, List.of(id), null, null, null, null, null, null, null);
  }

  private static Amendment acknowledgeWithin(Duration d) {
    return new Amendment(null, null, null, null, null, null, d, null, null, null, null);
  }

  private static Amendment accession() {
    return new Amendment(
        List.of(new Accession(NOR, "Norway", List.of(NOR_ROOT))),
        List.of(RYGGE),
        List.of(NOR_AD),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private Proposal proposal() {
    return state.proposal(AMD_1).orElseThrow();
  }

  private static Treaty ruledBy(AmendmentRule rule) {
    return builder().governance(new Governance(rule, null, null, null)).build();
  }

  private static final AmendmentRule TWO_THIRDS_WITH_CONSENT =
      new AmendmentRule(AmendmentRule.Kind.QUALIFIED_MAJORITY, 2.0 / 3.0, true);

  @Nested
  class TheApprovalRule {
    @Test
    void unanimity_needs_every_guarantor_and_the_protected_state() {
      start(builder().build());
      accept(
          new ProposeAmendment(
              SECRETARIAT,
              DAY,
              "A 2-hour acknowledgement deadline",
              acknowledgeWithin(Duration.ofHours(2)),
              null));
      accept(new VoteOnAmendment(POL_DESK, DAY, AMD_1, true));
      accept(new VoteOnAmendment(GBR_DESK, DAY, AMD_1, true));
      accept(new VoteOnAmendment(DEU_DESK, DAY, AMD_1, true));
      assertThat(proposal().status()).isEqualTo(Proposal.Status.PENDING);

      List<DispatchEvent> last = accept(new VoteOnAmendment(UKR_OPS, DAY, AMD_1, true));

      assertThat(proposal().status()).isEqualTo(Proposal.Status.ADOPTED);
      assertThat(proposal().adoptedVersion()).isEqualTo(2);
      assertThat(last).last().isInstanceOf(DispatchEvent.TreatyAdopted.class);
      Treaty v2 = state.treaty().orElseThrow();
      assertThat(v2.version()).isEqualTo(2);
      assertThat(v2.acknowledgementDeadline()).isEqualTo(Duration.ofHours(2));
      assertThat(v2.effectiveFrom()).isEqualTo(DAY);
    }

    @Test
    void under_unanimity_one_guarantor_against_rejects_at_once() {
      start(builder().build());
      accept(
          new ProposeAmendment(
              SECRETARIAT,
              DAY,
              "Shorter deadline",
              acknowledgeWithin(Duration.ofMinutes(30)),
              null));
      accept(new VoteOnAmendment(POL_DESK, DAY, AMD_1, true));

      accept(new VoteOnAmendment(GBR_DESK, DAY, AMD_1, false));

      assertThat(proposal().status()).isEqualTo(Proposal.Status.REJECTED);
      assertThat(proposal().decision()).contains("1 against");
      assertThat(state.treaty().orElseThrow().version()).isEqualTo(1);
      assertThat(reject(new VoteOnAmendment(DEU_DESK, DAY, AMD_1, true)))
          .extracting(Reason::type)
          .containsExactly(ReasonType.WRONG_STATE);
    }

    @Test
    void a_qualified_majority_of_two_thirds_adopts_with_two_of_three_and_consent() {
      start(ruledBy(TWO_THIRDS_WITH_CONSENT));
      accept(
          new ProposeAmendment(
              POL_DESK, DAY, "Shorter deadline", acknowledgeWithin(Duration.ofMinutes(45)), null));
      accept(new VoteOnAmendment(POL_DESK, DAY, AMD_1, true));
      accept(new VoteOnAmendment(GBR_DESK, DAY, AMD_1, false));
      accept(new VoteOnAmendment(DEU_DESK, DAY, AMD_1, true));
      assertThat(proposal().status())
          .as("consent still missing")
          .isEqualTo(Proposal.Status.PENDING);

      accept(new VoteOnAmendment(UKR_OPS, DAY, AMD_1, true));

      assertThat(proposal().status()).isEqualTo(Proposal.Status.ADOPTED);
      assertThat(state.treaty().orElseThrow().acknowledgementDeadline())
          .isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void without_the_protected_states_consent_a_majority_is_not_enough() {
      start(ruledBy(TWO_THIRDS_WITH_CONSENT));
      accept(
          new ProposeAmendment(
              POL_DESK, DAY, "Shorter deadline", acknowledgeWithin(Duration.ofMinutes(45)), null));

      accept(new VoteOnAmendment(UKR_OPS, DAY, AMD_1, false));

      assertThat(proposal().status()).isEqualTo(Proposal.Status.REJECTED);
      assertThat(proposal().decision()).isEqualTo("the protected state did not consent");
    }

    @Test
    void a_majority_rule_without_consent_leaves_the_protected_state_no_vote() {
      start(ruledBy(new AmendmentRule(AmendmentRule.Kind.QUALIFIED_MAJORITY, 0.6, false)));
      accept(
          new ProposeAmendment(
              POL_DESK, DAY, "Shorter deadline", acknowledgeWithin(Duration.ofMinutes(45)), null));

      assertThat(reject(new VoteOnAmendment(UKR_OPS, DAY, AMD_1, true)))
          .extracting(Reason::type)
          .containsExactly(ReasonType.FORBIDDEN);
      accept(new VoteOnAmendment(POL_DESK, DAY, AMD_1, true));
      accept(new VoteOnAmendment(GBR_DESK, DAY, AMD_1, true));

      assertThat(proposal().status()).as("ceil(0.6 × 3) = 2").isEqualTo(Proposal.Status.ADOPTED);
    }

    @Test
    void a_majority_becomes_unreachable_once_too_many_are_against() {
      start(ruledBy(TWO_THIRDS_WITH_CONSENT));
      accept(
          new ProposeAmendment(
              POL_DESK, DAY, "Shorter deadline", acknowledgeWithin(Duration.ofMinutes(45)), null));
      accept(new VoteOnAmendment(GBR_DESK, DAY, AMD_1, false));
      assertThat(proposal().status()).isEqualTo(Proposal.Status.PENDING);

      accept(new VoteOnAmendment(DEU_DESK, DAY, AMD_1, false));

      assertThat(proposal().status()).isEqualTo(Proposal.Status.REJECTED);
    }

    @Test
    void a_vote_is_cast_once_the_same_vote_again_changes_nothing() {
      start(builder().build());
      accept(
          new ProposeAmendment(
              SECRETARIAT,
              DAY,
              "Shorter deadline",
              acknowledgeWithin(Duration.ofMinutes(45)),
              null));
      accept(new VoteOnAmendment(POL_DESK, DAY, AMD_1, true));

      Decision again = run(new VoteOnAmendment(POL_DESK, DAY, AMD_1, true));
      List<Reason> changed = reject(new VoteOnAmendment(POL_DESK, DAY, AMD_1, false));

      assertThat(((Decision.Accepted) again).repeated()).isTrue();
      assertThat(changed).extracting(Reason::type).containsExactly(ReasonType.WRONG_STATE);
      assertThat(proposal().votes()).hasSize(1);
    }

    @Test
    void the_secretariat_and_the_public_do_not_vote_and_the_public_does_not_propose() {
      start(builder().build());
      assertThat(
              reject(
                  new ProposeAmendment(
                      OBSERVER, DAY, "x", acknowledgeWithin(Duration.ofMinutes(45)), null)))
          .extracting(Reason::type)
          .containsExactly(ReasonType.FORBIDDEN);
      accept(
          new ProposeAmendment(
              SECRETARIAT, DAY, "x", acknowledgeWithin(Duration.ofMinutes(45)), null));

      assertThat(reject(new VoteOnAmendment(SECRETARIAT, DAY, AMD_1, true)))
          .extracting(Reason::type)
          .containsExactly(ReasonType.FORBIDDEN);
      assertThat(reject(new VoteOnAmendment(OBSERVER, DAY, AMD_1, true)))
          .extracting(Reason::type)
          .containsExactly(ReasonType.FORBIDDEN);
    }

    @Test
    void a_proposal_that_changes_nothing_or_names_what_is_not_there_is_refused_with_paths() {
      start(builder().build());
      assertThat(
              reject(
                  new ProposeAmendment(
                      SECRETARIAT,
                      DAY,
                      " ",
                      new Amendment(
                          null, null, null, null, null, null, null, null, null, null, null),
                      null)))
          .extracting(Reason::path)
          .containsExactly("/title", "/amendment");

      List<Reason> r =
          reject(
              new ProposeAmendment(
                  SECRETARIAT,
                  DAY,
                  "Bad",
                  new Amendment(
                      List.of(new Accession(DEU, "Germany", List.of())),
                      null,
                      List.of(DEU_AD),
                      List.of(new PledgeId("NO-SUCH-1")),
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null),
                  null));

      assertThat(r)
          .extracting(Reason::path)
          .containsExactly(
              "/amendment/accessions/0/code",
              "/amendment/accessions/0/rootKeys",
              "/amendment/pledges/0/id",
              "/amendment/withdrawPledges/0");
    }

    @Test
    void a_new_pledge_with_an_unknown_hub_is_named_at_its_place_in_the_amendment() {
      start(builder().build());
      Pledge stray =
          pledge("DEU-AD-9", DEU, Capability.AIR_DEFENCE, 1, Unit.SYSTEMS, 2, RYGGE, air(1));

      List<Reason> r =
          reject(
              new ProposeAmendment(
                  SECRETARIAT,
                  DAY,
                  "Stray",
                  new Amendment(
                      null, null, List.of(stray), null, null, null, null, null, null, null, null),
                  null));

      assertThat(r)
          .containsExactly(
              Reason.of(
                  "/amendment/pledges/0/hub", ReasonType.TREATY_INVALID, "unknown hub NO-RYG"));
    }
  }

  @Nested
  class WhichVersionJudges {
    @Test
    void a_report_is_judged_by_the_version_in_force_when_filed_and_says_which() {
      start(builder().governance(new Governance(null, Duration.ZERO, null, null)).build());
      Instant effective = T0.plus(Duration.ofDays(1));
      accept(
          new ProposeAmendment(
              SECRETARIAT,
              DAY,
              "Germany's air defence withdrawn",
              withdraw(DEU_AD.id()),
              effective));
      // No notice period here: the pledge lapses the moment the amendment takes effect.
      List.of(POL_DESK, GBR_DESK, DEU_DESK, UKR_OPS)
          .forEach(a -> accept(new VoteOnAmendment(a, DAY, AMD_1, true)));
      assertThat(state.treaty().orElseThrow().effectiveFrom()).isEqualTo(effective);

      accept(new FileReport(UKR_OPS, T0, "before", AIR_3_AT_KYIV));
      accept(
          new FileReport(
              UKR_OPS,
              effective.plusSeconds(60),
              "after",
              new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, effective.plusSeconds(30), "")));

      List<Incident> incidents = List.copyOf(state.incidents());
      assertThat(incidents.get(0).scope().treatyVersion()).isEqualTo(1);
      assertThat(incidents.get(1).scope().treatyVersion()).isEqualTo(2);
      assertThat(pledgesUsed(incidents.get(0))).contains(DEU_AD.id());
      assertThat(pledgesUsed(incidents.get(1))).doesNotContain(DEU_AD.id());
    }

    @Test
    void a_withdrawn_pledge_serves_out_its_notice_then_lapses_and_why_says_so() {
      Treaty v1 =
          builder().governance(new Governance(null, Duration.ofDays(10), null, null)).build();
      start(v1);
      // In force nine days before T0, so the notice of ten days runs out a day after it.
      accept(
          new ProposeAmendment(
              SECRETARIAT,
              DAY,
              "Germany's air defence withdrawn",
              withdraw(DEU_AD.id()),
              T0.minus(Duration.ofDays(9))));
      List.of(POL_DESK, GBR_DESK, DEU_DESK, UKR_OPS)
          .forEach(a -> accept(new VoteOnAmendment(a, DAY, AMD_1, true)));

      Instant lapsed = T0.plus(Duration.ofDays(2));
      accept(new FileReport(UKR_OPS, T0, "in-notice", AIR_3_AT_KYIV));
      accept(
          new FileReport(
              UKR_OPS,
              lapsed,
              "lapsed",
              new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, lapsed.minusSeconds(60), "")));

      List<Incident> incidents = List.copyOf(state.incidents());
      assertThat(pledgesUsed(incidents.get(0))).contains(DEU_AD.id());
      assertThat(pledgesUsed(incidents.get(1))).doesNotContain(DEU_AD.id());
      assertThat(lostBy(DEU_AD.id())).contains(Alternative.Lost.NOT_VALID);
    }
  }

  @Nested
  class Certification_ {
    private final Treaty certifiedOnly =
        builder().governance(new Governance(null, null, true, Duration.ofDays(30))).build();

    private Certification until(Instant end) {
      return new Certification(LocalDate.parse("2025-01-15"), end, "INSP-2025-0042");
    }

    @Test
    void only_certified_pledges_count_and_why_names_the_others() {
      start(certifiedOnly);
      accept(new CertifyPledge(SECRETARIAT, DAY, GBR_AD.id(), until(T0.plus(Duration.ofDays(90)))));

      accept(new FileReport(UKR_OPS, T0, "call-1", AIR_3_AT_KYIV));

      Incident i = state.incidents().iterator().next();
      assertThat(pledgesUsed(i)).containsExactly(GBR_AD.id());
      assertThat(lostBy(DEU_AD.id())).contains(Alternative.Lost.NOT_CERTIFIED);
    }

    @Test
    void an_expired_certification_no_longer_counts_until_it_is_renewed() {
      start(certifiedOnly);
      accept(new CertifyPledge(SECRETARIAT, DAY, DEU_AD.id(), until(T0.minusSeconds(1))));
      accept(new CertifyPledge(SECRETARIAT, DAY, GBR_AD.id(), until(T0.plus(Duration.ofDays(9)))));

      accept(new FileReport(UKR_OPS, T0, "call-1", AIR_3_AT_KYIV));
      assertThat(lostBy(DEU_AD.id())).contains(Alternative.Lost.CERTIFICATION_EXPIRED);

      accept(new CertifyPledge(SECRETARIAT, T0, DEU_AD.id(), until(T0.plus(Duration.ofDays(365)))));
      accept(new FileReport(UKR_OPS, T0.plusSeconds(60), "call-2", AIR_3_AT_KYIV));

      List<Incident> incidents = List.copyOf(state.incidents());
      assertThat(pledgesUsed(incidents.get(1))).contains(DEU_AD.id());
    }

    @Test
    void only_the_secretariat_certifies_with_evidence_and_a_validity_ahead() {
      start(certifiedOnly);
      assertThat(reject(new CertifyPledge(GBR_DESK, DAY, GBR_AD.id(), until(T0))))
          .extracting(Reason::type)
          .containsExactly(ReasonType.FORBIDDEN);
      assertThat(
              reject(
                  new CertifyPledge(
                      SECRETARIAT,
                      DAY,
                      GBR_AD.id(),
                      new Certification(LocalDate.parse("2030-01-01"), DAY, " "))))
          .extracting(Reason::path)
          .containsExactly("/inspectedOn", "/validUntil", "/evidence");
      assertThat(reject(new CertifyPledge(SECRETARIAT, DAY, new PledgeId("X-1"), until(T0))))
          .extracting(Reason::type)
          .containsExactly(ReasonType.NOT_FOUND);
    }
  }

  @Nested
  class NewWords {
    private final Pledge polDemining = POL_DEM;

    private Amendment deminingPlan(Vocabulary words) {
      return new Amendment(
          null,
          null,
          List.of(polDemining),
          null,
          List.of(HYBRID_2),
          null,
          null,
          null,
          null,
          null,
          null,
          words);
    }

    @Test
    void a_plan_line_in_new_words_needs_the_amendment_to_declare_them() {
      start(builder().build());

      List<Reason> r =
          reject(new ProposeAmendment(SECRETARIAT, DAY, "Demining", deminingPlan(null), null));

      assertThat(r)
          .extracting(Reason::path)
          .containsExactly(
              "/amendment/pledges/0/capability",
              "/amendment/pledges/0/quantity/unit",
              "/amendment/plans/0/threat",
              "/amendment/plans/0/lines/0/capability",
              "/amendment/plans/0/lines/0/quantity/unit");
      assertThat(r.get(0).message())
          .isEqualTo(
              "DEMINING is not a capability of the treaty in force; it knows ARMED_FORCES,"
                  + " AIR_DEFENCE, WEAPONS, INTELLIGENCE, TRAINING");
    }

    @Test
    void an_amendment_declares_a_threat_type_a_unit_and_a_capability_and_they_are_used() {
      start(builder().build());
      Vocabulary words =
          new Vocabulary(
              List.of(new Vocabulary.ThreatTypeTerm(HYBRID_ATTACK, "Hybrid attack")),
              List.of(new Vocabulary.UnitTerm(TEAMS, null, false)),
              List.of(new Vocabulary.CapabilityTerm(DEMINING, "Demining", List.of(TEAMS))));
      accept(new ProposeAmendment(SECRETARIAT, DAY, "Demining", deminingPlan(words), null));
      List.of(POL_DESK, GBR_DESK, DEU_DESK, UKR_OPS)
          .forEach(a -> accept(new VoteOnAmendment(a, DAY, AMD_1, true)));

      Treaty v2 = state.treaty().orElseThrow();
      assertThat(v2.vocabulary().threatTypeCodes()).endsWith(HYBRID_ATTACK).hasSize(6);
      accept(new FileReport(UKR_OPS, T0, "hybrid", report(HYBRID_ATTACK, 2, KYIV)));
      Incident hybrid = state.incidents().iterator().next();
      assertThat(hybrid.taskings()).extracting(Tasking::capability).containsExactly(DEMINING);
    }

    @Test
    void a_word_the_treaty_knows_already_cannot_be_declared_again() {
      start(builder().build());
      Vocabulary again =
          new Vocabulary(
              List.of(new Vocabulary.ThreatTypeTerm(ThreatType.SABOTAGE, null)), null, null);

      List<Reason> r =
          reject(
              new ProposeAmendment(
                  SECRETARIAT,
                  DAY,
                  "Again",
                  new Amendment(
                      null, null, null, null, null, null, null, null, null, null, null, again),
                  null));

      assertThat(r)
          .containsExactly(
              Reason.of(
                  "/amendment/vocabulary/threatTypes/0/code",
                  ReasonType.TREATY_INVALID,
                  "threat type SABOTAGE is declared twice"));
    }
  }

  @Nested
  class Accession_ {
    @Test
    void a_state_accedes_is_certified_and_is_tasked() {
      start(builder().governance(new Governance(null, null, true, null)).build());
      accept(new ProposeAmendment(SECRETARIAT, DAY, "Accession of Norway", accession(), null));
      List.of(POL_DESK, GBR_DESK, DEU_DESK, UKR_OPS)
          .forEach(a -> accept(new VoteOnAmendment(a, DAY, AMD_1, true)));

      Treaty v2 = state.treaty().orElseThrow();
      assertThat(v2.party(NOR))
          .hasValueSatisfying(p -> assertThat(p.role()).isEqualTo(Role.GUARANTOR));
      assertThat(state.keyring().inForce(NOR, KeyRole.ROOT))
          .extracting(k -> k.publicKey())
          .containsExactly(NOR_ROOT);

      accept(
          new CertifyPledge(
              SECRETARIAT,
              T0,
              GBR_AD.id(),
              new Certification(
                  LocalDate.parse("2025-02-20"), T0.plus(Duration.ofDays(365)), "INSP-GBR-1")));
      accept(new FileReport(UKR_OPS, T0, "uncertified", AIR_3_AT_KYIV));
      assertThat(lostBy(NOR_AD.id())).contains(Alternative.Lost.NOT_CERTIFIED);
      Incident first = state.incidents().iterator().next();
      assertThat(first.shortfalls()).isNotEmpty();
      assertThat(first.shortfalls().get(0).reason()).contains("do not count: not certified");

      accept(
          new CertifyPledge(
              SECRETARIAT,
              T0,
              NOR_AD.id(),
              new Certification(
                  LocalDate.parse("2025-02-20"), T0.plus(Duration.ofDays(365)), "INSP-NOR-1")));
      accept(new FileReport(UKR_OPS, T0.plusSeconds(60), "certified", AIR_3_AT_KYIV));

      List<Incident> incidents = List.copyOf(state.incidents());
      assertThat(pledgesUsed(incidents.get(1))).containsExactly(NOR_AD.id());
      Tasking t = incidents.get(1).taskings().get(0);
      assertThat(t.guarantor()).isEqualTo(NOR);
      accept(new DispatchCommand.Acknowledge(NOR_DESK, T0.plusSeconds(120), t.id()));
    }

    @Test
    void a_root_key_already_registered_cannot_come_with_an_accession() {
      start(builder().build());
      accept(new ProposeAmendment(SECRETARIAT, DAY, "Accession of Norway", accession(), null));
      List.of(POL_DESK, GBR_DESK, DEU_DESK, UKR_OPS)
          .forEach(a -> accept(new VoteOnAmendment(a, DAY, AMD_1, true)));

      List<Reason> r =
          reject(
              new ProposeAmendment(
                  SECRETARIAT,
                  DAY,
                  "Again",
                  new Amendment(
                      List.of(new Accession(PartyCode.of("ISL"), "Iceland", List.of(NOR_ROOT))),
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null),
                  null));

      assertThat(r).extracting(Reason::type).containsExactly(ReasonType.KEY_EXISTS);
    }

    @Test
    void a_proposal_that_no_longer_applies_when_its_vote_completes_lapses() {
      start(builder().build());
      accept(new ProposeAmendment(SECRETARIAT, DAY, "Accession of Norway", accession(), null));
      accept(new ProposeAmendment(SECRETARIAT, DAY, "Norway, again", accession(), null));
      List.of(POL_DESK, GBR_DESK, DEU_DESK, UKR_OPS)
          .forEach(a -> accept(new VoteOnAmendment(a, DAY, AMD_1, true)));

      ProposalId second = ProposalId.number(2);
      List.of(POL_DESK, GBR_DESK, DEU_DESK, UKR_OPS, NOR_DESK)
          .forEach(a -> run(new VoteOnAmendment(a, DAY, second, true)));

      Proposal p = state.proposal(second).orElseThrow();
      assertThat(p.status()).isEqualTo(Proposal.Status.LAPSED);
      assertThat(p.decision()).contains("NOR is a party already");
      assertThat(state.treaty().orElseThrow().version()).isEqualTo(2);
    }
  }

  @Test
  void replaying_the_log_gives_the_same_treaties_proposals_and_keys() {
    a_full_history();

    DispatchState replayed = new DispatchState(atlas());
    log.forEach(replayed::evolve);
    DispatchState restored = DispatchState.restore(atlas(), state.image());

    for (DispatchState other : List.of(replayed, restored)) {
      assertThat(other.treatyVersions()).isEqualTo(state.treatyVersions());
      assertThat(List.copyOf(other.proposals())).isEqualTo(List.copyOf(state.proposals()));
      assertThat(other.keyring().image()).isEqualTo(state.keyring().image());
    }
  }

  private void a_full_history() {
    start(builder().governance(new Governance(null, null, true, null)).build());
    accept(new ProposeAmendment(SECRETARIAT, DAY, "Accession of Norway", accession(), null));
    List.of(POL_DESK, GBR_DESK, DEU_DESK, UKR_OPS)
        .forEach(a -> accept(new VoteOnAmendment(a, DAY, AMD_1, true)));
    accept(
        new CertifyPledge(
            SECRETARIAT,
            T0,
            NOR_AD.id(),
            new Certification(
                LocalDate.parse("2025-02-20"), T0.plus(Duration.ofDays(365)), "INSP-NOR-1")));
    accept(new FileReport(UKR_OPS, T0, "call-1", AIR_3_AT_KYIV));
  }

  private static Set<PledgeId> pledgesUsed(Incident i) {
    return i.taskings().stream().map(Tasking::pledge).collect(Collectors.toSet());
  }

  /** Why a pledge lost, over every tasking explanation in the log so far. */
  private List<Alternative.Lost> lostBy(PledgeId pledge) {
    List<Alternative.Lost> out = new ArrayList<>();
    for (DispatchEvent e : log) {
      if (e instanceof DispatchEvent.TaskingIssued t && t.why() != null) {
        t.why().alternatives().stream()
            .filter(a -> a.pledge().equals(pledge))
            .forEach(a -> out.add(a.lost()));
      }
    }
    return out;
  }
}
