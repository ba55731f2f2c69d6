package org.guarantor.bench.dispatch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.bench.Treaties;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.dispatch.StateImage;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.Engine;
import org.guarantor.engine.Outcome;
import org.guarantor.engine.SnapshotPolicy;
import org.guarantor.engine.StartCheck;
import org.guarantor.engine.scenario.TreatyFile;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.StoredEvent;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The dispatch loop's three figures, measured in one run so they compare as ratios:
 *
 * <ol>
 *   <li>decision latency, report to durable taskings, one caller at a time (p50, p99);
 *   <li>sustained reports per second with many concurrent callers (group commit), as a ratio to the
 *       raw batched insert rate of the same rows into SQLite;
 *   <li>start-up speed: events per second of log rebuilt at start, by full replay and from a
 *       snapshot (with and without a tail of events after it).
 * </ol>
 *
 * <p>Run: {@code java -cp guarantor-bench/target/benchmarks.jar
 * org.guarantor.bench.dispatch.DispatchLoad [latencyReports] [throughputReports]}. The log is
 * deleted at the end unless {@code -Dguarantor.bench.keepLog=true} (then {@link ReplayFloor} can
 * read it). The bundled treaty is used with pledge quantities scaled up so that pledges never run
 * out during the run.
 */
public final class DispatchLoad {
  private static final Actor UKR = new Actor(PartyCode.of("UKR"), Role.PROTECTED);
  private static final GeometryFactory GEO = new GeometryFactory();
  private static final ThreatType[] TYPES =
      org.guarantor.domain.treaty.Vocabulary.DEFAULT.threatTypeCodes().toArray(new ThreatType[0]);
  private static final int IN_FLIGHT = Integer.getInteger("guarantor.bench.inFlight", 2_048);

