package org.guarantor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the {@code snapshots} table: state images saved beside the log so that a start need
 * not replay every event. A snapshot is bound to the chain by the hash of the event at its
 * position, read in the transaction that saves it; only the newest {@value #KEPT} are kept.
 *
 * <p>Snapshots are a cache: deleting any or all of them loses nothing, and a snapshot is never
 * trusted over the log (see {@link #mismatch}).
 */
final class Snapshots {
  static final int KEPT = 2;

  private static final String EVENT_AT =
      "SELECT " + Row.COLUMNS + " FROM events WHERE position = ?";
  private static final String DELETE_AT = "DELETE FROM snapshots WHERE position = ?";
  private static final String INSERT =
      "INSERT INTO snapshots (position, event_hash, format, created_at, data)"
          + " VALUES (?, ?, ?, ?, ?)";
  private static final String PRUNE =
      "DELETE FROM snapshots WHERE position NOT IN"
          + " (SELECT position FROM snapshots ORDER BY position DESC LIMIT "
          + KEPT
          + ")";
  private static final String LIST =
      "SELECT position, event_hash, format, created_at, LENGTH(data) FROM snapshots"
          + " ORDER BY position DESC";
  private static final String DATA = "SELECT data FROM snapshots WHERE position = ?";

  private Snapshots() {}

  /**
   * Saves a snapshot of the state at {@code position}, bound to the hash that the event there has
   * now, replacing one at the same position and pruning all but the newest; the caller commits.
   */
  static SnapshotInfo save(
      Connection connection, long position, String format, byte[] data, Instant createdAt)
      throws SQLException {
    Row event =
        eventAt(connection, position)
            .orElseThrow(
                () ->
                    new EventLogFailure(
                        "no event at position " + position + " to bind a snapshot to"));
    String created = RecordedTime.format(createdAt);
    try (PreparedStatement delete = connection.prepareStatement(DELETE_AT);
        PreparedStatement insert = connection.prepareStatement(INSERT);
        PreparedStatement prune = connection.prepareStatement(PRUNE)) {
      delete.setLong(1, position);
      delete.executeUpdate();
      insert.setLong(1, position);
      insert.setString(2, event.hash());
      insert.setString(3, format);
      insert.setString(4, created);
      insert.setBytes(5, data);
      insert.executeUpdate();
      prune.executeUpdate();
    }
    return new SnapshotInfo(
        position, event.hash(), format, RecordedTime.parse(created), data.length);
  }

  static List<SnapshotInfo> list(Connection connection) throws SQLException {
    List<SnapshotInfo> out = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(LIST);
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        out.add(
            new SnapshotInfo(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                RecordedTime.parse(rs.getString(4)),
                rs.getLong(5)));
      }
    }
    return out;
  }

  static Optional<byte[]> data(Connection connection, long position) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(DATA)) {
      query.setLong(1, position);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  /**
   * Why a snapshot does not stand for the log as it is now, or empty when it does: its position
   * must be within the log, and the event there must still have the hash the snapshot recorded and
   * match that hash itself. A log rewritten at or before the position with its chain recomputed
   * changes the hash there; an edit of the event at the position without recomputing no longer
   * matches its stored hash. (An edit further below that leaves the stored hashes alone is found by
   * verify, which reads every event; a start from a snapshot does not read them.)
   */
  static Optional<String> mismatch(Connection connection, SnapshotInfo s) throws SQLException {
    Head head = Schema.readHead(connection);
    if (s.position() > head.count()) {
      return Optional.of(
          "the snapshot at position "
              + s.position()
              + " lies beyond the end of the log (position "
              + head.count()
              + ")");
    }
    Optional<Row> found = eventAt(connection, s.position());
    if (found.isEmpty()) {
      return Optional.of("the log has no event at the snapshot's position " + s.position());
    }
    Row event = found.get();
    if (!event.hash().equals(s.eventHash())) {
      return Optional.of(
          "the event at position "
              + s.position()
              + " has hash "
              + abbreviated(event.hash())
              + " but the snapshot was taken on hash "
              + abbreviated(s.eventHash())
              + ": the log was rewritten at or before that position");
    }
    String recomputed =
        new ChainHash()
            .of(
                event.position(),
                event.streamId(),
                event.streamVersion(),
                event.type(),
                event.recordedAt(),
                event.payload(),
                event.previousHash());
    if (!recomputed.equals(event.hash())) {
      return Optional.of(
          "the event at the snapshot's position "
              + s.position()
              + " no longer matches its stored hash: the log was altered");
    }
    return Optional.empty();
  }

  static Optional<Row> eventAt(Connection connection, long position) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(EVENT_AT)) {
      query.setLong(1, position);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Optional.of(Row.read(rs)) : Optional.empty();
      }
    }
  }

  private static String abbreviated(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
  }
}
