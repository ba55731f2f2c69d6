package org.guarantor.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The append-only, hash-chained event log: the single source of truth.
 *
 * <p>Contract (checked by {@code EventLogContract} for every backend):
 *
 * <ul>
 *   <li>{@link #append} writes a whole batch in one transaction with one durable sync, or nothing.
 *       Positions are assigned consecutively from {@code lastPosition() + 1}.
 *   <li>A {@code (streamId, streamVersion)} pair is unique; appending a taken pair throws {@link
 *       ConcurrencyConflict} and writes nothing of the batch.
 *   <li>After {@link #claimWriter}, no other log on the same storage can append ({@link
 *       WriterFenced}).
 *   <li>Each event's hash covers its own fields and the previous event's hash, so {@link #verify}
 *       detects any change, removal or reordering of stored bytes.
 * </ul>
 *
 * <p>Implementations are safe for one writer thread and concurrent readers.
 */
public interface EventLog extends AutoCloseable {

  /** Appends a batch atomically and durably; returns the stored events in order. */
  List<StoredEvent> append(List<NewEvent> batch);

  /**
   * Makes this log the only one that may append to its storage: records a writer epoch higher than
   * any before, under {@code writer}'s name, in the same row as the head. From then on an append
   * through any other log on the same storage, opened or claimed before, fails with {@link
   * WriterFenced} and writes nothing, even if it was in flight: the claim waits for such an append
   * to end and, if it committed, the returned position counts it. What fences is the log's own
   * head, never a lease: a writer that lost its lease without noticing can still not append.
   *
   * @throws EventLogFailure if the database fails
   */
  WriterClaim claimWriter(String writer);

  /** Streams every event with position greater than {@code afterPosition}, in order. */
  void readAfter(long afterPosition, Consumer<StoredEvent> sink);

  /**
   * Streams what a replay needs of every event with position greater than {@code afterPosition}, in
   * order: the same events as {@link #readAfter}, each as a {@link ReplayRow}. A backend may read
   * fewer columns and no text for it; this default converts what {@link #readAfter} gives.
   */
  default void replayAfter(long afterPosition, Consumer<ReplayRow> sink) {
    readAfter(
        afterPosition,
        e ->
            sink.accept(
                new ReplayRow(
                    e.position(),
                    e.streamId(),
                    e.streamVersion(),
                    e.type(),
                    e.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  /** Streams every event of one stream, in version order (nothing for an unknown stream). */
  void readStream(String streamId, Consumer<StoredEvent> sink);

  /**
   * The stored hash of the event at {@code position}, if there is one. The hash of the first event
   * names the log: signatures bind to it, so a command signed for one log is no use on another.
   */
  Optional<String> hashAt(long position);

  /** Position of the last stored event, 0 when empty. */
  long lastPosition();

  /** Recomputes the whole chain. */
  Verification verify();

  /**
   * Recomputes the chain from the event at {@code position} to the head, taking what lies before it
   * on trust: the event's own hash must match its bytes, every later event must link to the one
   * before it, and the head must record the last. What a start from a snapshot at {@code position}
   * checks before it serves (the snapshot's binding vouches for the event there); the positions
   * below are left to {@link #verify}. The verdict's count is the last position found intact.
   * {@code verifyFrom(1)} is {@link #verify()}.
   *
   * @throws IllegalArgumentException if {@code position} is below 1
   */
  Verification verifyFrom(long position);

  // ---- snapshots: a cache of the state beside the log, never trusted over it -------------------

  /**
   * Saves the bytes of a state snapshot taken after the event at {@code position}, bound to the
   * hash that event has now; replaces a snapshot at the same position and keeps only the newest
   * few. Returns what was stored.
   *
   * @throws EventLogFailure if there is no event at {@code position}, or the database fails
   */
  SnapshotInfo saveSnapshot(long position, String format, byte[] data, Instant createdAt);

  /** The stored snapshots, newest (highest position) first; empty when there are none. */
  List<SnapshotInfo> snapshots();

  /** The bytes of the snapshot at {@code position}, if there is one. */
  Optional<byte[]> snapshotData(long position);

  /**
   * Why {@code snapshot} does not stand for the log as it is now, in words, or empty when it does:
   * its position must be within the log and the event there must still have, and match, the hash
   * recorded with the snapshot. A rewritten log is thereby never papered over by a snapshot.
   */
  Optional<String> snapshotMismatch(SnapshotInfo snapshot);

  @Override
  void close();
}
