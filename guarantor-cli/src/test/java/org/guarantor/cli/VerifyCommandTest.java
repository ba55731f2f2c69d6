package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;
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

  private static int report(int port, String key) {
    String body =
        "{\"key\":\""
            + key
            + "\",\"type\":\"AIR_ATTACK\",\"severity\":2,"
            + "\"location\":{\"lat\":50.45,\"lon\":30.52},\"observedAt\":\"2026-11-28T05:00:00Z\"}";
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
                  .header("Authorization", "Bearer demo-UKR")
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
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
        "UPDATE events SET payload = replace(payload, 'AIR_ATTACK', 'AIR_ATTACX') WHERE position = 2");
    CliRun r = verify();
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("BROKEN at position 2").contains("chain is broken below it at 2");
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
        "UPDATE events SET payload = replace(payload, 'AIR_ATTACK', 'AIR_ATTACX') WHERE position = 2");
    CliRun r = verify();
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("BROKEN at position 2");
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
