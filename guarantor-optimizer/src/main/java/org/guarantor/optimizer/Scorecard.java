package org.guarantor.optimizer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Unit;

/**
 * How good a plan is, measured the same way for both allocators.
 *
 * @param burdenDeviation over units with quantity in use, the mean of {@code Σ_g |used_g − s_g·U| /
 *     2U}, where {@code used_g} is guarantor g's quantity in use after the plan (held plus
 *     planned), {@code s_g} its share of the quantity pledged in that unit and {@code U} the total
 *     in use: the fraction of the quantity in use that would have to move between guarantors for
 *     every share to match its pledged share; 0 is perfect
 * @param meanArrivalMinutes mean minutes from activation to arrival, weighted by quantity
 */
public record Scorecard(
    long required,
    long covered,
    long shortfall,
    double burdenDeviation,
    double meanArrivalMinutes) {

  public static Scorecard of(Problem problem, Plan plan) {
    long covered = plan.covered();
    Map<PledgeId, Pledge> pledges = new HashMap<>();
    for (Pledge p : problem.pledges()) {
      pledges.put(p.id(), p);
    }
    Map<PledgeId, Long> used = new HashMap<>(problem.held());
    double minutes = 0;
    for (Plan.Placement x : plan.placements()) {
      used.merge(x.pledge(), x.amount(), Long::sum);
      Duration d = Duration.between(problem.lines().get(x.line()).need().from(), x.arrival());
      minutes += (double) d.toMinutes() * x.amount();
    }
    return new Scorecard(
        problem.required(),
        covered,
        problem.required() - covered,
        burdenDeviation(problem.pledges(), used),
        covered == 0 ? 0 : minutes / covered);
  }

  static double burdenDeviation(List<Pledge> pledges, Map<PledgeId, Long> used) {
    Map<Unit, Map<PartyCode, long[]>> byUnit = new TreeMap<>();
    for (Pledge p : pledges) {
      long[] up =
          byUnit
              .computeIfAbsent(p.quantity().unit(), u -> new HashMap<>())
              .computeIfAbsent(p.guarantor(), g -> new long[2]);
      up[0] += Math.min(p.quantity().amount(), used.getOrDefault(p.id(), 0L));
      up[1] += p.quantity().amount();
    }
    List<Double> perUnit = new ArrayList<>();
    for (Map<PartyCode, long[]> gs : byUnit.values()) {
      long inUse = 0;
      long pledged = 0;
      for (long[] up : gs.values()) {
        inUse += up[0];
        pledged += up[1];
      }
      if (inUse == 0 || pledged == 0) {
        continue;
      }
      double dev = 0;
      for (long[] up : gs.values()) {
        dev += Math.abs(up[0] - (double) up[1] / pledged * inUse);
      }
      perUnit.add(dev / (2.0 * inUse));
    }
    return perUnit.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  /** Coverage as a fraction of what was required (1 when nothing was). */
  public double coverage() {
    return required == 0 ? 1 : (double) covered / required;
  }
}
