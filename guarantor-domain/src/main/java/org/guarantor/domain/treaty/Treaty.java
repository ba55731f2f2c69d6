package org.guarantor.domain.treaty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.territory.TerritoryDefinition;

/**
 * One version of a treaty's configuration: parties, territory, hubs, pledges, plans and rules.
 * Immutable; a change is a new version with its own effective time.
 *
 * @param id stable treaty identifier
 * @param version 1, 2, … ; each adoption must be the next
 * @param effectiveFrom when this version takes effect
 * @param acknowledgementDeadline how long a guarantor has to acknowledge a tasking (default 1 h)
 * @param decisionLimit the hard limit for a decision on a report (default 24 h)
 * @param gracePeriod how long after a missed acknowledgement or delivery deadline the tasking may
 *     still be remedied before its quantity is backfilled and it is breached (default 2 h)
 * @param backfillWindow when a replacement is sought after the line's own deadline has passed, how
 *     long the replacement has to arrive (default 24 h)
 * @param consequences what a breach costs (default: nothing but the ledger entry)
 * @param reprioritiseBySeverity whether a re-plan for an incident with a shortfall may withdraw
 *     quantity not yet acknowledged from open incidents of strictly lower severity (default false:
 *     a new incident never takes what another one holds)
 * @param burdenWeight how much the online allocator weighs keeping each guarantor's share of tasked
 *     quantity close to its share of pledged quantity, against keeping fast pledges for tight
 *     deadlines (default {@value #DEFAULT_BURDEN_WEIGHT}; 0 turns burden-sharing off, in the exact
 *     optimizer too; must be finite and not negative). At 1, a guarantor with all its pledged
 *     quantity in a unit in use counts as 24 hours of margin against one with none in use.
 * @param safetyMargin how long before a line's deadline a pledge should arrive for the online
 *     allocator to count it as safely on time (default 0). Pledges that would arrive on time but
 *     inside this margin are tasked only when no pledge with more time to spare is left, so that a
 *     line is not served by an estimate that leaves no room for delay. Not negative.
 */
public record Treaty(
    String id,
    int version,
    String name,
    Instant effectiveFrom,
    PartyCode protectedState,
    List<Party> parties,
    ActivationRule activation,
    Duration acknowledgementDeadline,
    Duration decisionLimit,
    TerritoryDefinition territory,
    List<Hub> hubs,
    List<Pledge> pledges,
    List<ResponsePlan> plans,
    String notice,
    Duration gracePeriod,
    Duration backfillWindow,
    Consequences consequences,
    Boolean reprioritiseBySeverity,
    Double burdenWeight,
    Duration safetyMargin) {
  /** The burden weight of a treaty that names none. */
  public static final double DEFAULT_BURDEN_WEIGHT = 1.0;

  public Treaty {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    Objects.requireNonNull(protectedState, "protectedState");
    Objects.requireNonNull(territory, "territory");
    parties = List.copyOf(parties);
    hubs = List.copyOf(hubs);
    pledges = List.copyOf(pledges);
    plans = List.copyOf(plans);
    activation = activation == null ? ActivationRule.automatic() : activation;
    acknowledgementDeadline =
        acknowledgementDeadline == null ? Duration.ofHours(1) : acknowledgementDeadline;
    decisionLimit = decisionLimit == null ? Duration.ofHours(24) : decisionLimit;
    notice = notice == null ? "" : notice;
    gracePeriod = gracePeriod == null ? Duration.ofHours(2) : gracePeriod;
    backfillWindow = backfillWindow == null ? Duration.ofHours(24) : backfillWindow;
    consequences = consequences == null ? Consequences.none() : consequences;
    // Boxed so that treaty files and stored treaties written before these existed still load.
    reprioritiseBySeverity = Boolean.TRUE.equals(reprioritiseBySeverity);
    burdenWeight = burdenWeight == null ? DEFAULT_BURDEN_WEIGHT : burdenWeight;
    safetyMargin = safetyMargin == null ? Duration.ZERO : safetyMargin;
  }

  /** The same version with other pledges: for tools that scale or copy a treaty's pledges. */
  public Treaty withPledges(List<Pledge> newPledges) {
    return new Treaty(
        id,
        version,
        name,
        effectiveFrom,
        protectedState,
        parties,
        activation,
        acknowledgementDeadline,
        decisionLimit,
        territory,
        hubs,
        newPledges,
        plans,
        notice,
        gracePeriod,
        backfillWindow,
        consequences,
        reprioritiseBySeverity,
        burdenWeight,
        safetyMargin);
  }

  public Optional<Party> party(PartyCode code) {
    return parties.stream().filter(p -> p.code().equals(code)).findFirst();
  }

  public Optional<Hub> hub(HubId id) {
    return hubs.stream().filter(h -> h.id().equals(id)).findFirst();
  }

  public Optional<Pledge> pledge(PledgeId id) {
    return pledges.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  public Optional<ResponsePlan> plan(ThreatType threat, int severity) {
    return plans.stream().filter(p -> p.threat() == threat && p.severity() == severity).findFirst();
  }
}
