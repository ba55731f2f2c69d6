package org.guarantor.bench.allocation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.guarantor.optimizer.ExactPlanner;
import org.guarantor.optimizer.InstanceGenerator;
import org.guarantor.optimizer.OnlinePlanner;
import org.guarantor.optimizer.Plan;
import org.guarantor.optimizer.PlanCheck;
import org.guarantor.optimizer.Problem;
import org.guarantor.optimizer.Scorecard;

/**
 * Both allocators on the same seeded instances.
 *
 * <ol>
 *   <li>gap: online coverage against the optimum over {@code instances} instances of 100 lines ×
 *       1,000 pledges (targets: median at most 2 %, worst at most 10 %), with burden deviation;
 *   <li>scale: the exact re-plan of 1,000 lines × 5,000 pledges against its 2 s budget, with the
 *       solver's status and coverage bound.
 * </ol>
 *
 * Usage: {@code java -cp guarantor-bench/target/benchmarks.jar
 * org.guarantor.bench.allocation.AllocationStudy [instances] [large] [demand] [burdenWeight]}; the
 * burden weight, when given, replaces the instances' own (1.0) for both allocators.
 */
public final class AllocationStudy {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private AllocationStudy() {}

  public static void main(String[] args) {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int large = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    double demand = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
    Double weight = args.length > 3 ? Double.valueOf(args[3]) : null;
    Duration budget = Duration.ofSeconds(2);
    ExactPlanner.warmUp();
    List<Double> gaps = new ArrayList<>();
    List<Double> onlineDev = new ArrayList<>();
    List<Double> exactDev = new ArrayList<>();
    int violations = 0;
    for (long seed = 1; seed <= instances; seed++) {
      Problem p = weighted(InstanceGenerator.generate(seed, 100, 1000, demand).problem(), weight);
      Plan online = OnlinePlanner.plan(p);
      ExactPlanner.Result exact = ExactPlanner.plan(p, budget);
      violations += PlanCheck.violations(p, online).size();
      violations += PlanCheck.violations(p, exact.plan()).size();
      long best = exact.coverageBound();
      gaps.add(best == 0 ? 0 : 100.0 * (best - online.covered()) / best);
      onlineDev.add(100 * Scorecard.of(p, online).burdenDeviation());
      exactDev.add(100 * Scorecard.of(p, exact.plan()).burdenDeviation());
    }
    System.out.printf(
        Locale.ROOT,
        "demand %.2f, burden weight %s; gap, %d instances of 100 lines x 1000 pledges: median %.2f %%, p90 %.2f %%, worst %.2f %%,"
            + " mean %.2f %%%n",
        demand,
        weight == null ? "as generated" : weight,
        instances,
        quantile(gaps, 0.5),
        quantile(gaps, 0.9),
        quantile(gaps, 1.0),
        gaps.stream().mapToDouble(Double::doubleValue).average().orElse(0));
    System.out.printf(
        Locale.ROOT,
        "burden deviation: online median %.2f %%, exact median %.2f %%; rule violations %d%n",
        quantile(onlineDev, 0.5),
        quantile(exactDev, 0.5),
        violations);
    for (long seed = 1; seed <= large; seed++) {
      Problem p = weighted(InstanceGenerator.generate(seed, 1000, 5000, demand).problem(), weight);
      long t0 = System.nanoTime();
      Plan online = OnlinePlanner.plan(p);
      double onlineMs = (System.nanoTime() - t0) / 1e6;
      long cpu0 = CPU.getCurrentThreadCpuTime();
      ExactPlanner.Result exact = ExactPlanner.plan(p, budget);
      double exactCpuMs = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6;
      long bound = exact.coverageBound();
      System.out.printf(
          Locale.ROOT,
          "1000x5000 seed %d: exact %d ms wall, %.0f ms cpu (%s budget), status %s, covered %d, bound %d, gap %.2f %%,"
              + " %s; online %.1f ms, covered %d (gap %.2f %%); violations %d%n",
          seed,
          exact.elapsed().toMillis(),
          exactCpuMs,
          exact.withinBudget() ? "within" : "OVER",
          exact.status(),
          exact.plan().covered(),
          bound,
          bound == 0 ? 0 : 100.0 * (bound - exact.plan().covered()) / bound,
          exact.lexicographic() ? "lexicographic" : "weighted",
          onlineMs,
          online.covered(),
          bound == 0 ? 0 : 100.0 * (bound - online.covered()) / bound,
          PlanCheck.violations(p, exact.plan()).size());
    }
  }

  private static Problem weighted(Problem p, Double weight) {
    return weight == null ? p : p.withBurdenWeight(weight);
  }

  private static double quantile(List<Double> xs, double q) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int i = (int) Math.ceil(q * s.size()) - 1;
    return s.get(Math.max(0, Math.min(s.size() - 1, i)));
  }
}
