package org.guarantor.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The contract on PostgreSQL, run only when {@code GUARANTOR_PG_URL} names a database, e.g. {@code
 * jdbc:postgresql://127.0.0.1:5432/guarantor?user=guarantor&password=…}. Each test and property try
 * works in a schema of its own, dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = PostgresEventLogTest.URL_VARIABLE, matches = ".+")
@AddLifecycleHook(PostgresEventLogTest.OnlyWithPostgres.class)
class PostgresEventLogTest extends EventLogContract {
  static final String URL_VARIABLE = "GUARANTOR_PG_URL";

  /** jqwik does not read Jupiter's conditions, so its property is skipped by this hook instead. */
  public static final class OnlyWithPostgres implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return isConfigured()
          ? SkipResult.doNotSkip()
          : SkipResult.skip(URL_VARIABLE + " is not set");
    }
  }

  private String schema;

  private static boolean isConfigured() {
    String url = System.getenv(URL_VARIABLE);
    return url != null && !url.isBlank();
  }

  private static String baseUrl() {
    return System.getenv(URL_VARIABLE);
  }

  private String schemaUrl() {
    String base = baseUrl();
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Override
  protected void createStorage() throws SQLException {
    schema = "guarantor_test_" + UUID.randomUUID().toString().replace("-", "");
    execute(baseUrl(), "CREATE SCHEMA " + schema);
  }

  @Override
  protected EventLog newLog() {
    return JdbcEventLog.open(schemaUrl());
  }

  @Override
  protected void tamper(String sql) throws SQLException {
    execute(schemaUrl(), sql);
  }

  @Override
  protected void deleteStorage() throws SQLException {
    execute(baseUrl(), "DROP SCHEMA " + schema + " CASCADE");
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
