package org.guarantor.store;

import java.util.List;
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
 *   <li>Each event's hash covers its own fields and the previous event's hash, so {@link #verify}
 *       detects any change, removal or reordering of stored bytes.
 * </ul>
 *
 * <p>Implementations are safe for one writer thread and concurrent readers.
 */
public interface EventLog extends AutoCloseable {

  /** Appends a batch atomically and durably; returns the stored events in order. */
  List<StoredEvent> append(List<NewEvent> batch);

  /** Streams every event with position greater than {@code afterPosition}, in order. */
  void readAfter(long afterPosition, Consumer<StoredEvent> sink);

  /** Streams every event of one stream, in version order (nothing for an unknown stream). */
  void readStream(String streamId, Consumer<StoredEvent> sink);

  /** Position of the last stored event, 0 when empty. */
  long lastPosition();

  /** Recomputes the whole chain. */
  Verification verify();

  @Override
  void close();
}
