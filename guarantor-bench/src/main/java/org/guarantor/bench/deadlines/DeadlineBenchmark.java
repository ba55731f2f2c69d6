package org.guarantor.bench.deadlines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.bench.Treaties;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.ledger.LedgerSnapshot;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.Engine;
import org.guarantor.engine.codec.EventCodec;
import org.guarantor.engine.scenario.TreatyFile;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.NewEvent;

/**
 * Deadline figures, in one run so they compare as ratios (see docs/benchmarks.md):
 *
 * <ol>
 *   <li>timer throughput: with at least 100,000 deadlines pending, due times fired per second by
 *       ticks at each due time (decide + evolve, in memory) — first the acknowledgement deadlines
 *       alone (overdue + escalation), then the end of every grace period (breach, backfill through
 *       the allocator, consequences);
 *   <li>replay of a 72-hour simulated crisis of 1,000 incidents: applying its events to a fresh
 *       state in memory, and a full engine start (read, decode, apply) from a SQLite log.
 * </ol>
 *
 * Usage: {@code DeadlineBenchmark [pendingDeadlines=100000] [incidents=1000] [rounds=3]}.
 */
public final class DeadlineBenchmark {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private DeadlineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pending = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int incidents = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Atlas atlas = NaturalEarthAtlas.load();
    Treaty bundled = TreatyFile.bundled();
    Treaty big = Treaties.scaled(bundled, 1_000_000);
    System.out.printf(
        "java %s, %d cores%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    for (int r = 1; r <= rounds; r++) {
      System.out.printf("-- round %d%n", r);
      timers(atlas, big, pending);
      replay(atlas, bundled, incidents, "bundled pledges");
      replay(atlas, Treaties.scaled(bundled, 1_000), incidents, "pledges x1000");
    }
  }

  /** Files silent calls one second apart until {@code pending} deadlines wait, then fires them. */
  static void timers(Atlas atlas, Treaty treaty, int pending) {
    Crisis c = new Crisis(atlas, treaty, T0.minus(Duration.ofDays(1)), 1);
    c.silentGuarantors = true;
    long started = System.nanoTime();
    Instant at = T0;
    int calls = 0;
    while (c.state.pendingTimers() < pending) {
      c.call(at, "k" + calls++);
      at = at.plusSeconds(1);
    }
    double buildMs = (System.nanoTime() - started) / 1e6;
    int waiting = c.state.pendingTimers();
    int taskings = c.state.incidents().stream().mapToInt(i -> i.taskings().size()).sum();

    // Acknowledgement deadlines only: the last one is an hour after the last call.
    Instant acks = at.plus(treaty.acknowledgementDeadline());
    long t1 = System.nanoTime();
    c.runUntil(acks);
    double ackSeconds = (System.nanoTime() - t1) / 1e9;
    long ackFired = c.fired;

    // One generation of breaches: every grace period ends, each breach is backfilled.
    long t2 = System.nanoTime();
    c.runUntil(acks.plus(treaty.gracePeriod()));
    double restSeconds = (System.nanoTime() - t2) / 1e9;
    long restFired = c.fired - ackFired;
    System.out.printf(
        "timers: %,d calls, %,d taskings, %,d deadlines pending (built in %.0f ms)%n",
        calls, taskings, waiting, buildMs);
    System.out.printf(
        "  acknowledgement deadlines: %,d fired in %.2f s = %,.0f due times/s (overdue +"
            + " escalation)%n",
        ackFired, ackSeconds, ackFired / ackSeconds);
    System.out.printf(
        "  grace periods: %,d fired in %.2f s = %,.0f due times/s (breach + backfill through the"
            + " allocator + consequences, and the readiness and acknowledgement deadlines passed"
            + " meanwhile); %,d events in all, %,d timers left%n",
        restFired, restSeconds, restFired / restSeconds, c.log.size(), c.state.pendingTimers());
  }

  /** A 72-hour crisis of {@code n} calls with random guarantor behaviour, then replayed. */
  static void replay(Atlas atlas, Treaty treaty, int n, String label) throws Exception {
    Crisis c = new Crisis(atlas, treaty, T0.minus(Duration.ofDays(1)), 42);
    long step = Duration.ofHours(72).toSeconds() / n;
    long started = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Instant at = T0.plusSeconds(step * i);
      c.runUntil(at);
      c.call(at, "call-" + i);
    }
    Instant end = T0.plus(Duration.ofHours(72));
    c.runUntil(end);
    double simulateMs = (System.nanoTime() - started) / 1e6;
    List<DispatchEvent> log = c.log;
    long breaches = log.stream().filter(e -> e instanceof DispatchEvent.TaskingBreached).count();
    long late = log.stream().filter(e -> e instanceof DispatchEvent.TaskingLate).count();

    long t1 = System.nanoTime();
    DispatchState fresh = new DispatchState(atlas);
    log.forEach(fresh::evolve);
    double memoryMs = (System.nanoTime() - t1) / 1e6;
    LedgerSnapshot live = c.state.ledger().snapshot();
    if (!fresh.ledger().snapshot().equals(live)) {
      throw new AssertionError("replayed ledger differs from the live one");
    }

    Path dir = Files.createTempDirectory("guarantor-replay");
    EventCodec codec = new EventCodec();
    try (EventLog store = JdbcEventLog.sqlite(dir)) {
      List<NewEvent> batch = new ArrayList<>();
      java.util.Map<String, Long> versions = new java.util.HashMap<>();
      for (DispatchEvent e : log) {
        long v = versions.merge(e.stream(), 1L, Long::sum);
        batch.add(new NewEvent(e.stream(), v, codec.type(e), codec.encode(e), e.at()));
        if (batch.size() == 1000) {
          store.append(batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        store.append(batch);
      }
    }
    long t2 = System.nanoTime();
    double engineMs;
    try (EventLog store = JdbcEventLog.sqlite(dir)) {
      Engine engine =
          Engine.start(store, new DispatchState(atlas), Clock.fixed(end, ZoneOffset.UTC));
      engineMs = (System.nanoTime() - t2) / 1e6;
      if (!engine.state().ledger().snapshot().equals(live)) {
        throw new AssertionError("engine replay differs from the live ledger");
      }
      engine.close();
    }
    System.out.printf(
        "replay (%s): %,d calls over 72 h -> %,d events (%,d breaches, %,d late), simulated in"
            + " %.0f ms%n",
        label, n, log.size(), breaches, late, simulateMs);
    System.out.printf(
        "  in memory: %.0f ms (%,.0f events/s); engine start from SQLite: %.0f ms (%,.0f"
            + " events/s)%n",
        memoryMs, log.size() / memoryMs * 1000, engineMs, log.size() / engineMs * 1000);
  }
}
