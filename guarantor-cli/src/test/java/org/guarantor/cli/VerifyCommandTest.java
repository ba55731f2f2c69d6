package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.guarantor.engine.codec.Json;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.RequestSigner;
import org.guarantor.signing.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code guarantor verify} as an auditor uses it on a data folder. */
class VerifyCommandTest {
  @TempDir Path data;

  private CliRun verify() {
    return CliRun.of("verify", "--data", data.toString());
  }

  private void seed() {
    try (GuarantorServer s = GuarantorServer.start(ServerConfig.local(0, data))) {
      for (int i = 0; i < 3; i++) {
        assertThat(report(s.port(), "v" + i)).isEqualTo(201);
      }
    }
  }

  /** Files a report signed by the demonstration's officer key of the protected state. */
  private int report(int port, String key) {
    String body =
        "{\"key\":\""
            + key
            + "\",\"type\":\"AIR_ATTACK\",\"severity\":2,"
            + "\"location\":{\"lat\":50.45,\"lon\":30.52},\"observedAt\":\"2026-11-28T05:00:00Z\"}";
    try {
      HttpClient http = HttpClient.newHttpClient();
      String log =
          Json.mapper()
              .readTree(
                  http.send(
                          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body())
              .get("log")
              .asText();
      SigningKey ukr = KeyFiles.readPrivate(data.resolve("demo-keys").resolve("UKR.jwk"));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      new RequestSigner(ukr, log).headers("POST", "/api/v1/reports", body).forEach(request::header);
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The position of the first report's IncidentReported event: the log begins with the treaty, the
   * demonstration's keyring and its officer keys, so the reports come well after position 2.
   */
  private long firstReport() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("guarantor.db"));
        Statement s = c.createStatement();
        var rows =
            s.executeQuery("SELECT min(position) FROM events WHERE type = 'IncidentReported'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getLong(1)).isGreaterThan(2);
      return rows.getLong(1);
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("guarantor.db"));
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  @Test
  void an_intact_log_verifies_with_its_count() {
    seed();
    CliRun r = verify();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("intact: ").contains(" events, hash chain verified");
  }

  @Test
  void the_snapshot_written_on_shutdown_is_reported_as_matching_the_chain() {
    seed();
    CliRun r = verify();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).containsPattern("snapshot at position \\d+ \\(.*\\): matches the chain");
  }

  @Test
  void a_snapshot_that_no_longer_matches_an_intact_chain_is_reported_with_exit_4()
      throws Exception {
    seed();
    // As if the log had been rewritten with its chain recomputed: the chain verifies, but the
    // hash recorded with the snapshot is not the one at its position any more.
    sql("UPDATE snapshots SET event_hash = '" + "0".repeat(64) + "'");
    CliRun r = verify();
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.out()).contains("hash chain verified");
    assertThat(r.err()).contains("DOES NOT MATCH the log").contains("rewritten");
  }

  @Test
  void a_break_below_a_snapshot_is_named_beside_it() throws Exception {
    seed();
    sql(
        "UPDATE events SET payload = replace(payload, 'AIR_ATTACK', 'AIR_ATTACX') WHERE position = "
            + firstReport());
    CliRun r = verify();
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .contains("BROKEN at position " + firstReport())
        .contains("chain is broken below it at " + firstReport());
  }

  @Test
  void a_log_without_snapshots_says_so() throws Exception {
    seed();
    sql("DELETE FROM snapshots");
    CliRun r = verify();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("no snapshot");
  }

  @Test
  void a_changed_byte_is_found_at_its_position() throws Exception {
    seed();
    sql(
        "UPDATE events SET payload = replace(payload, 'AIR_ATTACK', 'AIR_ATTACX') WHERE position = "
            + firstReport());
    CliRun r = verify();
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("BROKEN at position " + firstReport());
  }

  @Test
  void a_removed_event_is_found() throws Exception {
    seed();
    sql("DELETE FROM events WHERE position = 3");
    CliRun r = verify();
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("BROKEN at position 3");
  }

  @Test
  void a_missing_data_folder_is_said_plainly() {
    CliRun r = verify();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no event log");
  }
}
