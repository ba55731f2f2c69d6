package org.guarantor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.engine.BrokenLog;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.LogAudit;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.SnapshotInfo;
import org.guarantor.store.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guarantor verify}: checks a log from the log alone (see {@link LogAudit}), with no server:
 * the hash chain, every signature, and that every event follows from a signed command, a deadline,
 * a re-plan or the genesis under the treaty's rules.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check an event log from the log alone, trusting no server: the hash chain; every party's"
          + " signature, with the keys the log registered (in force when used, each nonce once);"
          + " and that every event is exactly what a signed command, the deadlines due, a"
          + " re-plan or the genesis give under the treaty's rules. With --keyring, the log's"
          + " keyring must be the one you hold.",
      "Exit 0 when all of it holds; 3 naming the first position that fails; 4 when the log"
          + " holds but a stored snapshot does not match it (the log was rewritten after the"
          + " snapshot was taken)."
    })
final class VerifyCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      defaultValue = "data",
      description = "Data folder of the embedded database (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--db", description = "JDBC URL of the event log instead of the data folder.")
  String jdbcUrl;

  @Option(
      names = "--keyring",
      description =
          "Your keyring of the parties' root public keys (JWK Set, as given to serve --keyring):"
              + " the log's keyring must be exactly this one.")
  Path keyring;

  @Option(
      names = "--chain-only",
      description = "Check the hash chain and snapshots only, not the signatures and rules.")
  boolean chainOnly;

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
    List<RootKey> yours;
    try {
      yours = keyring == null ? List.of() : KeyFiles.readKeyring(keyring).roots();
    } catch (KeyFiles.BadKeyFile e) {
      System.err.println("bad keyring: " + e.getMessage());
      return 2;
    }
    try (EventLog log = jdbcUrl != null ? JdbcEventLog.open(jdbcUrl) : JdbcEventLog.sqlite(data)) {
      Verification v;
      boolean holds;
      if (chainOnly) {
        v = log.verify();
        holds = v.intact();
        if (holds) {
          System.out.println("intact: " + v.count() + " events, hash chain verified");
        } else {
          broken(v);
        }
      } else {
        LogAudit.Report r = LogAudit.audit(log, NaturalEarthAtlas.load(), yours);
        v = r.chain();
        holds = r.ok();
        print(r);
      }
      boolean snapshotsMatch = reportSnapshots(log, v);
      return !holds ? 3 : snapshotsMatch ? 0 : 4;
    }
  }

  private static void broken(Verification v) {
    System.err.println(BrokenLog.chainFinding(v));
  }

  private void print(LogAudit.Report r) {
    if (!r.chain().intact()) {
      broken(r.chain());
      return;
    }
    System.out.println("intact: " + r.chain().count() + " events, hash chain verified");
    if (r.failure() != null) {
      System.err.println(
          BrokenLog.auditFinding(
              r.failure().position(), r.failure().type(), r.failure().problem(), r.events()));
      return;
    }
    StringBuilder by = new StringBuilder();
    r.signedBy()
        .forEach((p, n) -> by.append(by.length() == 0 ? "" : ", ").append(p).append(' ').append(n));
    System.out.println(
        "signed: "
            + r.signedCommands()
            + " commands, every signature verified with a key the log registered ("
            + by
            + ")");
    System.out.println(
        "accounted for: all "
            + r.events()
            + " events are what the signed commands, the deadlines due ("
            + r.deadlineEvents()
            + " events), re-plans ("
            + r.replanEvents()
            + ") and the genesis give under the treaty's rules");
    if (r.keyringChecked()) {
      System.out.println("keyring: the log's root keys are exactly those of " + keyring);
    } else {
      System.out.println(
          "keyring: taken from the log as given; pass --keyring FILE to check it against yours");
    }
    if (r.demo()) {
      System.out.println(
          "DEMONSTRATION log: its keys were generated by the server and lie beside it; it proves"
              + " nothing about who did what");
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
        System.err.println(BrokenLog.snapshotFinding(s, mismatch.get()));
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
