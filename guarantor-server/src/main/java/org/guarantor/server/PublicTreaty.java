package org.guarantor.server;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.territory.TerritoryDefinition;
import org.guarantor.domain.treaty.ActivationRule;
import org.guarantor.domain.treaty.Consequences;
import org.guarantor.domain.treaty.Treaty;

/**
 * The public view of a treaty ({@code Access.TreatyView.PUBLIC}): the treaty's fields, named as in
 * the full one, less its hubs and pledges. What the public learns of pledges is their totals, which
 * the treaty answer gives beside it. Immutable.
 */
record PublicTreaty(
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
    List<ResponsePlan> plans,
    String notice,
    Duration gracePeriod,
    Duration backfillWindow,
    Consequences consequences,
    Boolean reprioritiseBySeverity,
    Double burdenWeight,
    Duration safetyMargin) {

  static PublicTreaty of(Treaty t) {
    return new PublicTreaty(
        t.id(),
        t.version(),
        t.name(),
        t.effectiveFrom(),
        t.protectedState(),
        t.parties(),
        t.activation(),
        t.acknowledgementDeadline(),
        t.decisionLimit(),
        t.territory(),
        t.plans(),
        t.notice(),
        t.gracePeriod(),
        t.backfillWindow(),
        t.consequences(),
        t.reprioritiseBySeverity(),
        t.burdenWeight(),
        t.safetyMargin());
  }
}
