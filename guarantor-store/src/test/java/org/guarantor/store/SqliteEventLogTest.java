package org.guarantor.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The contract on embedded SQLite. Each test and each property try gets its own data folder; it is
 * made by hand rather than by {@code @TempDir}, which jqwik's tries do not receive.
 */
class SqliteEventLogTest extends EventLogContract {
  private Path dataDir;

  @Override
  protected void createStorage() throws IOException {
    dataDir = Files.createTempDirectory("guarantor-store-");
  }

  @Override
  protected EventLog newLog() {
    return JdbcEventLog.sqlite(dataDir);
  }

  @Override
  protected void tamper(String sql) throws SQLException {
    String url = "jdbc:sqlite:" + dataDir.resolve(JdbcEventLog.SQLITE_FILE_NAME);
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  @Override
  protected void deleteStorage() throws IOException {
    try (Stream<Path> paths = Files.walk(dataDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
