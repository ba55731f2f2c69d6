package org.guarantor.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.treaty.Amendment;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.codec.Json;
import org.guarantor.engine.credibility.Credibility;
import org.guarantor.engine.credibility.CredibilityReport;
import org.guarantor.engine.credibility.CredibilityReport.CriticalParty;
import org.guarantor.engine.credibility.CredibilityReport.LineReport;
import org.guarantor.engine.credibility.CredibilityReport.PlanReport;
import org.guarantor.engine.credibility.InvariantBroken;
import org.guarantor.engine.credibility.Options;
import org.guarantor.engine.scenario.TreatyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guarantor credibility}: how credible is the guarantee? Simulated crises over the real
 * engine (see docs/credibility.md); with {@code --what-if}, the same crises before and after an
 * amendment, side by side.
 */
@Command(
    name = "credibility",
    mixinStandardHelpOptions = true,
    description =
        "Simulate many 72-hour crises over the real engine and report how often each plan line's"
            + " promised quantity arrives on time, and which parties the guarantee leans on.")
final class CredibilityCommand implements Callable<Integer> {
  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description = "Treaty file (default: the bundled scenario).")
  Path scenario;

  @Option(
      names = "--runs",
      defaultValue = "1000",
      description = "Crises (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--critical-runs",
      defaultValue = "200",
      description =
          "Runs replayed once per guarantor and per hub removed, to find the critical parties"
              + " (default ${DEFAULT-VALUE}; 0 skips them).")
  int criticalRuns;

  @Option(names = "--threads", description = "Worker threads (default: every core).")
  Integer threads;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON.")
  Path json;

  @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML page.")
  Path html;

  @Option(
      names = "--what-if",
      paramLabel = "AMENDMENT",
      description = "An amendment (JSON, in the treaty file's shape) to compare against.")
  Path whatIf;

  @Override
  public Integer call() throws Exception {
    Treaty treaty = scenario == null ? TreatyFile.bundled() : TreatyFile.read(scenario);
    Treaty amended = null;
    if (whatIf != null) {
      Amendment a = Json.mapper().readValue(whatIf.toFile(), Amendment.class);
      amended = a.applyTo(treaty, treaty.effectiveFrom());
    }
    Atlas atlas = NaturalEarthAtlas.load();
    Options options = Options.defaults().withCriticalRuns(criticalRuns);
    if (threads != null) {
      options = options.withThreads(threads);
    }
    CredibilityReport before;
    CredibilityReport after = null;
    try {
      before = Credibility.run(treaty, atlas, runs, seed, withProgress(options, "before", treaty));
      if (amended != null) {
        after =
            Credibility.run(amended, atlas, runs, seed, withProgress(options, "after", amended));
      }
    } catch (InvariantBroken e) {
      System.err.println("guarantor credibility: " + e.getMessage() + " (this is a bug)");
      return 1;
    }
    print(System.out, before, after);
    if (json != null) {
      Object out = after == null ? before : java.util.Map.of("before", before, "after", after);
      Json.mapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), out);
    }
    if (html != null) {
      Files.writeString(html, CredibilityHtml.page(before, after), StandardCharsets.UTF_8);
    }
    return 0;
  }

  /** A progress bar on stderr for runs long enough to want one. */
  private Options withProgress(Options options, String label, Treaty treaty) {
    int critical = Math.min(runs, criticalRuns);
    long total = runs + (long) critical * (treaty.guarantors().size() + treaty.hubs().size());
    if (total < 2000) {
      return options;
    }
    AtomicInteger done = new AtomicInteger();
    return options.withProgress(
        () -> {
          int n = done.incrementAndGet();
          if (n % Math.max(1, total / 50) == 0 || n == total) {
            int filled = (int) (50 * n / total);
            synchronized (System.err) {
              System.err.printf(
                  Locale.ROOT,
                  "\r%s [%s%s] %d/%d",
                  label,
                  "#".repeat(filled),
                  " ".repeat(50 - filled),
                  n,
                  total);
              if (n == total) {
                System.err.println();
              }
            }
          }
        });
  }

  static void print(PrintStream out, CredibilityReport b, CredibilityReport a) {
    out.printf(
        Locale.ROOT,
        "%s v%d: %d crises of %.0f h, seed %d; %d plan lines, P(on time) %s%s%n",
        b.treaty(),
        b.version(),
        b.runs(),
        b.horizonHours(),
        b.seed(),
        b.lines(),
        pct(b.onTime()),
        a == null ? "" : ", after the amendment " + pct(a.onTime()));
    out.printf(
        Locale.ROOT,
        "%-24s %-13s %7s %10s %10s %13s %9s%n",
        "plan line",
        "capability",
        "samples",
        "P(on time)",
        a == null ? "" : "after",
        "E[short] u·h",
        "cover p90");
    for (int i = 0; i < b.plans().size(); i++) {
      PlanReport p = b.plans().get(i);
      for (int j = 0; j < p.lines().size(); j++) {
        LineReport l = p.lines().get(j);
        String after = "";
        if (a != null && i < a.plans().size() && j < a.plans().get(i).lines().size()) {
          after = pct(a.plans().get(i).lines().get(j).onTime());
        }
        out.printf(
            Locale.ROOT,
            "%-24s %-13s %7d %10s %10s %13s %9s%n",
            p.plan() + " #" + l.line(),
            l.capability(),
            l.samples(),
            pct(l.onTime()),
            after,
            l.expectedUnitHoursLate() == null
                ? "-"
                : String.format(Locale.ROOT, "%.1f", l.expectedUnitHoursLate()),
            l.hoursToCover().p90() == null ? "-" : l.hoursToCover().p90() + " h");
      }
    }
    List<CriticalParty> critical = b.critical();
    if (!critical.isEmpty()) {
      out.printf(Locale.ROOT, "critical parties (over %d runs):%n", b.criticalRuns());
      for (CriticalParty c : critical.subList(0, Math.min(5, critical.size()))) {
        out.printf(
            Locale.ROOT,
            "  %-9s %-8s P(on time) without it %s (drop %+.1f points)%n",
            c.kind(),
            c.code(),
            pct(c.onTime()),
            100 * c.drop());
      }
    }
  }

  private static String pct(Double p) {
    return p == null ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * p);
  }
}
