package org.guarantor.engine.credibility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.plan.PlanLine;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.credibility.CredibilityReport.CoverTime;
import org.guarantor.engine.credibility.CredibilityReport.CriticalParty;
import org.guarantor.engine.credibility.CredibilityReport.LineReport;
import org.guarantor.engine.credibility.CredibilityReport.PlanReport;

/**
 * How credible is the guarantee: a Monte Carlo exercise over the real engine. Each run is a 72-hour
 * crisis (see {@link Crisis}), reproducible from (seed, run index); runs are independent and played
 * in parallel, and merged in run order, so the same seed gives the same report on any number of
 * threads. Stateless; safe to call from several threads.
 */
public final class Credibility {
  private Credibility() {}

  public static CredibilityReport run(
      Treaty treaty, Atlas atlas, int runs, long seed, Options options) {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1");
    }
    if (treaty.plans().isEmpty()) {
      throw new IllegalArgumentException("the treaty has no response plans to simulate");
    }
    CoveredTerritory territory = CoveredTerritory.build(atlas, treaty.territory());
    Treaty simulated = firstVersion(treaty);
    int critical = Math.min(runs, options.criticalRuns());
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("", "", simulated, runs));
    if (critical > 0) {
      for (Party g : treaty.guarantors()) {
        variants.add(
            new Variant(
                "GUARANTOR",
                g.code().value(),
                without(simulated, p -> p.guarantor().equals(g.code())),
                critical));
      }
      for (Hub h : treaty.hubs()) {
        variants.add(
            new Variant(
                "HUB", h.id().value(), without(simulated, p -> p.hub().equals(h.id())), critical));
      }
    }
    int[] firstJob = new int[variants.size() + 1];
    for (int v = 0; v < variants.size(); v++) {
      firstJob[v + 1] = firstJob[v] + variants.get(v).runs();
    }
    List<Played> played =
        parallel(
            options.threads(),
            firstJob[variants.size()],
            job -> {
              int v = Arrays.binarySearch(firstJob, job);
              v = v >= 0 ? v : -v - 2;
              while (firstJob[v + 1] == firstJob[v]) {
                v++;
              }
              int run = job - firstJob[v];
              Draw draw = Draw.of(treaty, territory, options.behaviour(), seed, run);
              Played out;
              try {
                out =
                    new Played(
                        new Crisis(
                                atlas,
                                territory,
                                variants.get(v).treaty(),
                                draw,
                                options,
                                seed,
                                run)
                            .play(),
                        null);
              } catch (InvariantBroken e) {
                out = new Played(List.of(), e);
              }
              if (options.progress() != null) {
                options.progress().run();
              }
              return out;
            });
    // The first broken run in run order, whatever the thread that found one first.
    for (Played p : played) {
      if (p.broken() != null) {
        throw p.broken();
      }
    }
    List<List<LineOutcome>> results = played.stream().map(Played::lines).toList();
    List<List<LineOutcome>> base = results.subList(0, runs);
    List<CriticalParty> parties = new ArrayList<>();
    double baseCritical = onTime(base.subList(0, critical));
    for (int v = 1; v < variants.size(); v++) {
      double p = onTime(results.subList(firstJob[v], firstJob[v + 1]));
      Variant x = variants.get(v);
      parties.add(new CriticalParty(x.kind(), x.code(), p, baseCritical - p));
    }
    parties.sort(
        Comparator.comparingDouble(CriticalParty::drop)
            .reversed()
            .thenComparing(CriticalParty::kind)
            .thenComparing(CriticalParty::code));
    long lines = base.stream().mapToLong(List::size).sum();
    return new CredibilityReport(
        treaty.id(),
        treaty.version(),
        seed,
        runs,
        options.horizon().toMinutes() / 60.0,
        options.behaviour(),
        lines,
        onTime(base),
        plans(treaty, base),
        critical,
        parties);
  }

  /**
   * A later version (an amendment applied) is simulated on its own, adopted as the first: each
   * crisis starts on a fresh state.
   */
  private static Treaty firstVersion(Treaty treaty) {
    return treaty.version() == 1 ? treaty : treaty.toBuilder().version(1).build();
  }

  private record Played(List<LineOutcome> lines, InvariantBroken broken) {}

  private record Variant(String kind, String code, Treaty treaty, int runs) {}

  private static Treaty without(Treaty treaty, java.util.function.Predicate<Pledge> gone) {
    return treaty.withPledges(treaty.pledges().stream().filter(gone.negate()).toList());
  }

  /** Runs {@code jobs} jobs on {@code threads} threads; results in job order. */
  private static <T> List<T> parallel(
      int threads, int jobs, java.util.function.IntFunction<T> job) {
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> IntStream.range(0, jobs).parallel().mapToObj(job).toList()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static double onTime(List<List<LineOutcome>> runs) {
    long n = 0;
    long ok = 0;
    for (List<LineOutcome> run : runs) {
      for (LineOutcome o : run) {
        n++;
        if (o.onTime()) {
          ok++;
        }
      }
    }
    return n == 0 ? 1.0 : (double) ok / n;
  }

  private static List<PlanReport> plans(Treaty treaty, List<List<LineOutcome>> runs) {
    Map<String, Map<Integer, List<LineOutcome>>> byLine = new LinkedHashMap<>();
    Map<String, Map<String, Boolean>> byIncident = new LinkedHashMap<>();
    for (int r = 0; r < runs.size(); r++) {
      for (LineOutcome o : runs.get(r)) {
        byLine
            .computeIfAbsent(o.plan(), k -> new LinkedHashMap<>())
            .computeIfAbsent(o.line(), k -> new ArrayList<>())
            .add(o);
        byIncident
            .computeIfAbsent(o.plan(), k -> new LinkedHashMap<>())
            .merge(r + "/" + o.incident(), o.onTime(), Boolean::logicalAnd);
      }
    }
    List<PlanReport> out = new ArrayList<>();
    for (ResponsePlan plan : treaty.plans()) {
      Map<Integer, List<LineOutcome>> lines = byLine.getOrDefault(plan.id(), Map.of());
      Map<String, Boolean> incidents = byIncident.getOrDefault(plan.id(), Map.of());
      List<LineReport> lr = new ArrayList<>();
      for (PlanLine l : plan.lines()) {
        lr.add(line(l, lines.getOrDefault(l.line(), List.of())));
      }
      long all = incidents.values().stream().filter(b -> b).count();
      out.add(
          new PlanReport(
              plan.id(),
              plan.threat().code(),
              plan.severity(),
              incidents.size(),
              incidents.isEmpty() ? null : (Double) ((double) all / incidents.size()),
              lr));
    }
    return out;
  }

  private static LineReport line(PlanLine l, List<LineOutcome> os) {
    long n = os.size();
    long ok = os.stream().filter(LineOutcome::onTime).count();
    double late = os.stream().mapToDouble(LineOutcome::unitHoursLate).sum();
    double[] hours = os.stream().mapToDouble(LineOutcome::hoursToCover).toArray();
    Arrays.sort(hours); // NaN (never covered) sorts last
    return new LineReport(
        l.line(),
        l.capability().code(),
        l.quantity().amount(),
        l.quantity().unit().code(),
        l.deadline().toMinutes() / 60.0,
        n,
        n == 0 ? null : (Double) ((double) ok / n),
        n == 0 ? null : (Double) round(late / n),
        cover(hours));
  }

  private static CoverTime cover(double[] sorted) {
    int n = sorted.length;
    int covered = 0;
    while (covered < n && !Double.isNaN(sorted[covered])) {
      covered++;
    }
    return new CoverTime(
        percentile(sorted, covered, 0.50),
        percentile(sorted, covered, 0.90),
        percentile(sorted, covered, 0.95),
        percentile(sorted, covered, 0.99),
        n == 0 ? 0 : (double) (n - covered) / n);
  }

  /** Nearest-rank percentile; null when that rank falls among the never covered. */
  private static Double percentile(double[] sorted, int covered, double p) {
    if (sorted.length == 0) {
      return null;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    int i = Math.max(rank, 1) - 1;
    return i < covered ? round(sorted[i]) : null;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
