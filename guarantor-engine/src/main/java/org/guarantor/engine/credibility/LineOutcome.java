package org.guarantor.engine.credibility;

/**
 * How one plan line of one simulated incident fared.
 *
 * @param incident the simulated incident's id
 * @param plan the plan id, e.g. {@code AIR_ATTACK/3}
 * @param line the line number in the plan
 * @param onTime whether the required quantity had arrived by the line's deadline
 * @param hoursToCover hours from activation until the required quantity had arrived, or NaN if it
 *     had not by the end of the crisis
 * @param unitHoursLate quantity missing × hours, from the deadline to the end of the crisis
 */
record LineOutcome(
    String incident,
    String plan,
    int line,
    boolean onTime,
    double hoursToCover,
    double unitHoursLate) {}
