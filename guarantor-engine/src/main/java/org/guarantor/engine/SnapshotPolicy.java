package org.guarantor.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether the engine starts from a snapshot and how often it writes one. Snapshots only speed up a
 * start: the log stays the truth, and a snapshot that does not match it is ignored.
 *
 * <p>A periodic snapshot costs in proportion to the state, not to the events since the last one:
 * about a second of a core to encode and half a second during which appends wait, for the state of
 * 400,000 events on the 2-core machines we measure on. Counted in events alone, snapshots under a
 * sustained burst would come every few seconds and take half the engine's throughput; so a periodic
 * snapshot also waits {@code minInterval} of wall-clock time after the previous one (the first is
 * not held back). At the rates a treaty sees, 100,000 events take weeks and the interval never
 * binds; in a burst it bounds the cost, and a start then replays at most the events of one interval
 * more.
 *
 * @param restore start from the newest snapshot that matches the log (else replay it all)
 * @param save write snapshots: on a clean close, and every {@code everyEvents} events while running
 * @param everyEvents events between snapshots while running; 0 for only on close
 * @param minInterval wall-clock time at least between two periodic snapshots; zero for none
 */
public record SnapshotPolicy(
    boolean restore, boolean save, long everyEvents, Duration minInterval) {
  /** Events between snapshots by default: at ~1 KB per event, one every ~100 MB of log. */
  public static final long DEFAULT_EVERY = 100_000;

  /** Wall-clock time at least between two periodic snapshots, by default. */
  public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofMinutes(5);

  public SnapshotPolicy {
    if (everyEvents < 0) {
      throw new IllegalArgumentException("everyEvents must be >= 0, was " + everyEvents);
    }
    Objects.requireNonNull(minInterval, "minInterval");
    if (minInterval.isNegative()) {
      throw new IllegalArgumentException("minInterval must not be negative, was " + minInterval);
    }
  }

  /** Snapshots by event count alone, with no minimum interval. */
  public SnapshotPolicy(boolean restore, boolean save, long everyEvents) {
    this(restore, save, everyEvents, Duration.ZERO);
  }

  /**
   * Start from a snapshot; write one on close and every {@value #DEFAULT_EVERY} events, at most one
   * per {@link #DEFAULT_MIN_INTERVAL}.
   */
  public static SnapshotPolicy defaults() {
    return new SnapshotPolicy(true, true, DEFAULT_EVERY, DEFAULT_MIN_INTERVAL);
  }

  /** Neither read nor write snapshots: every start replays the whole log. */
  public static SnapshotPolicy off() {
    return new SnapshotPolicy(false, false, 0);
  }

  /** The same, writing while running every {@code n} events (0: only on close). */
  public SnapshotPolicy every(long n) {
    return new SnapshotPolicy(restore, save, n, minInterval);
  }

  /** The same, with at least {@code interval} of wall-clock time between periodic snapshots. */
  public SnapshotPolicy atMostEvery(Duration interval) {
    return new SnapshotPolicy(restore, save, everyEvents, interval);
  }
}
