package org.guarantor.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event about to be appended: the log assigns its global position and hashes.
 *
 * @param streamId the aggregate stream, e.g. {@code incident-I-000001}
 * @param streamVersion 1 for the first event of a stream, then consecutive
 * @param type the event type name, e.g. {@code TaskingIssued}
 * @param payload canonical JSON text of the event
 * @param recordedAt the time the engine recorded it (from the command, not a clock in the log)
 */
public record NewEvent(
    String streamId, long streamVersion, String type, String payload, Instant recordedAt) {
  public NewEvent {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(recordedAt, "recordedAt");
    if (streamVersion < 1) {
      throw new IllegalArgumentException("streamVersion must be >= 1, was " + streamVersion);
    }
  }
}
