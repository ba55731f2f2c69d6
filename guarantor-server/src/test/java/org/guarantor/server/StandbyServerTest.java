package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL log: the first writes, the second follows it as a standby (reads
 * served, commands answered 503 with Retry-After, not ready) and takes over when the first stops.
 * Runs only when {@code GUARANTOR_PG_URL} names a database; in a schema of its own.
 */
@EnabledIfEnvironmentVariable(named = "GUARANTOR_PG_URL", matches = ".+")
class StandbyServerTest {
  private final String base = System.getenv("GUARANTOR_PG_URL");
  private String schema;
  private String url;

  @TempDir Path data;

  @BeforeEach
  void schemaOfItsOwn() throws Exception {
    schema = "standby_" + UUID.randomUUID().toString().replace("-", "");
    sql("CREATE SCHEMA " + schema);
    url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @AfterEach
  void drop() throws Exception {
    sql("DROP SCHEMA " + schema + " CASCADE");
  }

  @Test
  void the_standby_serves_reads_refuses_commands_and_takes_over_when_the_writer_stops()
      throws Exception {
    GuarantorServer writer = GuarantorServer.start(config("hub-a"));
    GuarantorServer standby = null;
    try {
      standby = GuarantorServer.start(config("hub-b"));
      AtomicReference<String> steppedDown = new AtomicReference<>();
      standby.onStepDown(steppedDown::set);
      Http a = new Http(writer.port());
      Http b = new Http(standby.port());

      assertThat(writer.writes()).isTrue();
      assertThat(standby.writes()).isFalse();
      assertThat(a.get(null, "/health").json().get("role").asText()).isEqualTo("writer");
      assertThat(b.get(null, "/health").json().get("role").asText()).isEqualTo("standby");
      assertThat(b.get(null, "/metrics").body()).contains("guarantor_writer 0.0");
      Http.Response notReady = b.get(null, "/health/ready");
      assertThat(notReady.status()).isEqualTo(503);
      assertThat(notReady.json().get("reason").asText()).startsWith("standby");

      Http.Response filed =
          a.post("demo-UKR", "/api/v1/reports", Http.report("s-1", "AIR_ATTACK", 3, 49.99, 36.23));
      assertThat(filed.status()).as(filed.body()).isEqualTo(201);
      String incident = filed.json().get("id").asText();
      long head = writer.engine().lastPosition();
      GuarantorServer s = standby;
      await(() -> s.engine().lastPosition() == head);
      Http.Response seen = b.get("demo-SEC", "/api/v1/incidents/" + incident);
      assertThat(seen.status()).as(seen.body()).isEqualTo(200);

      Http.Response refused =
          b.post("demo-UKR", "/api/v1/reports", Http.report("s-2", "SABOTAGE", 1, 50.45, 30.52));
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.raw().headers().firstValue("Retry-After")).contains("1");
      assertThat(refused.body()).contains("standby");

      writer.close();
      writer = null;
      await(s::writes);

      assertThat(b.get(null, "/health/ready").status()).isEqualTo(200);
      Http.Response again =
          b.post("demo-UKR", "/api/v1/reports", Http.report("s-1", "AIR_ATTACK", 3, 49.99, 36.23));
      assertThat(again.status()).as("the same report, known by its key").isEqualTo(200);
      assertThat(again.json().get("id").asText()).isEqualTo(incident);
      Http.Response next =
          b.post("demo-UKR", "/api/v1/reports", Http.report("s-2", "SABOTAGE", 1, 50.45, 30.52));
      assertThat(next.status()).as(next.body()).isEqualTo(201);
      assertThat(steppedDown.get()).isNull();
      assertThat(standby.log().verify().intact()).isTrue();
    } finally {
      if (writer != null) {
        writer.close();
      }
      if (standby != null) {
        standby.close();
      }
    }
  }

  @Test
  void the_embedded_log_has_one_server_and_it_writes() {
    try (GuarantorServer server = GuarantorServer.start(ServerConfig.local(0, data))) {
      assertThat(server.writes()).isTrue();
      assertThat(new Http(server.port()).get(null, "/health").json().get("role").asText())
          .isEqualTo("writer");
    }
  }

  private ServerConfig config(String node) {
    return ServerConfig.local(0, data).withJdbcUrl(url).withNode(node);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not reached within 30 s");
      }
      Thread.sleep(20);
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(base);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
