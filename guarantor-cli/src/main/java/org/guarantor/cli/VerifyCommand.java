package org.guarantor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guarantor verify}: re-computes the event log's hash chain. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Verify the event log's hash chain: exit 0 and print the count when intact; exit 3 naming the first bad position otherwise.")
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
        return 0;
      }
      System.err.println(
          "BROKEN at position "
              + v.firstBadPosition()
              + ": "
              + v.problem()
              + " ("
              + v.count()
              + " events checked)");
      return 3;
    }
  }
}
