package org.guarantor.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What differs between the supported databases. The SQL itself is shared; only column types, table
 * options and per-connection settings differ.
 */
enum Dialect {
  /**
   * Embedded SQLite. {@code INTEGER PRIMARY KEY} makes the position the table's rowid, so events
   * are stored in position order with no second index; SQLite integers are 64-bit. STRICT tables
   * make SQLite refuse a value of the wrong type, as PostgreSQL does.
   */
  SQLITE("INTEGER", "BLOB", " STRICT") {
    @Override
    void prepareWriter(Connection connection) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        // First, so that even switching to WAL waits for a lock another process holds.
        statement.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MILLIS);
        // WAL lets readers run beside the writer; FULL syncs the WAL on every commit, so a
        // committed batch survives power loss, not only a crash of the process.
        try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
          String actual = mode.next() ? mode.getString(1) : "nothing";
          if (!"wal".equalsIgnoreCase(actual)) {
            throw new SQLException(
                "SQLite would not switch to WAL journal mode (it says " + actual + ")");
          }
        }
        statement.execute("PRAGMA synchronous=FULL");
        // A batch of a few thousand ~1 KB events dirties more pages than the default 2 MB page
        // cache holds; SQLite would then spill them to the WAL before the commit and write them
        // again at it. 64 MB keeps a whole batch in memory until its one commit.
        statement.execute("PRAGMA cache_size=-65536");
      }
    }

    @Override
    void prepareReader(Connection connection) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MILLIS);
        statement.execute("PRAGMA query_only=ON");
      }
    }

    @Override
    byte[] utf8Text(ResultSet rs, int column) throws SQLException {
      // SQLite keeps text as UTF-8 and hands a TEXT value's bytes over unchanged as a blob.
      return rs.getBytes(column);
    }
  },

  /** PostgreSQL, chosen for production and replication. */
  POSTGRESQL("BIGINT", "BYTEA", "") {
    @Override
    void prepareWriter(Connection connection) {
      // The defaults are right: READ COMMITTED, and commits wait for the WAL flush.
    }

    @Override
    void prepareReader(Connection connection) throws SQLException {
      connection.setReadOnly(true);
      // One snapshot per read, so verify sees the head and the rows as of the same commit.
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }
  };

  /** The UTF-8 bytes of a text column of the current row. */
  byte[] utf8Text(ResultSet rs, int column) throws SQLException {
    return rs.getString(column).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Long enough to ride out another process's checkpoint, short enough to surface a stuck lock. */
  static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private final String bigint;
  private final String bytes;
  private final String tableOptions;

  Dialect(String bigint, String bytes, String tableOptions) {
    this.bigint = bigint;
    this.bytes = bytes;
    this.tableOptions = tableOptions;
  }

  static Dialect of(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:sqlite:")) {
      String path = url.substring("jdbc:sqlite:".length());
      if (path.isBlank() || path.contains(":memory:") || path.contains("mode=memory")) {
        throw new IllegalArgumentException(
            "an in-memory SQLite database cannot hold the event log: readers use connections of"
                + " their own, which would each see an empty database; use a file");
      }
      return SQLITE;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "unsupported event log URL "
            + Database.withoutParameters(jdbcUrl)
            + ": expected jdbc:sqlite:<file> or jdbc:postgresql://<host>/<database>");
  }

  /** The type of a 64-bit integer column. */
  String bigint() {
    return bigint;
  }

  /** The type of a column of bytes. */
  String bytes() {
    return bytes;
  }

  /** Appended after a CREATE TABLE's closing parenthesis. */
  String tableOptions() {
    return tableOptions;
  }

  /** Called once on the writer connection, before auto-commit is turned off. */
  abstract void prepareWriter(Connection connection) throws SQLException;

  /** Called once on each reader connection, before auto-commit is turned off. */
  abstract void prepareReader(Connection connection) throws SQLException;
}
