package org.guarantor.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One row of the {@code events} table exactly as stored. Verification works on this raw text, not
 * on parsed values, so that a change to any stored byte is seen.
 */
record Row(
    long position,
    String streamId,
    long streamVersion,
    String type,
    String payload,
    String recordedAt,
    String previousHash,
    String hash) {

  static final String COLUMNS =
      "position, stream_id, stream_version, type, payload, recorded_at, prev_hash, hash";

  static Row read(ResultSet rs) throws SQLException {
    return new Row(
        rs.getLong(1),
        rs.getString(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8));
  }

  StoredEvent toStoredEvent() {
    Instant at;
    try {
      at = RecordedTime.parse(recordedAt);
    } catch (DateTimeParseException e) {
      throw new EventLogFailure(
          "the event at position "
              + position
              + " has an unreadable recorded time '"
              + recordedAt
              + "': the log has been damaged, run verify",
          e);
    }
    return new StoredEvent(
        position, streamId, streamVersion, type, payload, at, previousHash, hash);
  }
}
