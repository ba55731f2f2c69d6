package org.guarantor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** One lease per log on PostgreSQL; run only when {@code GUARANTOR_PG_URL} names a database. */
@EnabledIfEnvironmentVariable(named = PostgresEventLogTest.URL_VARIABLE, matches = ".+")
class WriterLeaseTest {
  private final String base = System.getenv(PostgresEventLogTest.URL_VARIABLE);
  private String schema;

  @BeforeEach
  void schemaOfItsOwn() throws Exception {
    schema = "lease_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE SCHEMA " + schema);
  }

  @AfterEach
  void dropSchema() throws Exception {
    execute("DROP SCHEMA " + schema + " CASCADE");
  }

  @Test
  void oneServerHoldsTheLeaseAndAnotherGetsItOnlyOnceItIsGivenUp() {
    try (WriterLease first = WriterLease.on(url(schema));
        WriterLease second = WriterLease.on(url(schema))) {
      assertThat(first.tryAcquire()).isTrue();
      assertThat(first.tryAcquire()).as("trying again keeps it").isTrue();
      assertThat(second.tryAcquire()).isFalse();
      assertThat(second.held()).isFalse();

      first.close();

      assertThat(first.held()).isFalse();
      assertThat(second.tryAcquire()).isTrue();
      assertThat(second.held()).isTrue();
    }
  }

  @Test
  void logsInTwoSchemasHaveALeaseEach() throws Exception {
    String other = schema + "_b";
    execute("CREATE SCHEMA " + other);
    try (WriterLease a = WriterLease.on(url(schema));
        WriterLease b = WriterLease.on(url(other))) {
      assertThat(a.tryAcquire()).isTrue();
      assertThat(b.tryAcquire()).isTrue();
    } finally {
      execute("DROP SCHEMA " + other + " CASCADE");
    }
  }

  @Test
  void aHolderWhoseSessionTheDatabaseEndedNoLongerHoldsItAndAnotherTakesIt() throws Exception {
    try (WriterLease first = WriterLease.on(url(schema));
        WriterLease second = WriterLease.on(url(schema))) {
      assertThat(first.tryAcquire()).isTrue();

      try (Connection c = DriverManager.getConnection(base);
          PreparedStatement kill =
              c.prepareStatement(
                  "SELECT pg_terminate_backend(pid) FROM pg_locks"
                      + " WHERE locktype = 'advisory' AND classid = 1196769618")) {
        kill.executeQuery().close();
      }

      assertThat(first.held()).isFalse();
      assertThat(second.tryAcquire()).isTrue();
    }
  }

  @Test
  void theEmbeddedLogHasNoLease() {
    assertThatThrownBy(() -> WriterLease.on("jdbc:sqlite:/tmp/x.db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PostgreSQL");
    assertThat(WriterLease.shared("jdbc:sqlite:/tmp/x.db")).isFalse();
    assertThat(WriterLease.shared(base)).isTrue();
  }

  private String url(String schema) {
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private void execute(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(base);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
