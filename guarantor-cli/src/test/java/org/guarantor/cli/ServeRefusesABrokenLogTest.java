package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.guarantor.engine.BrokenLog;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.RequestSigner;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.NewEvent;
import org.guarantor.store.StoredEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server does not build on a log that {@code verify} finds tampered with: the tamperings of issue
 * 18, each on a log with the snapshot written on close and on one without snapshots. A break at or
 * after the newest snapshot (or in a log without one) refuses the start; a break below it, which
 * the start leaves to the check made before the first write so that the start stays quick, halts
 * the engine before it writes anything. Either names the position and says what {@code verify}
 * says, and nothing is written. {@code --audit-at-start} also finds a rewrite whose every hash was
 * recomputed, which the chain finds only when a snapshot witnesses it.
 */
class ServeRefusesABrokenLogTest {
  @TempDir static Path seeded;
  @TempDir Path data;

  /** Two reports of severity 3 signed by the protected state; the close writes a snapshot. */
  @BeforeAll
  static void seed() throws Exception {
    try (GuarantorServer s = GuarantorServer.start(ServerConfig.local(0, seeded))) {
      String log = s.log().hashAt(1).orElseThrow();
      RequestSigner ukr =
          new RequestSigner(KeyFiles.readPrivate(seeded.resolve("demo-keys/UKR.jwk")), log);
      String[] places = {"\"lat\":49.99,\"lon\":36.23", "\"lat\":50.45,\"lon\":30.52"};
      for (int i = 0; i < places.length; i++) {
        String body =
            "{\"key\":\"s"
                + i
                + "\",\"type\":\"AIR_ATTACK\",\"severity\":3,\"location\":{"
                + places[i]
                + "},\"observedAt\":\"2026-11-28T05:00:00Z\"}";
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

  /** How a tampering is made, and whether a start without the audit can find it. */
  enum Tampering {
    /** A report's severity changed from 3 to 2 in place, its hash left as it was. */
    FLIPPED_PAYLOAD_BYTE(true, true),
    /** A row in the middle deleted. */
    DELETED_ROW(true, true),
    /** The newest rows deleted, the head left as it was. */
    NEWEST_ROWS_DELETED(true, true),
    /** The payloads of the two reports swapped. */
    SWAPPED_PAYLOADS(true, true),
    /** A row appended behind the log's back with a valid hash, the head left as it was. */
    ROW_APPENDED_BEHIND_THE_HEAD(true, true),
    /** The head's last hash edited. */
    EDITED_HEAD(true, true),
    /**
     * A report's severity changed in its signed command and its event, every hash from there on and
     * the head recomputed: the chain verifies; only a snapshot after the change, or the audit of
     * the signature, finds it.
     */
    REWRITTEN_WITH_THE_CHAIN_RECOMPUTED(true, false),
    /**
     * A report that no party signed appended with its hash and the head recomputed: the chain
     * verifies and the snapshot stands below it; only the audit finds it.
     */
    FORGED_REPORT_APPENDED_WITH_THE_CHAIN_RECOMPUTED(false, false);

    final boolean foundWithSnapshot;
    final boolean foundWithoutSnapshot;

    Tampering(boolean foundWithSnapshot, boolean foundWithoutSnapshot) {
      this.foundWithSnapshot = foundWithSnapshot;
      this.foundWithoutSnapshot = foundWithoutSnapshot;
    }
  }

  static Stream<Arguments> tamperings() {
    List<Arguments> out = new ArrayList<>();
    for (Tampering t : Tampering.values()) {
      out.add(Arguments.of(t, true));
      out.add(Arguments.of(t, false));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, snapshot {1}")
  @MethodSource("tamperings")
  void a_tampered_log_is_refused_naming_what_verify_says(Tampering t, boolean snapshot)
      throws Exception {
    copySeed();
    if (!snapshot) {
      sql("DELETE FROM snapshots");
    }
    tamper(t, snapshot);
    String[] before = rows();

    CliRun verify = CliRun.of("verify", "--data", data.toString());
    assertThat(verify.exit()).as(verify.out() + verify.err()).isIn(3, 4);

    boolean found = snapshot ? t.foundWithSnapshot : t.foundWithoutSnapshot;
    if (found) {
      BrokenLog refused = refusal(ServerConfig.local(0, data));
      assertThat(refused.findings()).isNotEmpty();
      // Word for word what verify says.
      refused.findings().forEach(f -> assertThat(verify.err()).contains(f));
      assertThat(refused.getMessage()).contains("position " + refused.position());
    } else {
      // The documented limit of the chain: the start does not see it, the audit does.
      GuarantorServer.start(ServerConfig.local(0, data)).close();
      before = rows();
    }
    BrokenLog audited = refusal(ServerConfig.local(0, data).withAuditAtStart(true));
    audited.findings().forEach(f -> assertThat(verify.err()).contains(f));
    assertThat(verify.err()).contains("BROKEN at position " + audited.position());

    assertThat(rows()).as("a refused start writes nothing").containsExactly(before);
  }

  @Test
  void an_intact_log_starts_with_and_without_the_audit() throws Exception {
    copySeed();
    String[] before = rows();
    GuarantorServer.start(ServerConfig.local(0, data)).close();
    GuarantorServer.start(ServerConfig.local(0, data).withAuditAtStart(true)).close();
    assertThat(rows()[0]).isEqualTo(before[0]);
  }

  @ParameterizedTest(name = "snapshot {0}")
  @ValueSource(booleans = {false, true})
  void serve_refuses_with_exit_3_naming_the_position_and_the_recovery(boolean snapshot)
      throws Exception {
    copySeed();
    if (!snapshot) {
      sql("DELETE FROM snapshots");
    }
    tamper(Tampering.FLIPPED_PAYLOAD_BYTE, snapshot);
    String[] before = rows();
    long at = firstReport();
    CliRun serve =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> CliRun.of("serve", "--data", data.toString()));
    assertThat(serve.exit()).isEqualTo(3);
    assertThat(serve.err())
        .contains("REFUSED: the event log in " + data.resolve(JdbcEventLog.SQLITE_FILE_NAME))
        .contains("is broken at position " + at)
        .contains(
            "BROKEN at position "
                + at
                + ": position "
                + at
                + ": its stored hash does not match its contents")
        .contains("guarantor verify --data " + data)
        .contains("docs/security.md");
    if (snapshot) {
      // Below the snapshot: the start was quick, served reads, and stopped before any write.
      assertThat(serve.err()).contains("below the snapshot the server started from");
    } else {
      assertThat(serve.out()).doesNotContain("Guarantor is serving");
    }
    assertThat(rows()).as("nothing written").containsExactly(before);
  }

  @Test
  void the_documented_recovery_keeps_the_intact_prefix_and_serves_it() throws Exception {
    copySeed();
    String[] hashes = hashes();
    tamper(Tampering.FLIPPED_PAYLOAD_BYTE, true);
    long cut = refusal(ServerConfig.local(0, data)).position();
    assertThat(cut).as("the flipped byte, below the snapshot").isEqualTo(firstReport());

    // As the procedure says: cut at the position named, verify, and cut again where verify
    // names a position, until it exits 0.
    CliRun verify = null;
    for (int round = 0; round < 3; round++) {
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        for (String statement : recoveryStatements(cut)) {
          s.executeUpdate(statement);
        }
        c.commit();
      }
      verify = CliRun.of("verify", "--data", data.toString());
      Matcher named = Pattern.compile("BROKEN at position (\\d+)").matcher(verify.err());
      if (verify.exit() == 0 || !named.find()) {
        break;
      }
      cut = Long.parseLong(named.group(1));
    }

    assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    try (GuarantorServer s = GuarantorServer.start(ServerConfig.local(0, data))) {
      assertThat(s.engine().lastPosition()).isEqualTo(cut - 1);
    }
    assertThat(hashes())
        .as("the prefix kept, as it was")
        .startsWith(Arrays.copyOf(hashes, (int) cut - 1));
  }

  /**
   * The statements of docs/security.md ("A broken log", the SQL block), as written there, with N
   * the first broken position; without BEGIN and COMMIT, which the test's transaction stands for.
   */
  private static List<String> recoveryStatements(long broken) throws Exception {
    String doc = Files.readString(Path.of("../docs/security.md"));
    String section = doc.substring(doc.indexOf("## A broken log"));
    String block = section.substring(section.indexOf("```sql") + 6);
    block = block.substring(0, block.indexOf("```"));
    List<String> out = new ArrayList<>();
    for (String statement : block.split(";")) {
      String s = statement.strip().replaceAll("\\s+", " ");
      if (!s.isEmpty() && !s.equals("BEGIN") && !s.equals("COMMIT")) {
        out.add(s.replaceAll("\\bN\\b", Long.toString(broken)));
      }
    }
    assertThat(out).as("the SQL block of docs/security.md").hasSize(3);
    return out;
  }

  /** Every event's hash, in log order. */
  private String[] hashes() throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT hash FROM events ORDER BY position")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out.toArray(String[]::new);
  }

  // ---- tampering ------------------------------------------------------------------------------

  private void tamper(Tampering t, boolean snapshot) throws Exception {
    long report = firstReport();
    long last = lastPosition();
    switch (t) {
      case FLIPPED_PAYLOAD_BYTE ->
          sql(
              "UPDATE events SET payload = replace(payload, '\"severity\":3', '\"severity\":2')"
                  + " WHERE position = "
                  + report);
      case DELETED_ROW -> sql("DELETE FROM events WHERE position = " + (report - 1));
      case NEWEST_ROWS_DELETED -> sql("DELETE FROM events WHERE position > " + (last - 3));
      case SWAPPED_PAYLOADS -> {
        long second = reports().get(1);
        String a = payloadAt(report);
        String b = payloadAt(second);
        setPayload(report, b);
        setPayload(second, a);
      }
      case ROW_APPENDED_BEHIND_THE_HEAD -> {
        String[] head = head();
        appendForgedReport();
        sql(
            "UPDATE log_head SET event_count = "
                + head[0]
                + ", last_hash = '"
                + head[1]
                + "' WHERE id = 1");
      }
      case EDITED_HEAD -> sql("UPDATE log_head SET last_hash = '" + "f".repeat(64) + "'");
      case REWRITTEN_WITH_THE_CHAIN_RECOMPUTED ->
          rewrite(
              p ->
                  p.replace("\\\"severity\\\":3", "\\\"severity\\\":2")
                      .replace("\"severity\":3", "\"severity\":2"),
              snapshot);
      case FORGED_REPORT_APPENDED_WITH_THE_CHAIN_RECOMPUTED -> appendForgedReport();
    }
  }

  /**
   * Writes the log anew with {@code change} applied to every payload, as whoever runs the server
   * could: every hash and the head recomputed, the snapshots carried over.
   */
  private void rewrite(UnaryOperator<String> change, boolean snapshot) throws Exception {
    List<StoredEvent> rows = new ArrayList<>();
    try (EventLog log = JdbcEventLog.sqlite(data)) {
      log.readAfter(0, rows::add);
    }
    Path forged = data.resolve("forged");
    List<NewEvent> out = new ArrayList<>();
    for (StoredEvent s : rows) {
      out.add(
          new NewEvent(
              s.streamId(),
              s.streamVersion(),
              s.type(),
              change.apply(s.payload()),
              s.recordedAt()));
    }
    try (EventLog log = JdbcEventLog.sqlite(forged)) {
      log.append(out);
    }
    if (snapshot) {
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:sqlite:" + forged.resolve(JdbcEventLog.SQLITE_FILE_NAME));
          Statement s = c.createStatement()) {
        s.executeUpdate("ATTACH DATABASE '" + db() + "' AS original");
        s.executeUpdate("INSERT INTO snapshots SELECT * FROM original.snapshots");
      }
    }
    Files.delete(db());
    Files.move(forged.resolve(JdbcEventLog.SQLITE_FILE_NAME), db());
  }

  /** A copy of the newest report under a new incident id, appended through the log itself. */
  private void appendForgedReport() {
    try (EventLog log = JdbcEventLog.sqlite(data)) {
      StoredEvent[] newest = {null};
      log.readAfter(
          0,
          e -> {
            if (e.type().equals("IncidentReported")) {
              newest[0] = e;
            }
          });
      StoredEvent r = newest[0];
      String id = r.streamId().replaceAll(".*(INC-\\d{6}).*", "$1");
      String forgedId = "INC-099999";
      log.append(
          List.of(
              new NewEvent(
                  r.streamId().replace(id, forgedId),
                  1,
                  r.type(),
                  r.payload().replace(id, forgedId).replace("\"key\":\"s1\"", "\"key\":\"f1\""),
                  r.recordedAt())));
    }
  }

  // ---- the database ---------------------------------------------------------------------------

  private void copySeed() throws Exception {
    Files.copy(seeded.resolve(JdbcEventLog.SQLITE_FILE_NAME), db());
    Path keys = Files.createDirectories(data.resolve("demo-keys"));
    try (Stream<Path> files = Files.list(seeded.resolve("demo-keys"))) {
      for (Path f : files.toList()) {
        Files.copy(f, keys.resolve(f.getFileName()));
      }
    }
  }

  private Path db() {
    return data.resolve(JdbcEventLog.SQLITE_FILE_NAME);
  }

  /**
   * The refusal of a start on the log in {@code data}: thrown by the start when the break lies at
   * or after the newest snapshot (or there is none); otherwise found by the check made before the
   * first write, while the server serves reads, which halts the engine: a signed report is then
   * answered 503 naming the position, and nothing is written.
   */
  private BrokenLog refusal(ServerConfig cfg) throws Exception {
    GuarantorServer started;
    try {
      started = GuarantorServer.start(cfg);
    } catch (BrokenLog b) {
      return b;
    }
    try (GuarantorServer s = started) {
      Throwable x = catchThrowable(() -> s.engine().chainChecked().get(60, TimeUnit.SECONDS));
      assertThat(x).as("the start or the check before the first write refuses the log").isNotNull();
      assertThat(x.getCause()).isInstanceOf(BrokenLog.class);
      BrokenLog b = (BrokenLog) x.getCause();
      assertThat(s.engine().haltReason())
          .hasValueSatisfying(r -> assertThat(r).contains("position " + b.position()));
      HttpResponse<String> write = signedReport(s, "after-the-check");
      assertThat(write.statusCode()).isEqualTo(503);
      assertThat(write.body()).contains("position " + b.position());
      return b;
    }
  }

  /** A report signed by the protected state, posted to {@code s}. */
  private HttpResponse<String> signedReport(GuarantorServer s, String key) throws Exception {
    RequestSigner ukr =
        new RequestSigner(
            KeyFiles.readPrivate(data.resolve("demo-keys/UKR.jwk")),
            s.log().hashAt(1).orElseThrow());
    String body =
        "{\"key\":\""
            + key
            + "\",\"type\":\"AIR_ATTACK\",\"severity\":3,\"location\":{\"lat\":49.99,"
            + "\"lon\":36.23},\"observedAt\":\"2026-11-28T05:00:00Z\"}";
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/v1/reports"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    ukr.headers("POST", "/api/v1/reports", body).forEach(b::header);
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + db());
  }

