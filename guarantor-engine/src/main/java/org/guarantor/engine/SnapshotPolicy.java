package org.guarantor.engine;

/**
 * Whether the engine starts from a snapshot and how often it writes one. Snapshots only speed up a
 * start: the log stays the truth, and a snapshot that does not match it is ignored.
 *
 * @param restore start from the newest snapshot that matches the log (else replay it all)
 * @param save write snapshots: on a clean close, and every {@code everyEvents} events while running
 * @param everyEvents events between snapshots while running; 0 for only on close
 */
public record SnapshotPolicy(boolean restore, boolean save, long everyEvents) {
  /** Events between snapshots by default: at ~1 KB per event, one every ~100 MB of log. */
  public static final long DEFAULT_EVERY = 100_000;

  public SnapshotPolicy {
    if (everyEvents < 0) {
      throw new IllegalArgumentException("everyEvents must be >= 0, was " + everyEvents);
    }
  }

  /** Start from a snapshot; write one on close and every {@value #DEFAULT_EVERY} events. */
  public static SnapshotPolicy defaults() {
    return new SnapshotPolicy(true, true, DEFAULT_EVERY);
  }

  /** Neither read nor write snapshots: every start replays the whole log. */
  public static SnapshotPolicy off() {
    return new SnapshotPolicy(false, false, 0);
  }

  /** The same, writing while running every {@code n} events (0: only on close). */
  public SnapshotPolicy every(long n) {
    return new SnapshotPolicy(restore, save, n);
  }
}
