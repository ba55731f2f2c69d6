package org.guarantor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends batches on the one writer connection. The head (count and last hash) is cached so that an
 * append costs no read; after any failed append it is re-read from the database, because only the
 * database knows what a failed or concurrent commit left behind.
 *
 * <p>Fencing: each append advances the head only where the head row still holds the head this
 * writer knows and the writer epoch it opened with or claimed. A claim by another writer raises the
 * epoch in that row, taking the row's lock, so an append of the old writer either committed before
 * the claim (and the claimant sees it) or finds the epoch changed and writes nothing; from then on
 * this writer is fenced for good.
 *
 * <p>Thread-safe: appends are serialized by a lock, and {@link #lastPosition} may be read from any
 * thread.
 */
final class BatchWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

  private static final String INSERT =
      "INSERT INTO events (" + Row.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  // Guarded by the expected old head, so a second writer on the same database cannot interleave.
  private static final String ADVANCE_HEAD =
      "UPDATE log_head SET event_count = ?, last_hash = ?"
          + " WHERE id = 1 AND event_count = ? AND last_hash = ? AND writer_epoch = ?";
  private static final String CLAIM =
      "UPDATE log_head SET writer_epoch = writer_epoch + 1, writer = ? WHERE id = 1";
  private static final String FIND_STREAM_VERSION =
      "SELECT position FROM events WHERE stream_id = ? AND stream_version = ?";
  private static final String LAST_EVENT =
      "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1";

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection connection;
  private final PreparedStatement insert;
  private final PreparedStatement advanceHead;
  private final ChainHash chain = new ChainHash();
  private volatile Head head;
  // The epoch this writer appends under: read at open, raised by a claim. Guarded by lock.
  private long epoch;
  // Set once another writer's claim is seen: nothing more is appended. Guarded by lock.
  private WriterFenced fenced;
  private boolean headStale;
  private boolean closed;

  private BatchWriter(Connection connection, Head head, long epoch) throws SQLException {
    this.connection = connection;
    this.head = head;
    this.epoch = epoch;
    this.insert = connection.prepareStatement(INSERT);
    this.advanceHead = connection.prepareStatement(ADVANCE_HEAD);
  }

  static BatchWriter open(Database database) {
    Connection connection = null;
    try {
      connection = database.openWriter();
      Schema.ensure(connection, database.dialect());
      Head head = Schema.readHead(connection);
      long epoch = Schema.readWriter(connection).epoch();
      warnIfHeadDisagrees(connection, head, database.describe());
      connection.rollback();
      return new BatchWriter(connection, head, epoch);
    } catch (SQLException e) {
      if (connection != null) {
        Database.closeQuietly(connection, e);
      }
      throw new EventLogFailure(
          "opening the event log at " + database.describe() + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (connection != null) {
        Database.closeQuietly(connection, e);
      }
      throw e;
    }
  }

  // Opening must still succeed on a damaged log, so that it can be verified and inspected; the
  // writer continues from the head, which keeps any damage visible to verify rather than papering
  // over it with a chain that looks whole.
  private static void warnIfHeadDisagrees(Connection connection, Head head, String where)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(LAST_EVENT)) {
      Head last = rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : Head.EMPTY;
      if (!last.equals(head)) {
        LOG.warn(
            "Event log at {}: the head records {} events but the last stored event is at position"
                + " {}; the log has been damaged, run verify",
            where,
            head.count(),
            last.count());
      }
    }
  }

  long lastPosition() {
    return head.count();
  }

  List<StoredEvent> append(List<NewEvent> batch) {
    byte[][] payloads = new byte[batch.size()][];
    for (int i = 0; i < batch.size(); i++) {
      NewEvent event = batch.get(i);
      PortableText.check("streamId", event.streamId(), i);
      PortableText.check("type", event.type(), i);
      payloads[i] = PortableText.checkedUtf8("payload", event.payload(), i);
    }
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the event log is closed");
      }
      if (batch.isEmpty()) {
        return List.of();
      }
      if (fenced != null) {
        throw new WriterFenced(
            fenced.getMessage() + "; nothing of the batch of " + batch.size() + " was written",
            fenced.epoch(),
            fenced.writer());
      }
      if (headStale) {
        reloadHead();
      }
      return write(batch, payloads);
    } finally {
      lock.unlock();
    }
  }

  private List<StoredEvent> write(List<NewEvent> batch, byte[][] payloads) {
    Head before = head;
    List<StoredEvent> stored = new ArrayList<>(batch.size());
    long position = before.count();
    String previous = before.lastHash();
    try {
      for (int i = 0; i < batch.size(); i++) {
        NewEvent event = batch.get(i);
        position++;
        String recordedAt = RecordedTime.format(event.recordedAt());
        String hash =
            chain.of(
                position,
                event.streamId(),
                event.streamVersion(),
                event.type(),
                recordedAt,
                payloads[i],
                previous);
        insert.setLong(1, position);
        insert.setString(2, event.streamId());
        insert.setLong(3, event.streamVersion());
        insert.setString(4, event.type());
        insert.setString(5, event.payload());
        insert.setString(6, recordedAt);
        insert.setString(7, previous);
        insert.setString(8, hash);
        insert.addBatch();
        stored.add(
            new StoredEvent(
                position,
                event.streamId(),
                event.streamVersion(),
                event.type(),
                event.payload(),
                event.recordedAt(),
                previous,
                hash));
        previous = hash;
      }
      insert.executeBatch();
      advanceHead.setLong(1, position);
      advanceHead.setString(2, previous);
      advanceHead.setLong(3, before.count());
      advanceHead.setString(4, before.lastHash());
      advanceHead.setLong(5, epoch);
      if (advanceHead.executeUpdate() != 1) {
        throw new SQLException(
            "the log head no longer records position " + before.count() + " as the last");
      }
      connection.commit();
    } catch (SQLException e) {
      throw diagnose(batch, before, e);
    } catch (RuntimeException e) {
      headStale = true;
      rollbackQuietly(e);
      throw e;
    }
    head = new Head(position, previous);
    return Collections.unmodifiableList(stored);
  }

  /**
   * Rolls back and tells a lost race (someone else holds a stream version, or has moved the log on)
   * from a broken database. The cause's message alone cannot, because drivers word constraint
   * violations differently and SQLite's batch errors drop the error code.
   */
  private RuntimeException diagnose(List<NewEvent> batch, Head before, SQLException cause) {
    headStale = true;
    String whatFailed =
        "appending "
            + batch.size()
            + " events at positions "
            + (before.count() + 1)
            + ".."
            + (before.count() + batch.size());
    try {
      connection.rollback();
      insert.clearBatch();
      Head now = Schema.readHead(connection);
      Schema.Writer writer = Schema.readWriter(connection);
      String taken = takenStreamVersion(batch);
      connection.rollback();
      head = now;
      headStale = false;
      String nothingWritten = "; nothing of the batch of " + batch.size() + " events was written";
      if (writer.epoch() != epoch) {
        fenced =
            new WriterFenced(
                "the log was claimed by writer '"
                    + writer.name()
                    + "' (epoch "
                    + writer.epoch()
                    + ") after this writer's epoch "
                    + epoch
                    + ": this writer may append no more",
                writer.epoch(),
                writer.name());
        return new WriterFenced(
            fenced.getMessage() + nothingWritten, writer.epoch(), writer.name());
      }
      if (taken != null) {
        return new ConcurrencyConflict(taken + nothingWritten);
      }
      if (!now.equals(before)) {
        return new ConcurrencyConflict(
            "another writer moved the log from position "
                + before.count()
                + " to "
                + now.count()
                + nothingWritten);
      }
    } catch (SQLException diagnosisFailure) {
      cause.addSuppressed(diagnosisFailure);
    }
    return new EventLogFailure(whatFailed + " failed: " + cause.getMessage(), cause);
  }

  private String takenStreamVersion(List<NewEvent> batch) throws SQLException {
    record StreamVersion(String streamId, long version) {}
    Set<StreamVersion> seen = new HashSet<>();
    for (NewEvent event : batch) {
      if (!seen.add(new StreamVersion(event.streamId(), event.streamVersion()))) {
        return "stream "
            + event.streamId()
            + " version "
            + event.streamVersion()
            + " appears twice in the batch";
      }
    }
    try (PreparedStatement find = connection.prepareStatement(FIND_STREAM_VERSION)) {
      for (NewEvent event : batch) {
        find.setString(1, event.streamId());
        find.setLong(2, event.streamVersion());
        try (ResultSet rs = find.executeQuery()) {
          if (rs.next()) {
            return "stream "
                + event.streamId()
                + " version "
                + event.streamVersion()
                + " is already taken, at position "
                + rs.getLong(1);
          }
        }
      }
    }
    return null;
  }

  /**
   * Raises the writer epoch in the head row and adopts it, with the head as it is after the claim
   * (the row lock makes the claim wait for another writer's append in flight).
   */
  WriterClaim claim(String name) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the event log is closed");
      }
      try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
        claim.setString(1, name);
        if (claim.executeUpdate() != 1) {
          throw new SQLException("the log_head row has been deleted");
        }
        Head now = Schema.readHead(connection);
        Schema.Writer writer = Schema.readWriter(connection);
        connection.commit();
        head = now;
        epoch = writer.epoch();
        fenced = null;
        headStale = false;
        return new WriterClaim(writer.epoch(), name, now.count());
      } catch (SQLException e) {
        rollbackQuietly(e);
        throw new EventLogFailure("claiming the log for writer '" + name + "' failed: " + e, e);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Saves a snapshot on the writer connection, between appends: SQLite has one writer at a time,
   * and the snapshot must bind to an event that this connection sees as committed.
   */
  SnapshotInfo saveSnapshot(long position, String format, byte[] data, java.time.Instant at) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the event log is closed");
      }
      try {
        SnapshotInfo saved = Snapshots.save(connection, position, format, data, at);
        connection.commit();
        return saved;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(e);
        if (e instanceof RuntimeException r) {
          throw r;
        }
        throw new EventLogFailure(
            "saving the snapshot at position " + position + " failed: " + e.getMessage(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  private void reloadHead() {
    try {
      head = Schema.readHead(connection);
      connection.rollback();
      headStale = false;
    } catch (SQLException e) {
      throw new EventLogFailure(
          "re-reading the log head after a failed append failed: " + e.getMessage(), e);
    }
  }

  private void rollbackQuietly(Throwable primary) {
    try {
      connection.rollback();
      insert.clearBatch();
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      Database.closeQuietly(insert, null);
      Database.closeQuietly(advanceHead, null);
      try {
        connection.rollback();
      } catch (SQLException e) {
        LOG.debug("Rollback before closing the writer connection failed", e);
      }
      Database.closeQuietly(connection, null);
    } finally {
      lock.unlock();
    }
  }
}