  private DispatchLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("--start")) {
      startOnce(Path.of(args[1]), args[2]);
      return;
    }
    int latencyReports = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int throughputReports = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    long atlas0 = System.nanoTime();
    Atlas atlas = NaturalEarthAtlas.load();
    double atlasSeconds = (System.nanoTime() - atlas0) / 1e9;
    Treaty treaty = Treaties.scaled(TreatyFile.bundled(), 1_000_000);
    Path dir = Files.createTempDirectory("guarantor-bench");
    System.out.printf(
        "machine: %d cores, java %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

    long[] latencies;
    double reportsPerSecond;
    long eventCount;
    try (JdbcEventLog log = JdbcEventLog.sqlite(dir.resolve("a"))) {
      // The engine as served: a snapshot every SnapshotPolicy.DEFAULT_EVERY events, at most one per
      // DEFAULT_MIN_INTERVAL, unless -Dguarantor.bench.periodicSnapshots=false (then only on close)
      // or -Dguarantor.bench.snapshotMinInterval=PT0S (by event count alone) to see what they cost.
      SnapshotPolicy policy =
          Boolean.parseBoolean(System.getProperty("guarantor.bench.periodicSnapshots", "true"))
              ? SnapshotPolicy.defaults()
                  .atMostEvery(
                      java.time.Duration.parse(
                          System.getProperty(
                              "guarantor.bench.snapshotMinInterval",
                              SnapshotPolicy.DEFAULT_MIN_INTERVAL.toString())))
              : SnapshotPolicy.defaults().every(0);
      System.out.println(
          "snapshots while running: every "
              + policy.everyEvents()
              + " events, at most one per "
              + policy.minInterval());
      Engine engine = Engine.start(log, new DispatchState(atlas), Clock.systemUTC(), policy);
      engine.execute(t -> new DispatchCommand.AdoptTreaty(Engine.SYSTEM, t, treaty));
      for (int i = 0; i < 500; i++) {
        report(engine, "warm-" + i, i);
      }
      latencies = new long[latencyReports];
      for (int i = 0; i < latencyReports; i++) {
        long t0 = System.nanoTime();
        report(engine, "lat-" + i, i);
        latencies[i] = System.nanoTime() - t0;
      }
      Arrays.sort(latencies);

      // The concurrent path warmed up first (untimed), so that the figure is the sustained rate
      // and not the JIT's: as many reports as are measured, at most 40,000 (with 10,000 the
      // compiler still took a fifth of the measured phase's CPU), and past the first periodic
      // snapshot, whose code is compiled then.
      concurrently(
          engine,
          "tp-warm-",
          Integer.getInteger("guarantor.bench.warmUp", Math.min(40_000, throughputReports)));
      long eventsBefore = engine.lastPosition();
      Map<String, Long> cpuBefore = engineCpu();
      long processCpu0 = processCpu();
      Map<String, Long> native0 = nativeThreadCpu();
      long gc0 = gcMillis();
      long t0 = System.nanoTime();
      concurrently(engine, "tp-", throughputReports);
      double seconds = (System.nanoTime() - t0) / 1e9;
      reportsPerSecond = throughputReports / seconds;
      eventCount = engine.lastPosition() - eventsBefore;
      Map<String, Long> cpuAfter = engineCpu();
      System.out.printf(
          "  whole process: %.1f µs CPU per event (of %.1f µs the two cores offer), GC pauses %.0f"
              + " %% of the time%n",
          (processCpu() - processCpu0) / 1e3 / eventCount,
          2 * seconds * 1e6 / eventCount,
          (gcMillis() - gc0) / 10.0 / seconds);
      Map<String, Long> native1 = nativeThreadCpu();
      StringBuilder others = new StringBuilder();
      for (Map.Entry<String, Long> e : native1.entrySet()) {
        long used = e.getValue() - native0.getOrDefault(e.getKey(), 0L);
        if (used * 1e3 / eventCount >= 0.5) {
          others.append(String.format(" %s %.1f;", e.getKey(), used * 1e3 / eventCount));
        }
      }
      System.out.println("  µs CPU per event by kind of thread (Linux):" + others);
      for (Map.Entry<String, Long> e : cpuAfter.entrySet()) {
        System.out.printf(
            "  %s thread: %.1f µs CPU per event%n",
            e.getKey(), (e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L)) / 1e3 / eventCount);
      }
      System.out.printf(
          "sustained: %d reports (%d events) in %.2f s = %.0f reports/s, %.0f events/s%n",
          throughputReports, eventCount, seconds, reportsPerSecond, eventCount / seconds);
      engine.close();
    }
    double enginEventsPerSecond = reportsPerSecond * eventCount / throughputReports;

    double rawRowsPerSecond = rawInsertRate(dir.resolve("a"), dir);

    // (c) Start-up, three ways over the same log, each in a fresh JVM as a restart is: every event
    // replayed; from the snapshot the clean close wrote (no tail); from the periodic snapshot
    // written while running plus the events after it (what a start after a crash does). The atlas
    // load and the territory build (done on the first report after a start) are fixed costs of
    // any start, measured apart. Then, untimed, the three states are checked equal in-process.
    long t0 = System.nanoTime();
    new DispatchState(atlas).territory(treaty);
    double territorySeconds = (System.nanoTime() - t0) / 1e9;
    Path log = dir.resolve("a");
    Start full = Start.inFreshJvm(log, "full");
    Start fromClose = Start.inFreshJvm(log, "snapshot");
    Start fullUnchecked = Start.inFreshJvm(log, "full-unchecked");
    Start fromCloseUnchecked = Start.inFreshJvm(log, "snapshot-unchecked");
    // The same two starts in this JVM, warm (as a standby rebuilding its state would run): the
    // first round of each warms the code up, the best of the next three counts.
    double[] warmFull = warmStarts(log, atlas, SnapshotPolicy.off());
    double[] warmSnapshot = warmStarts(log, atlas, new SnapshotPolicy(true, false, 0));
    long periodic = keepOnlyOldestSnapshot(log);
    Start fromPeriodic = Start.inFreshJvm(log, "snapshot");
    StateImage replayed = image(log, atlas, SnapshotPolicy.off());
    if (!replayed.equals(image(log, atlas, new SnapshotPolicy(true, false, 0)))) {
      throw new IllegalStateException("a start from a snapshot differs from a full replay");
    }

    System.out.printf(
        "(a) decision latency over %d reports: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
        latencyReports,
        pct(latencies, 50),
        pct(latencies, 99),
        latencies[latencies.length - 1] / 1e6);
    System.out.printf(
        "(b) engine %.0f events/s vs raw batched insert %.0f rows/s: ratio %.2f%n",
        enginEventsPerSecond, rawRowsPerSecond, enginEventsPerSecond / rawRowsPerSecond);
    System.out.printf(
        "(c) fixed costs of any start: atlas load %.2f s (this JVM, first use), territory build"
            + " %.2f s%n",
        atlasSeconds, territorySeconds);
    full.print("full replay, no snapshot", territorySeconds);
    fromClose.print("from the snapshot written on close", territorySeconds);
    fromPeriodic.print("from the snapshot at " + periodic + " + tail", territorySeconds);
    fullUnchecked.print("full replay, no snapshot, without the chain check", territorySeconds);
    fromCloseUnchecked.print(
        "from the snapshot written on close, without the chain check", territorySeconds);
    System.out.printf(
        "(c) warm start in this JVM, best of 3: full replay %d events in %.3f s = %.0f events/s;"
            + " from the snapshot written on close %.3f s = %.0f events/s%n",
        (long) warmFull[1],
        warmFull[0],
        warmFull[1] / warmFull[0],
        warmSnapshot[0],
        warmSnapshot[1] / warmSnapshot[0]);
    if (Boolean.getBoolean("guarantor.bench.keepLog")) {
      System.out.println("the log is kept in " + log + " (for ReplayFloor; delete it after)");
    } else {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Files reports with a sliding window in flight, as many callers would keep the engine busy. Like
   * a server, it keeps nothing of an answered report but its verdict: holding every outcome (the
   * stored events, a kilobyte or more each) would grow the heap by hundreds of megabytes and
   * measure the collector instead of the engine.
   */
  private static void concurrently(Engine engine, String keyPrefix, int reports)
      throws InterruptedException {
    Semaphore window = new Semaphore(IN_FLIGHT);
    AtomicReference<String> failure = new AtomicReference<>();
    for (int i = 0; i < reports; i++) {
      int n = i;
      window.acquire();
      engine
          .submit(at -> command(at, keyPrefix + n, n))
          .whenComplete(
              (o, x) -> {
                if (x != null || !(o.decision() instanceof Decision.Accepted)) {
                  failure.compareAndSet(null, x != null ? x.toString() : o.decision().toString());
                }
                window.release();
              });
    }
    window.acquire(IN_FLIGHT);
    window.release(IN_FLIGHT);
    if (failure.get() != null) {
      throw new IllegalStateException("a report was not accepted: " + failure.get());
    }
  }

  /** Best seconds of three timed {@code Engine.start}s after one untimed, and the event count. */
  private static double[] warmStarts(Path dir, Atlas atlas, SnapshotPolicy policy) {
    double best = Double.MAX_VALUE;
    long events = 0;
    for (int round = 0; round < 4; round++) {
      try (JdbcEventLog log = JdbcEventLog.sqlite(dir)) {
        long t0 = System.nanoTime();
        Engine engine = Engine.start(log, new DispatchState(atlas), Clock.systemUTC(), policy);
        double seconds = (System.nanoTime() - t0) / 1e9;
        events = engine.lastPosition();
        engine.chainChecked().join();
        engine.close();
        if (round > 0) {
          best = Math.min(best, seconds);
        }
      }
    }
    return new double[] {best, events};
  }

  /** One timed {@code Engine.start} in a JVM of its own, as its child process printed it. */
  private record Start(long events, double seconds, double atlasSeconds, double writesSeconds) {
    static Start inFreshJvm(Path log, String mode) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      // The fresh JVM's own options, e.g. -Dguarantor.bench.startJvm="-Xms2g -XX:+AlwaysPreTouch"
      // for the heap settings docs/operations.md recommends; none by default (the default heap).
      List<String> command = new ArrayList<>(List.of(java));
      String jvm = System.getProperty("guarantor.bench.startJvm", "").trim();
      if (!jvm.isEmpty()) {
        command.addAll(List.of(jvm.split("\\s+")));
      }
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              DispatchLoad.class.getName(),
              "--start",
              log.toString(),
              mode));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String result = null;
      try (var out =
          new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("start ")) {
            result = line;
          } else if (line.contains("Snapshotter")
              || line.contains("replayed")
              || line.contains("LogCheck")) {
            System.out.println("  [" + mode + "] " + line.replaceAll("^\\[main\\] INFO ", ""));
          }
        }
      }
      if (p.waitFor() != 0 || result == null) {
        throw new IllegalStateException("the start in a fresh JVM failed (" + mode + ")");
      }
      String[] f = result.split(" ");
      return new Start(
          Long.parseLong(f[1]),
          Double.parseDouble(f[2]),
          Double.parseDouble(f[3]),
          Double.parseDouble(f[4]));
    }

    void print(String how, double territorySeconds) {
      System.out.printf(
          "(c) start, %s: %d events in %.3f s = %.0f events/s, writes taken from %.3f s; with this"
              + " JVM's atlas load (%.2f s) and the territory build: %.0f events/s%n",
          how,
          events,
          seconds,
          events / seconds,
          writesSeconds,
          atlasSeconds,
          events / (seconds + atlasSeconds + territorySeconds));
    }
  }

  /**
   * The child process of {@link Start#inFreshJvm}: loads the atlas, times one start. {@code mode}
   * is {@code full} (no snapshot) or {@code snapshot} (the newest that matches), each with the
   * start's check of the hash chain, or with {@code -unchecked} after it, without ({@code
   * StartCheck.NONE}). The engine's clock stands at the log's last recorded time, so a start never
   * fires a deadline that passed since the log was written, and leaves the log as it found it.
   */
  private static void startOnce(Path log, String mode) {
    long a0 = System.nanoTime();
    Atlas atlas = NaturalEarthAtlas.load();
    double atlasSeconds = (System.nanoTime() - a0) / 1e9;
    SnapshotPolicy policy =
        mode.startsWith("full") ? SnapshotPolicy.off() : new SnapshotPolicy(true, false, 0);
    StartCheck check = mode.endsWith("-unchecked") ? StartCheck.NONE : StartCheck.CHAIN;
    try (JdbcEventLog l = JdbcEventLog.sqlite(log)) {
      Instant[] last = {Instant.EPOCH};
      l.readAfter(l.lastPosition() - 1, e -> last[0] = e.recordedAt());
      Clock clock = Clock.fixed(last[0], ZoneOffset.UTC);
      long t0 = System.nanoTime();
      Engine engine = Engine.start(l, new DispatchState(atlas), clock, policy, check);
      double seconds = (System.nanoTime() - t0) / 1e9;
      // A start from a snapshot serves reads at once and takes writes once the chain below the
      // snapshot is checked too.
      engine.chainChecked().join();
      double writesSeconds = (System.nanoTime() - t0) / 1e9;
      engine.close();
      System.out.println(
          "start "
              + engine.lastPosition()
              + " "
              + seconds
              + " "
              + atlasSeconds
              + " "
              + writesSeconds);
    }
  }

  private static StateImage image(Path dir, Atlas atlas, SnapshotPolicy policy) {
    try (JdbcEventLog log = JdbcEventLog.sqlite(dir)) {
      Engine engine = Engine.start(log, new DispatchState(atlas), Clock.systemUTC(), policy);
      engine.close();
      return engine.state().image();
    }
  }

  /** Deletes all snapshots but the oldest (the periodic one); returns its position. */
  private static long keepOnlyOldestSnapshot(Path dir) throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve(JdbcEventLog.SQLITE_FILE_NAME);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "DELETE FROM snapshots WHERE position > (SELECT MIN(position) FROM snapshots)");
      try (var rs = s.executeQuery("SELECT MIN(position) FROM snapshots")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * CPU milliseconds so far of every thread of this process by kind (the name without its number,
   * so "GC Thread#0" and "GC Thread#1" add up), read from /proc; empty where there is none.
   */
  private static Map<String, Long> nativeThreadCpu() {
    Map<String, Long> out = new TreeMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return out;
    }
    try (var dirs = Files.list(tasks)) {
      for (Path t : (Iterable<Path>) dirs::iterator) {
        try {
          String name = Files.readString(t.resolve("comm")).trim().replaceAll("[#-]?\\d+$", "");
          String stat = Files.readString(t.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
          out.merge(name, ticks * 10, Long::sum); // USER_HZ is 100 on Linux
        } catch (java.io.IOException | RuntimeException gone) {
          // The thread ended while being read.
        }
      }
    } catch (java.io.IOException e) {
      return out;
    }
    return out;
  }

  private static long gcMillis() {
    long sum = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  /** CPU time so far of the engine's writer and persister threads, by thread name. */
  private static Map<String, Long> engineCpu() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new TreeMap<>();
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t != null
          && (Boolean.getBoolean("guarantor.bench.allThreads")
              || t.getThreadName().startsWith("guarantor-"))) {
        out.put(t.getThreadName(), mx.getThreadCpuTime(t.getThreadId()));
      }
    }
    return out;
  }

  private static void report(Engine engine, String key, int n) {
    Outcome o = engine.execute(at -> command(at, key, n));
    if (!(o.decision() instanceof Decision.Accepted)) {
      throw new IllegalStateException("rejected: " + o.decision());
    }
  }

  private static DispatchCommand command(Instant at, String key, int n) {
    // Points spread over covered territory between Kyiv and Kharkiv.
    double lat = 49.6 + (n % 97) * 0.007;
    double lon = 30.6 + (n % 89) * 0.06;
    ThreatReport r =
        new ThreatReport(
            TYPES[n % TYPES.length],
            1 + n % 5,
            GEO.createPoint(new Coordinate(lon, lat)),
            at,
            "load");
    return new DispatchCommand.FileReport(UKR, at, key, r);
  }

  /**
   * The same rows, inserted with plain batched JDBC in transactions of 512 on a connection set up
   * as the log's writer is (WAL, synchronous=FULL, 64 MB page cache): the floor to compare with.
   * Three rounds, each into a new file; the median counts, since one round's rate moves by a third
   * on these machines.
   */
  private static double rawInsertRate(Path logDir, Path dir) throws Exception {
    List<StoredEvent> rows = new ArrayList<>();
    try (JdbcEventLog log = JdbcEventLog.sqlite(logDir)) {
      log.readAfter(0, rows::add);
    }
    double[] rates = new double[3];
    StringBuilder rounds = new StringBuilder();
    for (int round = 0; round < rates.length; round++) {
      Path file = dir.resolve("raw-" + round + ".db");
      long[] cpu = {0};
      double seconds = rawInsert(rows, file, cpu);
      rates[round] = rows.size() / seconds;
      rounds.append(
          String.format(
              " %.0f rows/s (%.1f µs CPU per row);", rates[round], cpu[0] / 1e3 / rows.size()));
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
    }
    Arrays.sort(rates);
    System.out.printf(
        "raw insert of %d rows, three rounds:%s median %.0f rows/s%n",
        rows.size(), rounds, rates[1]);
    return rates[1];
  }

  /**
   * One round of {@link #rawInsertRate}: seconds taken, and the thread's CPU nanos in {@code cpu}.
   */
  private static double rawInsert(List<StoredEvent> rows, Path file, long[] cpu) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA cache_size=-65536");
        s.execute(
            "CREATE TABLE raw (position INTEGER PRIMARY KEY, stream_id TEXT, stream_version INTEGER,"
                + " type TEXT, payload TEXT, recorded_at TEXT, prev_hash TEXT, hash TEXT,"
                + " UNIQUE(stream_id, stream_version))");
      }
      c.setAutoCommit(false);
      long t0 = System.nanoTime();
      long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      try (PreparedStatement p = c.prepareStatement("INSERT INTO raw VALUES (?,?,?,?,?,?,?,?)")) {
        int inBatch = 0;
        for (StoredEvent e : rows) {
          p.setLong(1, e.position());
          p.setString(2, e.streamId());
          p.setLong(3, e.streamVersion());
          p.setString(4, e.type());
          p.setString(5, e.payload());
          p.setString(6, e.recordedAt().toString());
          p.setString(7, e.previousHash());
          p.setString(8, e.hash());
          p.addBatch();
          if (++inBatch == 512) {
            p.executeBatch();
            c.commit();
            inBatch = 0;
          }
        }
        p.executeBatch();
        c.commit();
      }
      cpu[0] = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0;
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
