package org.guarantor.engine;

import java.util.List;
import org.guarantor.store.SnapshotInfo;
import org.guarantor.store.Verification;

/**
 * The log failed the check made before a start builds on it ({@link StartCheck}): the engine did
 * not start, and nothing was served or written; or the check of the chain below the snapshot it
 * started from, made before its first write ({@link Engine#chainChecked}): it takes no command and
 * writes nothing. Names the first position found broken and says, in the words of {@code guarantor
 * verify}, what was found there.
 */
public final class BrokenLog extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long position;
  private final List<String> findings;

  /**
   * @param position the first position found broken (for a snapshot that no longer matches, its
   *     position)
   * @param findings what was found, one line each, as {@code verify} words it; the first is at
   *     {@code position}
   */
  public BrokenLog(long position, List<String> findings) {
    this(position, findings, true);
  }

  /**
   * As {@link #BrokenLog(long, List)}, for a break found either before the start or, below the
   * snapshot the engine started from, before its first write.
   */
  BrokenLog(long position, List<String> findings, boolean beforeStart) {
    super(
        (beforeStart
                ? "the event log fails the check made before a start: "
                : "the event log fails the check made before the first write: ")
            + String.join("; ", findings)
            + (beforeStart
                ? ". The engine did not start on it and wrote nothing."
                : ". The engine takes no command and writes nothing on it."));
    this.position = position;
    this.findings = List.copyOf(findings);
  }

  /** A broken chain in the words of {@code guarantor verify}. */
  public static String chainFinding(Verification v) {
    return "BROKEN at position "
        + v.firstBadPosition()
        + ": "
        + v.problem()
        + " ("
        + v.count()
        + " events checked)";
  }

  /**
   * An event the audit of signatures and rules cannot account for, in the words of {@code guarantor
   * verify}.
   *
   * @param accounted events before it that were accounted for
   */
  public static String auditFinding(long position, String type, String problem, long accounted) {
    return "BROKEN at position "
        + position
        + " ("
        + type
        + "): "
        + problem
        + " ("
        + accounted
        + " events before it accounted for)";
  }

  /**
   * A stored snapshot that no longer stands for the log, in the words of {@code guarantor verify}.
   *
   * @param why what {@code EventLog.snapshotMismatch} says
   */
  public static String snapshotFinding(SnapshotInfo s, String why) {
    return "snapshot at position "
        + s.position()
        + " ("
        + s.format()
        + ", "
        + Math.max(1, s.size() / 1024)
        + " KB, taken "
        + s.createdAt()
        + ") DOES NOT MATCH the log: "
        + why;
  }

  /** The first position found broken. */
  public long position() {
    return position;
  }

  /** What was found, one line each, as {@code guarantor verify} words it. */
  public List<String> findings() {
    return findings;
  }
}