  private void sql(String statement) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  private List<Long> reports() throws Exception {
    List<Long> out = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT position FROM events WHERE type = 'IncidentReported' ORDER BY position")) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    assertThat(out).hasSize(2);
    return out;
  }

  private long firstReport() throws Exception {
    return reports().get(0);
  }

  private long lastPosition() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(position) FROM events")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private String payloadAt(long position) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT payload FROM events WHERE position = " + position)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private void setPayload(long position, String payload) throws Exception {
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement("UPDATE events SET payload = ? WHERE position = ?")) {
      s.setString(1, payload);
      s.setLong(2, position);
      s.executeUpdate();
    }
  }

  private String[] head() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event_count, last_hash FROM log_head")) {
      rs.next();
      return new String[] {rs.getString(1), rs.getString(2)};
    }
  }

  /** What a start must not change: every row's hash, the head, and the snapshots. */
  private String[] rows() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT count(*) || ':' || coalesce(max(position), 0) || ':'"
                    + " || coalesce(group_concat(hash, ''), '') FROM events),"
                    + " (SELECT event_count || ':' || last_hash FROM log_head),"
                    + " (SELECT count(*) || ':' || coalesce(group_concat(position), '')"
                    + " FROM snapshots)")) {
      rs.next();
      return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
    }
  }
}
