package org.guarantor.domain.ledger;

import java.time.Instant;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Unit;

/**
 * One judged outcome, for the record over time: a breach, a late delivery, a decline or a
 * consequence. Carries no incident, place or hub, so it can be published. Immutable.
 *
 * @param kind BREACHED, LATE, DECLINED, FUND_CONTRIBUTION, PUBLIC_NOTICE, SUSPENSION or REINSTATED
 * @param amount the fund contribution, for FUND_CONTRIBUTION; else 0
 */
public record LedgerEntry(
    Instant at,
    PartyCode guarantor,
    String kind,
    Unit unit,
    long quantity,
    double hoursLate,
    double amount) {}
