package org.guarantor.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.allocation.Allocator;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.scenario.TreatyFile;
import org.guarantor.optimizer.ExactPlanner;
import org.guarantor.optimizer.Instance;
import org.guarantor.optimizer.InstanceGenerator;
import org.guarantor.optimizer.Instances;
import org.guarantor.optimizer.OnlinePlanner;
import org.guarantor.optimizer.Plan;
import org.guarantor.optimizer.PlanCheck;
import org.guarantor.optimizer.Problem;
import org.guarantor.optimizer.Scorecard;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guarantor plan}: both allocators on one instance, side by side: coverage, shortfall,
 * burden-share deviation and time.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Allocate an instance with the online allocator and the exact optimizer and compare them.")
final class PlanCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--instance", description = "Instance file (JSON).")
    Path instance;

    @Option(
        names = "--generate",
        paramLabel = "LINESxPLEDGES",
        description = "Generate an instance, e.g. 100x1000.")
    String generate;

    @Option(
        names = "--scenario",
        arity = "0..1",
        fallbackValue = "",
        paramLabel = "FILE",
        description =
            "Concurrent incidents against a treaty file's pledges, placed at random on its"
                + " covered land (without FILE: the bundled scenario).")
    String scenario;
  }

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--incidents",
      defaultValue = "6",
      description = "Incidents for --scenario (default ${DEFAULT-VALUE}).")
  int incidents;

  @Option(names = "--write", description = "Also write the instance to this file.")
  Path write;

  @Option(
      names = "--budget",
      defaultValue = "PT2S",
      description = "Time budget of the exact optimizer, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration budget;

  @Override
  public Integer call() throws Exception {
    Instance instance = instance();
    if (write != null) {
      Instances.write(instance, write);
    }
    Problem problem = instance.problem();
    Allocator allocator = Allocator.of(problem.hubs(), problem.pledges(), problem.burdenWeight());
    long t0 = System.nanoTime();
    Plan online = OnlinePlanner.plan(problem, allocator);
    long onlineNanos = System.nanoTime() - t0;
    ExactPlanner.warmUp();
    ExactPlanner.Result exact = ExactPlanner.plan(problem, budget);
    System.out.printf(
        Locale.ROOT,
        "instance %s: %d incidents, %d lines, %d pledges; required %d%n",
        instance.name(),
        instance.incidents().size(),
        problem.lines().size(),
        problem.pledges().size(),
        problem.required());
    System.out.printf(
        Locale.ROOT,
        "%-8s %12s %12s %9s %11s %13s %12s%n",
        "",
        "covered",
        "shortfall",
        "coverage",
        "burden dev",
        "mean arrival",
        "time");
    row("online", Scorecard.of(problem, online), onlineNanos);
    row("exact", Scorecard.of(problem, exact.plan()), exact.elapsed().toNanos());
    long bound = exact.coverageBound();
    long covered = exact.plan().covered();
    System.out.printf(
        Locale.ROOT,
        "exact: solver status %s, coverage bound %d (gap %.2f %%), %s, %s the %d ms budget%n",
        exact.status(),
        bound,
        bound == 0 ? 0.0 : 100.0 * (bound - covered) / bound,
        exact.lexicographic() ? "lexicographic" : "weighted (not strictly lexicographic)",
        exact.withinBudget() ? "within" : "OVER",
        budget.toMillis());
    System.out.printf(
        Locale.ROOT,
        "online gap to optimum: %.2f %%%n",
        bound == 0 ? 0.0 : 100.0 * (bound - online.covered()) / bound);
    int bad = PlanCheck.violations(problem, online).size();
    bad += PlanCheck.violations(problem, exact.plan()).size();
    if (bad > 0) {
      System.err.println(bad + " rule violations: this is a bug");
      return 1;
    }
    return 0;
  }

  private Instance instance() throws Exception {
    if (source.instance != null) {
      return Instances.read(source.instance);
    }
    if (source.scenario != null) {
      Treaty treaty =
          source.scenario.isEmpty()
              ? TreatyFile.bundled()
              : TreatyFile.read(Path.of(source.scenario));
      CoveredTerritory territory =
          CoveredTerritory.build(NaturalEarthAtlas.load(), treaty.territory());
      return InstanceGenerator.fromTreaty(treaty, territory, seed, incidents);
    }
    String[] sizes = source.generate.toLowerCase(Locale.ROOT).split("x");
    if (sizes.length != 2) {
      throw new IllegalArgumentException("--generate wants LINESxPLEDGES, e.g. 100x1000");
    }
    return InstanceGenerator.generate(
        seed, Integer.parseInt(sizes[0].trim()), Integer.parseInt(sizes[1].trim()));
  }

  private static void row(String name, Scorecard s, long nanos) {
    System.out.printf(
        Locale.ROOT,
        "%-8s %12d %12d %8.2f%% %10.2f%% %10.0f min %9.3f ms%n",
        name,
        s.covered(),
        s.shortfall(),
        100 * s.coverage(),
        100 * s.burdenDeviation(),
        s.meanArrivalMinutes(),
        nanos / 1e6);
  }
}
