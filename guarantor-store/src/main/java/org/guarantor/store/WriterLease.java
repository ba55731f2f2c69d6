package org.guarantor.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Which of several servers on one PostgreSQL log writes: a session-level advisory lock, keyed by
 * the log's schema, held on a connection of its own. The server that holds it claims the log
 * ({@link EventLog#claimWriter}) and writes; the others follow and try again. When the holder dies
 * its session ends and the lock is free at once (on loopback) or once the database notices the dead
 * connection (TCP keepalive, see docs/operations.md).
 *
 * <p>A lease only says who should write. What stops a writer that lost its lease without noticing
 * is the claim's fencing in the log itself, never the lease.
 *
 * <p>Not thread-safe: one thread tries, checks and closes.
 */
public final class WriterLease implements AutoCloseable {
  // "GUAR" in ASCII as the lock's class; the schema picks the object, so two logs in two
  // schemas of one database do not exclude each other.
  private static final String TRY =
      "SELECT pg_try_advisory_lock(1196769618, hashtext(current_schema()))";
  private static final int CHECK_SECONDS = 2;

  private final String url;
  private Connection connection;
  private boolean held;

  private WriterLease(String url) {
    this.url = url;
  }

  /** A lease on the log at {@code jdbcUrl}, not yet tried; connects on the first try. */
  public static WriterLease on(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (Dialect.of(jdbcUrl) != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException(
          "a writer lease needs a PostgreSQL log; the embedded log has one writer by design");
    }
    return new WriterLease(jdbcUrl);
  }

  /** Whether this lease is for a log that several servers may share: a PostgreSQL one. */
  public static boolean shared(String jdbcUrl) {
    return jdbcUrl != null && Dialect.of(jdbcUrl) == Dialect.POSTGRESQL;
  }

  /**
   * Takes the lease if no other session holds it; never waits.
   *
   * @return whether this lease is held now
   * @throws EventLogFailure if the database cannot be reached
   */
  public boolean tryAcquire() {
    if (held && stillConnected()) {
      return true;
    }
    drop();
    try {
      connection = DriverManager.getConnection(url);
      connection.setAutoCommit(true);
      try (PreparedStatement statement = connection.prepareStatement(TRY);
          ResultSet rs = statement.executeQuery()) {
        rs.next();
        held = rs.getBoolean(1);
      }
      if (!held) {
        drop();
      }
      return held;
    } catch (SQLException e) {
      drop();
      throw new EventLogFailure(
          "trying the writer lease at " + Database.withoutParameters(url) + " failed: " + e, e);
    }
  }

  /**
   * Whether the lease is still held: its session answers within {@value #CHECK_SECONDS} s. A
   * session that does not may have been ended by the database, which frees the lock for another
   * server; the holder must then stop writing.
   */
  public boolean held() {
    if (!held) {
      return false;
    }
    if (!stillConnected()) {
      drop();
      return false;
    }
    return true;
  }

  private boolean stillConnected() {
    try {
      return connection != null && connection.isValid(CHECK_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }

  private void drop() {
    held = false;
    if (connection != null) {
      Database.closeQuietly(connection, null);
      connection = null;
    }
  }

  /** Gives the lease up (by ending its session). */
  @Override
  public void close() {
    drop();
  }
}
