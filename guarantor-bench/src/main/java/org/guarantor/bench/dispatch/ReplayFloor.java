package org.guarantor.bench.dispatch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.engine.codec.EventCodec;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.ReplayRow;

/**
 * What each step of a full replay costs on its own, per event, over one stored log: the least any
 * replay from these rows can cost, set against the 500,000 events/s target.
 *
 * <p>Each step runs alone on one thread over the whole log, warm (one untimed round, then the best
 * of three), and is charged the whole process's CPU time per event (so the collector's threads
 * count too; warm, the compiler's are nearly idle):
 *
 * <ol>
 *   <li>stepping SQLite's cursor over the rows, reading only the position (the B-tree walk that any
 *       row-per-event read pays);
 *   <li>reading the five columns a replay reads ({@code EventLog.replayAfter});
 *   <li>tokenizing each payload with Jackson and nothing else (the least a decoder that checks the
 *       JSON can do);
 *   <li>decoding each payload as a replay does ({@code EventCodec.decodeForState});
 *   <li>applying the decoded events to an empty state (the state being built survives, so young
 *       collections copy it: that is the collector's share of this step).
 * </ol>
 *
 * <p>Run {@code DispatchLoad} with {@code -Dguarantor.bench.keepLog=true} to keep a log, then:
 * {@code java -cp guarantor-bench/target/benchmarks.jar org.guarantor.bench.dispatch.ReplayFloor
 * LOG_DIR}.
 */
public final class ReplayFloor {
  private static final java.lang.management.ThreadMXBean THREAD =
      ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ReplayFloor() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || !Files.isRegularFile(Path.of(args[0], JdbcEventLog.SQLITE_FILE_NAME))) {
      System.err.println("usage: ReplayFloor LOG_DIR (a folder holding guarantor.db)");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Atlas atlas = NaturalEarthAtlas.load();
    EventCodec codec = new EventCodec();
    JsonFactory json = new JsonFactory();

    List<ReplayRow> rows = new ArrayList<>();
    try (JdbcEventLog log = JdbcEventLog.sqlite(dir)) {
      log.replayAfter(0, rows::add);
    }
    List<DispatchEvent> events = new ArrayList<>(rows.size());
    for (ReplayRow r : rows) {
      events.add(codec.decodeForState(r.type(), r.payloadUtf8()));
    }
    int n = rows.size();
    System.out.printf(
        "machine: %d cores, java %s; log: %d events%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), n);

    String url = "jdbc:sqlite:" + dir.resolve(JdbcEventLog.SQLITE_FILE_NAME);
    double[] step =
        best(
            n,
            () -> {
              long count = 0;
              try (Connection c = DriverManager.getConnection(url);
                  PreparedStatement q =
                      c.prepareStatement("SELECT position FROM events ORDER BY position")) {
                try (ResultSet rs = q.executeQuery()) {
                  while (rs.next()) {
                    count += rs.getLong(1) > 0 ? 1 : 0;
                  }
                }
              } catch (java.sql.SQLException x) {
                throw new IllegalStateException(x);
              }
              return count;
            });
    double[] read =
        best(
            n,
            () -> {
              long[] bytes = {0};
              try (JdbcEventLog log = JdbcEventLog.sqlite(dir)) {
                log.replayAfter(0, r -> bytes[0] += r.payloadUtf8().length);
              }
              return bytes[0];
            });
    double[] tokenize =
        best(
            n,
            () -> {
              long tokens = 0;
              for (ReplayRow r : rows) {
                try (JsonParser p = json.createParser(r.payloadUtf8())) {
                  while (p.nextToken() != null) {
                    tokens++;
                  }
                } catch (java.io.IOException x) {
                  throw new IllegalStateException(x);
                }
              }
              return tokens;
            });
    double[] decode =
        best(
            n,
            () -> {
              long count = 0;
              for (ReplayRow r : rows) {
                count += codec.decodeForState(r.type(), r.payloadUtf8()) != null ? 1 : 0;
              }
              return count;
            });
    double[] apply =
        best(
            n,
            () -> {
              DispatchState state = new DispatchState(atlas);
              for (DispatchEvent e : events) {
                state.evolve(e);
              }
              return state.eventCount();
            });

    System.out.printf(
        "µs of CPU per event, best of 3 warm rounds: the step's own thread, and the rest of the"
            + " process meanwhile (the collector, mostly)%n");
    row("step the cursor over the rows (position only)", step);
    row("read the five columns a replay reads", read);
    row("tokenize the payload JSON, nothing more", tokenize);
    row("decode the payload as a replay does", decode);
    row("apply the decoded events to an empty state", apply);
    int cores = Runtime.getRuntime().availableProcessors();
    double floor = step[0] + tokenize[0] + apply[0];
    double now = read[0] + read[1] + decode[0] + decode[1] + apply[0] + apply[1];
    System.out.printf(
        "floor, the steps' own threads only (step + tokenize + apply): %.2f µs per event, so at"
            + " most %.0f events/s on %d cores, with every core busy and no collector%n",
        floor, cores * 1e6 / floor, cores);
    System.out.printf(
        "as replay reads and decodes now, with the rest of the process (read + decode + apply):"
            + " %.2f µs per event, so at most %.0f events/s%n",
        now, cores * 1e6 / now);
  }

  private static void row(String what, double[] micros) {
    System.out.printf("  %-48s %6.2f  + %5.2f%n", what, micros[0], micros[1]);
  }

  /**
   * The step's own CPU µs per event (the calling thread's), best of three rounds after one untimed,
   * and the rest of the process's CPU in that round (the collector's threads, mostly). The step
   * returns a checksum, which must be the same each round (and keeps the work from being optimised
   * away).
   */
  private static double[] best(int events, LongSupplier step) {
    double[] best = {Double.MAX_VALUE, 0};
    long check = -1;
    for (int round = 0; round < 4; round++) {
      long thread0 = THREAD.getCurrentThreadCpuTime();
      long process0 = OS.getProcessCpuTime();
      long result = step.getAsLong();
      long thread = THREAD.getCurrentThreadCpuTime() - thread0;
      long process = OS.getProcessCpuTime() - process0;
      if (check >= 0 && result != check) {
        throw new IllegalStateException("a round gave " + result + ", another " + check);
      }
      check = result;
      if (round > 0 && thread / 1e3 / events < best[0]) {
        best[0] = thread / 1e3 / events;
        best[1] = Math.max(0, process - thread) / 1e3 / events;
      }
    }
    return best;
  }
}
