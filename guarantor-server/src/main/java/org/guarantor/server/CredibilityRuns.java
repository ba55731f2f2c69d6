package org.guarantor.server;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.credibility.Credibility;
import org.guarantor.engine.credibility.CredibilityReport;
import org.guarantor.engine.credibility.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credibility exercise the server keeps for its treaty (docs/credibility.md): run on one
 * background thread, so that the writer keeps the other core, over the version in force with each
 * guarantor's reliability from the ledger; run again when another version comes into force. Off
 * until {@link #enable} (serve --credibility-runs). Thread-safe.
 */
final class CredibilityRuns implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CredibilityRuns.class);

  /** Where the exercise stands: {@code report} is the latest finished one, if any. */
  record Latest(
      String status,
      int treatyVersion,
      Instant startedAt,
      Instant finishedAt,
      String error,
      CredibilityReport report) {}

  private final DispatchState state;
  private final Clock clock;
  private final AtomicReference<Latest> latest = new AtomicReference<>();
  private volatile ExecutorService worker;
  private volatile int runs;
  private volatile long seed;
  private volatile int criticalRuns;
  private volatile boolean closed;

  CredibilityRuns(DispatchState state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  /** Runs {@code runs} crises from {@code seed} now, and again whenever the version changes. */
  synchronized void enable(int runs, long seed, int criticalRuns) {
    if (runs < 1) {
      throw new IllegalArgumentException("credibility runs must be at least 1, was " + runs);
    }
    this.runs = runs;
    this.seed = seed;
    this.criticalRuns = criticalRuns;
    if (worker == null) {
      worker =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "guarantor-credibility");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
              });
    }
    refresh();
  }

  boolean enabled() {
    return worker != null;
  }

  /** The latest exercise, starting a new one first if the version in force has changed. */
  Latest latest() {
    refresh();
    return latest.get();
  }

  private synchronized void refresh() {
    if (worker == null) {
      return;
    }
    Treaty t = state.treatyAt(clock.instant()).orElse(null);
    Latest now = latest.get();
    if (t == null
        || (now != null && now.treatyVersion() == t.version() && !"failed".equals(now.status()))) {
      return;
    }
    Instant started = clock.instant();
    CredibilityReport previous = now == null ? null : now.report();
    latest.set(new Latest("running", t.version(), started, null, null, previous));
    Map<PartyCode, Double> reliability = new HashMap<>();
    for (Party g : t.guarantors()) {
      reliability.put(g.code(), state.ledger().reliability(g.code()));
    }
    int n = runs;
    long s = seed;
    Options options =
        Options.defaults()
            .withThreads(1)
            .withCriticalRuns(Math.min(criticalRuns, n))
            .withReliability(reliability)
            // Stops the runs left once the server closes, instead of finishing them unseen.
            .withProgress(
                () -> {
                  if (closed) {
                    throw new java.util.concurrent.CancellationException("the server closed");
                  }
                });
    worker.execute(
        () -> {
          try {
            CredibilityReport r = Credibility.run(t, state.atlas(), n, s, options);
            latest.set(new Latest("done", t.version(), started, clock.instant(), null, r));
            LOG.info(
                "credibility of version {}: {} crises, P(on time) {}",
                t.version(),
                n,
                Math.round(r.onTime() * 1000) / 10.0 + " %");
          } catch (java.util.concurrent.CancellationException e) {
            // closing: nothing to report
          } catch (RuntimeException e) {
            if (closed) {
              return;
            }
            LOG.warn("credibility exercise of version {} failed: {}", t.version(), e.toString());
            latest.set(
                new Latest(
                    "failed", t.version(), started, clock.instant(), e.getMessage(), previous));
          }
        });
  }

  @Override
  public void close() {
    closed = true;
    ExecutorService w = worker;
    if (w != null) {
      w.shutdownNow();
    }
  }
}
