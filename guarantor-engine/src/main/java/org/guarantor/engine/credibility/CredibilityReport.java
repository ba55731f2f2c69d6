package org.guarantor.engine.credibility;

import java.util.List;

/**
 * What a credibility exercise found: how often each plan line's promised quantity arrives by its
 * deadline, how much is missing for how long when it does not, how long full cover takes, and which
 * parties the guarantee leans on most. Immutable; written as JSON as it stands.
 *
 * @param treaty the treaty id
 * @param version the treaty version simulated
 * @param seed the seed; with the run index it reproduces every crisis
 * @param runs crises simulated
 * @param horizonHours how long each crisis was played
 * @param behaviour the assumed behaviour of guarantors and hubs
 * @param lines plan lines simulated, over all runs
 * @param onTime share of them whose promised quantity arrived by the deadline
 * @param plans per threat type and severity, in the treaty's order
 * @param criticalRuns runs replayed for each party removed (the first ones)
 * @param critical guarantors and hubs by how much P(on time) drops without them, largest first
 */
public record CredibilityReport(
    String treaty,
    int version,
    long seed,
    int runs,
    double horizonHours,
    Behaviour behaviour,
    long lines,
    double onTime,
    List<PlanReport> plans,
    int criticalRuns,
    List<CriticalParty> critical) {
  public CredibilityReport {
    plans = List.copyOf(plans);
    critical = List.copyOf(critical);
  }

  /**
   * One response plan (threat type and severity).
   *
   * @param incidents simulated incidents that used it
   * @param allLinesOnTime share of them with every line on time; null when none drew this plan
   */
  public record PlanReport(
      String plan,
      String threat,
      int severity,
      long incidents,
      Double allLinesOnTime,
      List<LineReport> lines) {
    public PlanReport {
      lines = List.copyOf(lines);
    }
  }

  /**
   * One plan line.
   *
   * @param deadlineHours the line's deadline after activation
   * @param samples simulated incidents with this line (onTime and expectedUnitHoursLate are null
   *     when there are none)
   * @param onTime P(the promised quantity arrives by the deadline)
   * @param expectedUnitHoursLate expected shortfall: quantity missing × hours, from the deadline to
   *     the end of the crisis
   * @param hoursToCover time from activation to full cover
   */
  public record LineReport(
      int line,
      String capability,
      long quantity,
      String unit,
      double deadlineHours,
      long samples,
      Double onTime,
      Double expectedUnitHoursLate,
      CoverTime hoursToCover) {}

  /**
   * Percentiles of the time to full cover, in hours; a percentile is null when more than that share
   * of incidents never had full cover within the horizon.
   *
   * @param neverCovered share of incidents not fully covered by the end of the crisis
   */
  public record CoverTime(Double p50, Double p90, Double p95, Double p99, double neverCovered) {}

  /**
   * A party whose failure was simulated: all its pledges (a guarantor) or all pledges staged at it
   * (a hub) removed, on the same crises.
   *
   * @param kind {@code GUARANTOR} or {@code HUB}
   * @param onTime P(on time) without it, over the critical runs
   * @param drop P(on time) with everyone, over the same runs, less {@code onTime}
   */
  public record CriticalParty(String kind, String code, double onTime, double drop) {}
}
