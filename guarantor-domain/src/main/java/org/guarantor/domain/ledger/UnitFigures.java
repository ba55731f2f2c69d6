package org.guarantor.domain.ledger;

import org.guarantor.domain.pledge.Unit;

/**
 * A guarantor's quantities in one unit. Each tasked unit is in exactly one of delivered, declined,
 * breached, released or outstanding: {@code tasked = delivered + declined + breached + released +
 * outstanding}. Immutable.
 *
 * @param deliveredLate the part of {@code delivered} that arrived after its delivery deadline
 * @param breached quantity owed by breached taskings and handed to other pledges
 * @param released quantity of released taskings not delivered before the release
 * @param outstanding quantity of open taskings not yet delivered
 * @param unitHoursLate Σ quantity × hours late, over late deliveries and breaches (for personnel:
 *     people-hours late)
 */
public record UnitFigures(
    Unit unit,
    long tasked,
    long delivered,
    long deliveredLate,
    long declined,
    long breached,
    long released,
    long outstanding,
    double unitHoursLate) {}
