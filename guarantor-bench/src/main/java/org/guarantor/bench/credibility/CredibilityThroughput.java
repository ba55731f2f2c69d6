package org.guarantor.bench.credibility;

import java.util.Locale;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.credibility.Credibility;
import org.guarantor.engine.credibility.Options;
import org.guarantor.engine.scenario.TreatyFile;

/**
 * Simulated 72-hour crises per minute, on the bundled treaty, with 1 thread and with every core:
 * {@code CredibilityThroughput [RUNS]} (default 4000). Each crisis is decided, applied, checked
 * (invariants and a full replay) and measured as in {@code guarantor credibility}; critical parties
 * are off, so every crisis counted is a baseline run.
 */
public final class CredibilityThroughput {
  private CredibilityThroughput() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    Atlas atlas = NaturalEarthAtlas.load();
    Treaty treaty = TreatyFile.bundled();
    int cores = Runtime.getRuntime().availableProcessors();
    Options o = Options.defaults().withCriticalRuns(0);
    Credibility.run(treaty, atlas, Math.max(200, runs / 10), 99, o.withThreads(cores)); // warm-up
    for (int threads : new int[] {1, cores}) {
      long t0 = System.nanoTime();
      Credibility.run(treaty, atlas, runs, 1, o.withThreads(threads));
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%d thread(s): %d crises in %.1f s = %.0f crises/min%n",
          threads,
          runs,
          seconds,
          runs * 60 / seconds);
    }
  }
}
