package org.guarantor.store;

import java.time.Instant;

/**
 * A stored snapshot, without its bytes: the log position whose state it holds, the hash of the
 * event at that position when it was taken (which binds it to that chain), the format of its bytes
 * and when it was written. Immutable.
 *
 * @param size length of its bytes
 */
public record SnapshotInfo(
    long position, String eventHash, String format, Instant createdAt, long size) {}
