package org.guarantor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the embedded log lays itself out on disk, and which settings make it durable. */
class SqliteStorageTest {
  private static final NewEvent EVENT =
      new NewEvent("a", 1, "Tested", "{}", Instant.parse("2025-03-01T12:00:00Z"));

  @TempDir Path dataDir;

  @Test
  void theLogLivesInGuarantorDbInsideTheDataFolderWhichIsCreated() {
    Path nested = dataDir.resolve("data").resolve("log");

    try (EventLog log = JdbcEventLog.sqlite(nested)) {
      log.append(List.of(EVENT));
    }

    assertThat(nested.resolve("guarantor.db")).isRegularFile();
  }

  @Test
  void theFileIsInWriteAheadLogMode() throws SQLException {
    try (EventLog log = JdbcEventLog.sqlite(dataDir)) {
      log.append(List.of(EVENT));

      assertThat(pragma(plainConnection(), "journal_mode")).isEqualTo("wal");
      assertThat(dataDir.resolve("guarantor.db-wal")).exists();
    }
  }

  @Test
  void theWriterSyncsFullyOnEveryCommitAndWaitsForLocks() throws SQLException {
    Database database = new Database(url());

    try (Connection writer = database.openWriter()) {
      assertThat(pragma(writer, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(writer, "synchronous")).as("2 is FULL").isEqualTo("2");
      assertThat(pragma(writer, "busy_timeout")).isEqualTo("10000");
    } finally {
      database.close();
    }
  }

  @Test
  void aSecondProcessOpensTheLogWhileTheFirstIsWriting() throws Exception {
    // verify and export open the log of a running server; opening must not need a write lock,
    // which SQLite's WAL mode refuses at once (SQLITE_BUSY) when the server commits between the
    // opener's read and its write.
    try (EventLog server = JdbcEventLog.sqlite(dataDir)) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong written = new AtomicLong();
      Thread writer =
          new Thread(
              () -> {
                for (int v = 1; v <= 20_000 && !stop.get(); v++) {
                  server.append(List.of(new NewEvent("w", v, "Tested", "{}", EVENT.recordedAt())));
                  written.set(v);
                }
              });
      writer.start();
      try {
        for (int i = 0; i < 100 && writer.isAlive(); i++) {
          try (EventLog other = JdbcEventLog.sqlite(dataDir)) {
            assertThat(other.verify().intact()).isTrue();
          }
        }
      } finally {
        stop.set(true);
        writer.join(30_000);
      }
      assertThat(written.get()).as("the writer ran beside the openings").isPositive();
    }
  }

  @Test
  void readersCannotWrite() throws Exception {
    Database database = new Database(url());
    try (Connection writer = database.openWriter()) {
      Schema.ensure(writer, Dialect.SQLITE);
    }

    String queryOnly = database.read("test", reader -> pragma(reader, "query_only"));
    database.close();

    assertThat(queryOnly).isEqualTo("1");
  }

  @Test
  void theSchemaRecordsEachVersionUpToTheCurrentOne() throws SQLException {
    JdbcEventLog.sqlite(dataDir).close();

    try (Connection connection = plainConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT version FROM schema_version ORDER BY 1")) {
      for (int v = 1; v <= Schema.VERSION; v++) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(v);
      }
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void aLogOfSchemaVersionOneGainsTheSnapshotsTableAndKeepsItsEvents() throws SQLException {
    try (EventLog log = JdbcEventLog.sqlite(dataDir)) {
      log.append(List.of(EVENT));
    }
    try (Connection connection = plainConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("DROP TABLE snapshots");
      statement.executeUpdate("ALTER TABLE log_head DROP COLUMN writer_epoch");
      statement.executeUpdate("ALTER TABLE log_head DROP COLUMN writer");
      statement.executeUpdate("DELETE FROM schema_version WHERE version >= 2");
    }

    try (EventLog log = JdbcEventLog.sqlite(dataDir)) {
      assertThat(log.verify()).isEqualTo(Verification.ok(1));
      assertThat(log.snapshots()).isEmpty();
      log.saveSnapshot(1, "test/1", new byte[] {1}, java.time.Instant.EPOCH);
      assertThat(log.snapshots()).hasSize(1);
    }
  }

  @Test
  void aLogOfSchemaVersionTwoGainsTheWriterEpochAndKeepsItsEvents() throws SQLException {
    try (EventLog log = JdbcEventLog.sqlite(dataDir)) {
      log.append(List.of(EVENT));
    }
    try (Connection connection = plainConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("ALTER TABLE log_head DROP COLUMN writer_epoch");
      statement.executeUpdate("ALTER TABLE log_head DROP COLUMN writer");
      statement.executeUpdate("DELETE FROM schema_version WHERE version = 3");
    }

    try (EventLog log = JdbcEventLog.sqlite(dataDir)) {
      assertThat(log.verify()).isEqualTo(Verification.ok(1));
      assertThat(log.claimWriter("hub-a")).isEqualTo(new WriterClaim(1, "hub-a", 1));
      assertThat(log.append(List.of(new NewEvent("a", 2, "Tested", "{}", EVENT.recordedAt()))))
          .extracting(StoredEvent::position)
          .containsExactly(2L);
    }
  }

  @Test
  void aLogWithANewerSchemaIsNotTouched() throws SQLException {
    JdbcEventLog.sqlite(dataDir).close();
    try (Connection connection = plainConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO schema_version (version, description) VALUES (99, 'from the future')");
    }

    assertThatThrownBy(() -> JdbcEventLog.sqlite(dataDir))
        .isInstanceOf(EventLogFailure.class)
        .hasMessageContaining("schema version 99");
  }

  @Test
  void aDamagedLogStillOpensSoThatItCanBeVerified() throws SQLException {
    try (EventLog log = JdbcEventLog.sqlite(dataDir)) {
      log.append(List.of(EVENT));
    }
    try (Connection connection = plainConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM log_head");
    }

    try (EventLog log = JdbcEventLog.sqlite(dataDir)) {
      assertThat(log.verify().intact()).isFalse();
    }
  }

  @Test
  void anInMemoryDatabaseIsRefusedBecauseReadersWouldSeeAnotherDatabase() {
    assertThatThrownBy(() -> JdbcEventLog.open("jdbc:sqlite::memory:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in-memory");
  }

  @Test
  void anUnsupportedUrlIsRefusedWithoutRepeatingItsParameters() {
    assertThatThrownBy(() -> JdbcEventLog.open("jdbc:mysql://db/log?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql://db/log")
        .hasMessageNotContaining("secret");
  }

  private String url() {
    return "jdbc:sqlite:" + dataDir.resolve(JdbcEventLog.SQLITE_FILE_NAME);
  }

  private Connection plainConnection() throws SQLException {
    return DriverManager.getConnection(url());
  }

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
