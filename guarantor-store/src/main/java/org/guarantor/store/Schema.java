package org.guarantor.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The tables of the event log, created when missing. Plain SQL that both dialects accept; the
 * {@code schema_version} table lets a later build migrate, and stops this build from writing to a
 * database laid out by a newer one.
 */
final class Schema {
  static final int VERSION = 3;

  private Schema() {}

  /**
   * Creates whatever is missing and commits. A log already laid out by this build is only read: a
   * second process that opens it (verify beside a running server) must not take a write lock, which
   * in SQLite's WAL mode fails at once, without waiting, if the server committed since the read.
   */
  static void ensure(Connection connection, Dialect dialect) throws SQLException {
    Optional<Integer> found = laidOutVersion(connection);
    if (found.isPresent()) {
      refuseNewer(found.get());
      if (found.get() == VERSION && findHead(connection).isPresent()) {
        connection.rollback();
        return;
      }
    }
    create(connection, dialect, found.orElse(0));
  }

  /** The schema version of a log laid out before, or empty for a database without the tables. */
  private static Optional<Integer> laidOutVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
      rs.next();
      int version = rs.getInt(1);
      return rs.wasNull() ? Optional.empty() : Optional.of(version);
    } catch (SQLException noTable) {
      // PostgreSQL aborts the transaction on any error; start over in a clean one.
      connection.rollback();
      return Optional.empty();
    }
  }

  private static void refuseNewer(int found) {
    if (found > VERSION) {
      throw new EventLogFailure(
          "the event log has schema version "
              + found
              + ", newer than the "
              + VERSION
              + " this build understands; refusing to touch it");
    }
  }

  private static void create(Connection connection, Dialect dialect, int found)
      throws SQLException {
    String bigint = dialect.bigint();
    String options = dialect.tableOptions();
    String bytes = dialect.bytes();
    List<String> statements =
        List.of(
            "CREATE TABLE IF NOT EXISTS schema_version ("
                + " version INTEGER NOT NULL PRIMARY KEY,"
                + " description TEXT NOT NULL)"
                + options,
            "CREATE TABLE IF NOT EXISTS events ("
                + (" position " + bigint + " NOT NULL PRIMARY KEY,")
                + " stream_id TEXT NOT NULL,"
                + (" stream_version " + bigint + " NOT NULL,")
                + " type TEXT NOT NULL,"
                + " payload TEXT NOT NULL,"
                + " recorded_at TEXT NOT NULL,"
                + " prev_hash TEXT NOT NULL,"
                + " hash TEXT NOT NULL,"
                + " CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version))"
                + options,
            "CREATE TABLE IF NOT EXISTS log_head ("
                + " id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),"
                + (" event_count " + bigint + " NOT NULL,")
                + " last_hash TEXT NOT NULL,"
                + (" writer_epoch " + bigint + " NOT NULL DEFAULT 0,")
                + " writer TEXT NOT NULL DEFAULT '')"
                + options,
            "INSERT INTO schema_version (version, description)"
                + " SELECT 1, 'events with hash chain, log_head'"
                + " WHERE NOT EXISTS (SELECT 1 FROM schema_version WHERE version = 1)",
            // Version 2: snapshots of the state, a cache beside the log (see Snapshots).
            "CREATE TABLE IF NOT EXISTS snapshots ("
                + (" position " + bigint + " NOT NULL PRIMARY KEY,")
                + " event_hash TEXT NOT NULL,"
                + " format TEXT NOT NULL,"
                + " created_at TEXT NOT NULL,"
                + (" data " + bytes + " NOT NULL)")
                + options,
            "INSERT INTO schema_version (version, description)"
                + " SELECT 2, 'snapshots'"
                + " WHERE NOT EXISTS (SELECT 1 FROM schema_version WHERE version = 2)",
            "INSERT INTO schema_version (version, description)"
                + " SELECT 3, 'writer epoch in log_head'"
                + " WHERE NOT EXISTS (SELECT 1 FROM schema_version WHERE version = 3)",
            "INSERT INTO log_head (id, event_count, last_hash)"
                + (" SELECT 1, 0, '" + ChainHash.GENESIS + "'")
                + " WHERE NOT EXISTS (SELECT 1 FROM log_head)");
    try (Statement statement = connection.createStatement()) {
      if (found > 0 && !headHasWriterEpoch(connection)) {
        // Version 3: the writer's epoch beside the head, so that a writer that has been taken over
        // from can append nothing more (see BatchWriter). A log_head of versions 1–2 lacks it.
        statement.execute(
            "ALTER TABLE log_head ADD COLUMN writer_epoch " + bigint + " NOT NULL DEFAULT 0");
        statement.execute("ALTER TABLE log_head ADD COLUMN writer TEXT NOT NULL DEFAULT ''");
      }
      for (String sql : statements) {
        statement.execute(sql);
      }
      try (ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
        rs.next();
        refuseNewer(rs.getInt(1));
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  private static boolean headHasWriterEpoch(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM log_head WHERE 1 = 0")) {
      java.sql.ResultSetMetaData columns = rs.getMetaData();
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        if (columns.getColumnName(i).equalsIgnoreCase("writer_epoch")) {
          return true;
        }
      }
      return false;
    }
  }

  /** The stored head; empty only if someone deleted its row behind the log's back. */
  static Optional<Head> findHead(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT event_count, last_hash FROM log_head WHERE id = 1")) {
      return rs.next() ? Optional.of(new Head(rs.getLong(1), rs.getString(2))) : Optional.empty();
    }
  }

  /** The writer's epoch and name as the head row records them. */
  static Writer readWriter(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT writer_epoch, writer FROM log_head WHERE id = 1")) {
      if (!rs.next()) {
        throw new SQLException("the log_head row has been deleted");
      }
      return new Writer(rs.getLong(1), rs.getString(2));
    }
  }

  /** Who may append: the epoch of the last claim and the name of the writer that made it. */
  record Writer(long epoch, String name) {}

  static Head readHead(Connection connection) throws SQLException {
    return findHead(connection)
        .orElseThrow(() -> new SQLException("the log_head row has been deleted"));
  }
}
