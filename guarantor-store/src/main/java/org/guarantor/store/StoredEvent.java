package org.guarantor.store;

import java.time.Instant;

/**
 * An event as durably stored: global position (1, 2, 3 …), stream coordinates, canonical JSON
 * payload and its link in the hash chain. Immutable and thread-safe.
 */
public record StoredEvent(
    long position,
    String streamId,
    long streamVersion,
    String type,
    String payload,
    Instant recordedAt,
    String previousHash,
    String hash) {}
