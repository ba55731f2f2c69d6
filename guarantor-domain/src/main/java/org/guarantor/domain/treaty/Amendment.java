package org.guarantor.domain.treaty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.territory.TerritoryDefinition;

/**
 * What an amendment changes; every field may be left out, and what is left out stays as it is.
 * Applied to the version in force when it is adopted, it gives the next version ({@link #applyTo}).
 *
 * @param accessions states that join as guarantors
 * @param hubs hubs added (a new id) or replaced (an existing id)
 * @param pledges pledges added (a new id); uncertified until the secretariat certifies them
 * @param withdrawPledges pledges withdrawn: each still serves for the treaty's withdrawal notice
 *     after the amendment takes effect, then lapses
 * @param plans response plans added or replaced, one per threat type and severity
 * @param territory a new territory definition (for example a new line of contact as a custom area)
 * @param acknowledgementDeadline a new acknowledgement deadline
 * @param decisionLimit a new decision limit
 * @param gracePeriod a new grace period
 * @param backfillWindow a new backfill window
 * @param consequences new consequences of a breach
 * @param vocabulary threat types, units and capabilities added to the treaty's vocabulary, each
 *     appended to its list (for example a capability that a new plan line or pledge uses); none may
 *     be declared already
 */
public record Amendment(
    List<Accession> accessions,
    List<Hub> hubs,
    List<Pledge> pledges,
    List<PledgeId> withdrawPledges,
    List<ResponsePlan> plans,
    TerritoryDefinition territory,
    Duration acknowledgementDeadline,
    Duration decisionLimit,
    Duration gracePeriod,
    Duration backfillWindow,
    Consequences consequences,
    Vocabulary vocabulary) {
  public Amendment {
    accessions = accessions == null ? List.of() : List.copyOf(accessions);
    hubs = hubs == null ? List.of() : List.copyOf(hubs);
    pledges = pledges == null ? List.of() : List.copyOf(pledges);
    withdrawPledges = withdrawPledges == null ? List.of() : List.copyOf(withdrawPledges);
    plans = plans == null ? List.of() : List.copyOf(plans);
    vocabulary = vocabulary == null || vocabulary.declaresNothing() ? null : vocabulary;
  }

  /** An amendment that declares no new words. */
  public Amendment(
      List<Accession> accessions,
      List<Hub> hubs,
      List<Pledge> pledges,
      List<PledgeId> withdrawPledges,
      List<ResponsePlan> plans,
      TerritoryDefinition territory,
      Duration acknowledgementDeadline,
      Duration decisionLimit,
      Duration gracePeriod,
      Duration backfillWindow,
      Consequences consequences) {
    this(
        accessions,
        hubs,
        pledges,
        withdrawPledges,
        plans,
        territory,
        acknowledgementDeadline,
        decisionLimit,
        gracePeriod,
        backfillWindow,
        consequences,
        null);
  }

  /** Whether it changes anything at all. */
  public boolean changesNothing() {
    return accessions.isEmpty()
        && hubs.isEmpty()
        && pledges.isEmpty()
        && withdrawPledges.isEmpty()
        && plans.isEmpty()
        && territory == null
        && acknowledgementDeadline == null
        && decisionLimit == null
        && gracePeriod == null
        && backfillWindow == null
        && consequences == null
        && vocabulary == null;
  }

  /**
   * The next version: {@code base} with these changes, numbered one above it and in force from
   * {@code effectiveFrom}. Assumes {@link AmendmentCheck} found nothing wrong.
   */
  public Treaty applyTo(Treaty base, Instant effectiveFrom) {
    List<Party> parties = new ArrayList<>(base.parties());
    for (Accession a : accessions) {
      parties.add(new Party(a.code(), a.name(), Role.GUARANTOR));
    }
    Map<HubId, Hub> hubById = new LinkedHashMap<>();
    base.hubs().forEach(h -> hubById.put(h.id(), h));
    hubs.forEach(h -> hubById.put(h.id(), h));
    Instant lapse = effectiveFrom.plus(base.governance().withdrawalNotice());
    List<Pledge> newPledges = new ArrayList<>();
    for (Pledge p : base.pledges()) {
      newPledges.add(withdrawPledges.contains(p.id()) ? p.endingBy(lapse) : p);
    }
    newPledges.addAll(pledges);
    Map<String, ResponsePlan> planByKey = new LinkedHashMap<>();
    base.plans().forEach(p -> planByKey.put(p.threat() + "/" + p.severity(), p));
    plans.forEach(p -> planByKey.put(p.threat() + "/" + p.severity(), p));
    Treaty.Builder b =
        base.toBuilder()
            .version(base.version() + 1)
            .effectiveFrom(effectiveFrom)
            .parties(parties)
            .hubs(List.copyOf(hubById.values()))
            .pledges(newPledges)
            .plans(List.copyOf(planByKey.values()))
            .vocabulary(base.vocabulary().plus(vocabulary));
    if (territory != null) {
      b.territory(territory);
    }
    if (acknowledgementDeadline != null) {
      b.acknowledgementDeadline(acknowledgementDeadline);
    }
    if (decisionLimit != null) {
      b.decisionLimit(decisionLimit);
    }
    if (gracePeriod != null) {
      b.gracePeriod(gracePeriod);
    }
    if (backfillWindow != null) {
      b.backfillWindow(backfillWindow);
    }
    if (consequences != null) {
      b.consequences(consequences);
    }
    return b.build();
  }
}
