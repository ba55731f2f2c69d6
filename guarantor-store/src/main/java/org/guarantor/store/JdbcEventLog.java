package org.guarantor.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log in a relational database: SQLite embedded (WAL journal, {@code synchronous=FULL})
 * or PostgreSQL, chosen by the JDBC URL. Both use the same tables, created on open when missing:
 * {@code events}, the one-row {@code log_head}, {@code schema_version}, and {@code snapshots}
 * (state snapshots, a cache beside the log).
 *
 * <p>Durability: {@link #append} writes a batch with one batched insert and one commit, so one sync
 * to disk covers the whole batch (group commit); it returns only after that commit.
 *
 * <p>Tamper evidence: each event's {@code hash} is the SHA-256 of its fields and the previous
 * event's hash (the encoding is documented on {@code ChainHash}); {@code log_head} records the
 * count and the last hash in the same transaction. {@link #verify} finds any edited, deleted,
 * reordered or inserted row. The chain is not a signature: someone able to rewrite the whole
 * database can recompute it, so an auditor compares the head hash with a copy kept elsewhere.
 *
 * <p>Errors: a taken stream version, or a second writer that moved the log on, throws {@link
 * ConcurrencyConflict}; a database error throws {@link EventLogFailure}. Either way nothing of the
 * batch was written and the next append continues from what the database holds.
 *
 * <p>Thread-safe: appends are serialized (one writer connection), reads and verification use pooled
 * reader connections and may run concurrently with appends, each seeing whole batches only.
 */
public final class JdbcEventLog implements EventLog {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcEventLog.class);

  /** Name of the SQLite file that {@link #sqlite(Path)} keeps in the data folder. */
  public static final String SQLITE_FILE_NAME = "guarantor.db";

  // Rows per round trip for PostgreSQL's server-side cursor; memory stays bounded on replay.
  private static final int FETCH_SIZE = 500;
  private static final String READ_AFTER =
      "SELECT " + Row.COLUMNS + " FROM events WHERE position > ? ORDER BY position";
  private static final String REPLAY_AFTER =
      "SELECT position, stream_id, stream_version, type, payload FROM events"
          + " WHERE position > ? ORDER BY position";
  private static final String READ_STREAM =
      "SELECT " + Row.COLUMNS + " FROM events WHERE stream_id = ? ORDER BY stream_version";
  private static final String READ_CHAIN =
      "SELECT " + ChainVerifier.Link.COLUMNS + " FROM events WHERE position >= ? ORDER BY position";

  private final Database database;
  private final BatchWriter writer;

  private JdbcEventLog(Database database, BatchWriter writer) {
    this.database = database;
    this.writer = writer;
  }

  /**
   * Opens (creating its tables if needed) the event log at {@code jdbc:sqlite:<file>} or {@code
   * jdbc:postgresql://<host>[:<port>]/<database>[?user=…&password=…&currentSchema=…]}.
   *
   * @throws IllegalArgumentException for any other kind of URL, or an in-memory SQLite database
   * @throws EventLogFailure if the database cannot be reached or has a newer schema
   */
  public static JdbcEventLog open(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Database database = new Database(jdbcUrl);
    try {
      BatchWriter writer = BatchWriter.open(database);
      LOG.info("Event log open at {} with {} events", database.describe(), writer.lastPosition());
      return new JdbcEventLog(database, writer);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** Opens the embedded log in {@code dataDir}/{@value #SQLITE_FILE_NAME}, creating the folder. */
  public static JdbcEventLog sqlite(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + dataDir, e);
    }
    return open("jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE_NAME).toAbsolutePath());
  }

  @Override
  public List<StoredEvent> append(List<NewEvent> batch) {
    Objects.requireNonNull(batch, "batch");
    return writer.append(batch);
  }

  @Override
  public WriterClaim claimWriter(String writer) {
    Objects.requireNonNull(writer, "writer");
    PortableText.check("writer", writer, 0);
    return this.writer.claim(writer);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Rows are streamed from a cursor in one read transaction, so the sink sees a consistent
   * prefix of the log however long it takes; exceptions thrown by the sink pass through.
   */
  @Override
  public void readAfter(long afterPosition, Consumer<StoredEvent> sink) {
    streamAfter("reading", READ_AFTER, afterPosition, rs -> Row.read(rs).toStoredEvent(), sink);
  }

  /**
   * {@inheritDoc} Five of the eight columns, and on SQLite the payload's stored UTF-8 bytes as they
   * are: turning a kilobyte of payload into a string, only for the decoder to read it back, was a
   * quarter of the replay reader's time.
   */
  @Override
  public void replayAfter(long afterPosition, Consumer<ReplayRow> sink) {
    Dialect dialect = database.dialect();
    streamAfter(
        "replaying",
        REPLAY_AFTER,
        afterPosition,
        rs ->
            new ReplayRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                dialect.utf8Text(rs, 5)),
        sink);
  }

  /** One value of a result set's current row. */
  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Streams the rows of {@code sql} (whose one parameter is the position) from a cursor. */
  private <T> void streamAfter(
      String doing, String sql, long afterPosition, RowReader<T> reader, Consumer<T> sink) {
    if (afterPosition < 0) {
      throw new IllegalArgumentException("afterPosition must be >= 0, was " + afterPosition);
    }
    Objects.requireNonNull(sink, "sink");
    database.read(
        doing + " the events after position " + afterPosition,
        connection -> {
          try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setFetchSize(FETCH_SIZE);
            query.setLong(1, afterPosition);
            try (ResultSet rs = query.executeQuery()) {
              while (rs.next()) {
                sink.accept(reader.read(rs));
              }
            }
          }
          return null;
        });
  }

  /** {@inheritDoc} Served by the {@code (stream_id, stream_version)} unique index. */
  @Override
  public void readStream(String streamId, Consumer<StoredEvent> sink) {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(sink, "sink");
    database.read(
        "reading stream " + streamId,
        connection -> {
          try (PreparedStatement query = connection.prepareStatement(READ_STREAM)) {
            query.setString(1, streamId);
            try (ResultSet rs = query.executeQuery()) {
              while (rs.next()) {
                sink.accept(Row.read(rs).toStoredEvent());
              }
            }
          }
          return null;
        });
  }

  /** The position of the last event this instance appended or found on open, 0 when empty. */
  @Override
  public long lastPosition() {
    return writer.lastPosition();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads one consistent snapshot and stops at the first break: a position out of sequence, a
   * previous hash that does not link, a stored hash that does not match the stored bytes, or a head
   * that does not record the last row. The count of a broken result is the number of events found
   * intact before the first bad position.
   */
  @Override
  public Verification verify() {
    return verifyFrom(1);
  }

  /** {@inheritDoc} From position 1 the first event must link to the genesis. */
  @Override
  public Verification verifyFrom(long position) {
    if (position < 1) {
      throw new IllegalArgumentException("position must be 1 or more, not " + position);
    }
    return database.read(
        position == 1
            ? "verifying the event log"
            : "verifying the event log from position " + position,
        connection -> {
          Optional<Head> head = Schema.findHead(connection);
          Dialect dialect = database.dialect();
          try (PreparedStatement query = connection.prepareStatement(READ_CHAIN)) {
            query.setLong(1, position);
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = query.executeQuery()) {
              ChainVerifier verifier = new ChainVerifier();
              if (position > 1) {
                // The first row read links to what is taken on trust: its own previous hash.
                if (!rs.next()) {
                  return Verification.broken(
                      0, position, "position " + position + " is missing: the log ends before it");
                }
                ChainVerifier.Link first = ChainVerifier.Link.read(rs, dialect);
                verifier = new ChainVerifier(position - 1, first.previousHash());
                if (!verifier.accept(first)) {
                  return verifier.finish(head);
                }
              }
              while (rs.next() && verifier.accept(ChainVerifier.Link.read(rs, dialect))) {
                // Each row is checked as it is read; the loop stops at the first break.
              }
              return verifier.finish(head);
            }
          }
        });
  }

  /** {@inheritDoc} Written on the writer connection, between appends. */
  @Override
  public SnapshotInfo saveSnapshot(long position, String format, byte[] data, Instant createdAt) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(createdAt, "createdAt");
    return writer.saveSnapshot(position, format, data, createdAt);
  }

  @Override
  public List<SnapshotInfo> snapshots() {
    return database.read("listing the snapshots", Snapshots::list);
  }

  @Override
  public Optional<byte[]> snapshotData(long position) {
    return database.read(
        "reading the snapshot at position " + position, c -> Snapshots.data(c, position));
  }

  @Override
  public Optional<String> hashAt(long position) {
    return database.read(
        "reading the hash at position " + position,
        c -> Snapshots.eventAt(c, position).map(Row::hash));
  }

  @Override
  public Optional<String> snapshotMismatch(SnapshotInfo snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    return database.read(
        "checking the snapshot at position " + snapshot.position(),
        c -> Snapshots.mismatch(c, snapshot));
  }

  /** Closes the writer and idle readers; reads in progress finish on their own connections. */
  @Override
  public void close() {
    try {
      writer.close();
    } finally {
      database.close();
    }
  }
}
