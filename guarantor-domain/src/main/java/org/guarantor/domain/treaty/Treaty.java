package org.guarantor.domain.treaty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
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
 * @param governance how the treaty is amended, how long a withdrawn pledge serves, and whether a
 *     pledge must be certified to count (default {@link Governance#defaults()})
 * @param vocabulary the threat types, units and capabilities the treaty is written in (default
 *     {@link Vocabulary#DEFAULT}); every pledge, plan and report must use its words
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
    Duration safetyMargin,
    Governance governance,
    Vocabulary vocabulary) {
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
    governance = governance == null ? Governance.defaults() : governance;
    vocabulary = vocabulary == null ? Vocabulary.DEFAULT : vocabulary;
  }

  /** A version in the bundled vocabulary, as treaties were written before they had their own. */
  public Treaty(
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
      Duration safetyMargin,
      Governance governance) {
    this(
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
        pledges,
        plans,
        notice,
        gracePeriod,
        backfillWindow,
        consequences,
        reprioritiseBySeverity,
        burdenWeight,
        safetyMargin,
        governance,
        null);
  }

  /** The same version with other pledges: for tools that scale or copy a treaty's pledges. */
  public Treaty withPledges(List<Pledge> newPledges) {
    return toBuilder().pledges(newPledges).build();
  }

  /** A builder holding this version's every field, to derive another from it. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Whether a pledge counts for allocation at {@code t} as far as certification goes: always,
   * unless the treaty requires a certification in force.
   */
  public boolean certificationAllows(Pledge p, Instant t) {
    return !governance.certificationRequired() || p.certifiedAt(t);
  }

  /** The guarantors, in the order the treaty lists them. */
  public List<Party> guarantors() {
    return parties.stream().filter(p -> p.role() == Role.GUARANTOR).toList();
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
    return plans.stream()
        .filter(p -> p.threat().equals(threat) && p.severity() == severity)
        .findFirst();
  }

  /** Builds a treaty version field by field; start from {@link Treaty#toBuilder()}. */
  public static final class Builder {
    private String id;
    private int version;
    private String name;
    private Instant effectiveFrom;
    private PartyCode protectedState;
    private List<Party> parties;
    private ActivationRule activation;
    private Duration acknowledgementDeadline;
    private Duration decisionLimit;
    private TerritoryDefinition territory;
    private List<Hub> hubs;
    private List<Pledge> pledges;
    private List<ResponsePlan> plans;
    private String notice;
    private Duration gracePeriod;
    private Duration backfillWindow;
    private Consequences consequences;
    private Boolean reprioritiseBySeverity;
    private Double burdenWeight;
    private Duration safetyMargin;
    private Governance governance;
    private Vocabulary vocabulary;

    private Builder(Treaty t) {
      id = t.id;
      version = t.version;
      name = t.name;
      effectiveFrom = t.effectiveFrom;
      protectedState = t.protectedState;
      parties = t.parties;
      activation = t.activation;
      acknowledgementDeadline = t.acknowledgementDeadline;
      decisionLimit = t.decisionLimit;
      territory = t.territory;
      hubs = t.hubs;
      pledges = t.pledges;
      plans = t.plans;
      notice = t.notice;
      gracePeriod = t.gracePeriod;
      backfillWindow = t.backfillWindow;
      consequences = t.consequences;
      reprioritiseBySeverity = t.reprioritiseBySeverity;
      burdenWeight = t.burdenWeight;
      safetyMargin = t.safetyMargin;
      governance = t.governance;
      vocabulary = t.vocabulary;
    }

    public Builder version(int value) {
      version = value;
      return this;
    }

    public Builder effectiveFrom(Instant value) {
      effectiveFrom = value;
      return this;
    }

    public Builder parties(List<Party> value) {
      parties = value;
      return this;
    }

    public Builder acknowledgementDeadline(Duration value) {
      acknowledgementDeadline = value;
      return this;
    }

    public Builder decisionLimit(Duration value) {
      decisionLimit = value;
      return this;
    }

    public Builder territory(TerritoryDefinition value) {
      territory = value;
      return this;
    }

    public Builder hubs(List<Hub> value) {
      hubs = value;
      return this;
    }

    public Builder pledges(List<Pledge> value) {
      pledges = value;
      return this;
    }

    public Builder plans(List<ResponsePlan> value) {
      plans = value;
      return this;
    }

    public Builder gracePeriod(Duration value) {
      gracePeriod = value;
      return this;
    }

    public Builder backfillWindow(Duration value) {
      backfillWindow = value;
      return this;
    }

    public Builder consequences(Consequences value) {
      consequences = value;
      return this;
    }

    public Builder reprioritiseBySeverity(boolean value) {
      reprioritiseBySeverity = value;
      return this;
    }

    public Builder governance(Governance value) {
      governance = value;
      return this;
    }

    public Builder vocabulary(Vocabulary value) {
      vocabulary = value;
      return this;
    }

    public Treaty build() {
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
          pledges,
          plans,
          notice,
          gracePeriod,
          backfillWindow,
          consequences,
          reprioritiseBySeverity,
          burdenWeight,
          safetyMargin,
          governance,
          vocabulary);
    }
  }
}
