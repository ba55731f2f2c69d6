package org.guarantor.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Opens connections to one event-log database: a writer, and readers that are kept for reuse.
 * Readers each run in their own transaction, which is ended after every read so that no idle
 * connection pins an old snapshot (in SQLite that would stop the WAL from being checkpointed).
 *
 * <p>Thread-safe.
 */
final class Database implements AutoCloseable {

  /** Work done on a borrowed connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private static final int IDLE_READERS_KEPT = 4;

  private final String url;
  private final Dialect dialect;
  private final ConcurrentLinkedDeque<Connection> idleReaders = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  Database(String url) {
    this.dialect = Dialect.of(url);
    this.url = url;
  }

  /** The URL without its parameters, which may hold a password: safe for messages and logs. */
  static String withoutParameters(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }

  Dialect dialect() {
    return dialect;
  }

  String describe() {
    return withoutParameters(url);
  }

  Connection openWriter() throws SQLException {
    Connection connection = DriverManager.getConnection(url);
    try {
      dialect.prepareWriter(connection);
      connection.setAutoCommit(false);
      return connection;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection, e);
      throw e;
    }
  }

  /**
   * Runs read-only work on a reader connection in one transaction. A database error becomes an
   * {@link EventLogFailure} whose message starts with {@code what}; anything the work itself throws
   * passes through unchanged.
   */
  <T> T read(String what, Work<T> work) {
    if (closed) {
      throw new IllegalStateException("the event log is closed");
    }
    Connection connection = null;
    try {
      connection = borrowReader();
      return work.run(connection);
    } catch (SQLException e) {
      throw new EventLogFailure(what + " failed: " + e.getMessage(), e);
    } finally {
      if (connection != null) {
        release(connection);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection connection;
    while ((connection = idleReaders.poll()) != null) {
      closeQuietly(connection, null);
    }
  }

  private Connection borrowReader() throws SQLException {
    Connection idle = idleReaders.poll();
    if (idle != null) {
      return idle;
    }
    Connection connection = DriverManager.getConnection(url);
    try {
      dialect.prepareReader(connection);
      connection.setAutoCommit(false);
      return connection;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection, e);
      throw e;
    }
  }

  private void release(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      closeQuietly(connection, null);
      return;
    }
    if (closed || idleReaders.size() >= IDLE_READERS_KEPT) {
      closeQuietly(connection, null);
      return;
    }
    idleReaders.push(connection);
    if (closed) {
      close();
    }
  }

  static void closeQuietly(AutoCloseable resource, Throwable primary) {
    try {
      resource.close();
    } catch (Exception e) {
      if (primary != null) {
        primary.addSuppressed(e);
      }
    }
  }
}
