package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.RequestSigner;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.NewEvent;
import org.guarantor.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guarantor verify} as an auditor uses it with a copy of the database and the keyring, no
 * server: every signature checked, and a changed byte of a signed command named at its position.
 */
class VerifySignaturesTest {
  @TempDir Path data;
  @TempDir Path forged;

  private void seed() throws Exception {
    try (GuarantorServer s = GuarantorServer.start(ServerConfig.local(0, data))) {
      String log =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body()
              .replaceAll(".*\"log\":\"([0-9a-f]{64})\".*", "$1");
      RequestSigner ukr =
          new RequestSigner(KeyFiles.readPrivate(data.resolve("demo-keys/UKR.jwk")), log);
      for (int i = 0; i < 2; i++) {
        String body =
            "{\"key\":\"a"
                + i
                + "\",\"type\":\"AIR_ATTACK\",\"severity\":3,\"location\":{\"lat\":50.45,"
                + "\"lon\":30.52},\"observedAt\":\"2026-11-28T05:00:00Z\"}";
        HttpRequest.Builder b =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/v1/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        ukr.headers("POST", "/api/v1/reports", body).forEach(b::header);
        int status =
            HttpClient.newHttpClient()
                .send(b.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        assertThat(status).isEqualTo(201);
      }
    }
  }

  private long positionOf(String type, String text) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("guarantor.db"));
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT position, payload FROM events WHERE type = '"
                    + type
                    + "' ORDER BY position")) {
      while (rs.next()) {
        if (rs.getString(2).contains(text)) {
          return rs.getLong(1);
        }
      }
    }
    throw new AssertionError("no " + type);
  }

  @Test
  void a_log_whose_every_word_is_signed_verifies_against_the_keyring() throws Exception {
    seed();
    CliRun r =
        CliRun.of(
            "verify",
            "--data",
            data.toString(),
            "--keyring",
            data.resolve("demo-keys/keyring.json").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("signed: ")
        .contains("every signature verified with a key the log registered")
        .contains("UKR 3")
        .contains("accounted for: all ")
        .contains("keyring: the log's root keys are exactly those of")
        .contains("DEMONSTRATION log");
  }

  @Test
  void one_byte_of_a_signed_command_changed_is_named_at_its_position() throws Exception {
    seed();
    long at = positionOf("CommandSigned", "/api/v1/reports");
    // Rewritten the way whoever runs the server could: the chain recomputed from the change on.
    List<StoredEvent> rows = new ArrayList<>();
    try (EventLog log = JdbcEventLog.sqlite(data)) {
      log.readAfter(0, rows::add);
    }
    List<NewEvent> out = new ArrayList<>();
    for (StoredEvent s : rows) {
      String p =
          s.position() == at
              ? s.payload().replace("\\\"severity\\\":3", "\\\"severity\\\":2")
              : s.payload();
      out.add(new NewEvent(s.streamId(), s.streamVersion(), s.type(), p, s.recordedAt()));
    }
    try (EventLog log = JdbcEventLog.sqlite(forged)) {
      log.append(out);
    }
    CliRun r = CliRun.of("verify", "--data", forged.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).contains("hash chain verified");
    assertThat(r.err())
        .contains("BROKEN at position " + at + " (CommandSigned)")
        .contains("does not verify over its signed text");
  }

  @Test
  void a_keyring_the_log_does_not_hold_is_named() throws Exception {
    seed();
    Path other = forged.resolve("keyring.json");
    KeyFiles.writeKeyring(
        other,
        new KeyFiles.Keyring(
            List.of(
                new org.guarantor.domain.keys.RootKey(
                    org.guarantor.domain.party.PartyCode.of("POL"),
                    org.guarantor.signing.SigningKey.generate(
                            org.guarantor.domain.party.PartyCode.of("POL"),
                            org.guarantor.domain.keys.KeyRole.ROOT,
                            "")
                        .publicKey())),
            false));
    CliRun r = CliRun.of("verify", "--data", data.toString(), "--keyring", other.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("(KeyringAdopted)").contains("which your keyring does not");
  }
}
