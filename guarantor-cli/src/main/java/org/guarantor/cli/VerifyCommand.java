package org.guarantor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.SnapshotInfo;
import org.guarantor.store.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guarantor verify}: re-computes the event log's hash chain. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Verify the event log's hash chain and say whether each stored snapshot matches it: exit 0"
            + " and print the count when the chain is intact; exit 3 naming the first bad position"
            + " otherwise; exit 4 when the chain is intact but a snapshot does not match it (the"
            + " log was rewritten after the snapshot was taken, its hashes recomputed).")
final class VerifyCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      defaultValue = "data",
      description = "Data folder of the embedded database (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--db", description = "JDBC URL of the event log instead of the data folder.")
  String jdbcUrl;

  @Override
  public Integer call() {
    if (jdbcUrl == null && !Files.isRegularFile(data.resolve(JdbcEventLog.SQLITE_FILE_NAME))) {
      System.err.println(
          "no event log in "
              + data.toAbsolutePath()
              + " (expected "
              + JdbcEventLog.SQLITE_FILE_NAME
              + ")");
      return 2;
    }
    try (EventLog log = jdbcUrl != null ? JdbcEventLog.open(jdbcUrl) : JdbcEventLog.sqlite(data)) {
      Verification v = log.verify();
      if (v.intact()) {
        System.out.println("intact: " + v.count() + " events, hash chain verified");
      } else {
        System.err.println(
            "BROKEN at position "
                + v.firstBadPosition()
                + ": "
                + v.problem()
                + " ("
                + v.count()
                + " events checked)");
      }
      boolean snapshotsMatch = reportSnapshots(log, v);
      return !v.intact() ? 3 : snapshotsMatch ? 0 : 4;
    }
  }

  /**
   * One line per stored snapshot: whether the event at its position still has the hash recorded
   * with it. Returns whether all of them match.
   */
  private static boolean reportSnapshots(EventLog log, Verification v) {
    List<SnapshotInfo> all = log.snapshots();
    if (all.isEmpty()) {
      System.out.println("no snapshot: a start replays the whole log");
      return true;
    }
    boolean allMatch = true;
    for (SnapshotInfo s : all) {
      String what =
          "snapshot at position "
              + s.position()
              + " ("
              + s.format()
              + ", "
              + Math.max(1, s.size() / 1024)
              + " KB, taken "
              + s.createdAt()
              + ")";
      Optional<String> mismatch = log.snapshotMismatch(s);
      if (mismatch.isPresent()) {
        allMatch = false;
        System.err.println(what + " DOES NOT MATCH the log: " + mismatch.get());
      } else if (!v.intact() && v.firstBadPosition() <= s.position()) {
        System.err.println(
            what
                + " matches the hash at its position, but the chain is broken below it at "
                + v.firstBadPosition());
      } else {
        System.out.println(what + ": matches the chain");
      }
    }
    return allMatch;
  }
}
