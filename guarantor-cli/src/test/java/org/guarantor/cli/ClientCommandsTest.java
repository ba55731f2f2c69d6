package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guarantor.engine.codec.Json;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;
import org.guarantor.signing.KeyFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands as a desk officer uses them against a running server. */
class ClientCommandsTest {
  @TempDir Path data;
  GuarantorServer server;

  @BeforeEach
  void start() {
    server = GuarantorServer.start(ServerConfig.local(0, data));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Runs a client command as {@code party}, with its demonstration officer key. */
  private CliRun run(String party, String... args) {
    return runWith("--key=" + data.resolve("demo-keys").resolve(party + ".jwk"), args);
  }

  /** Runs a client command with these credentials ({@code --key=…}, {@code --token=…}, or ""). */
  private CliRun runWith(String credentials, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server=http://127.0.0.1:" + server.port());
    if (!credentials.isEmpty()) {
      all.add(credentials);
    }
    return CliRun.of(all.toArray(String[]::new));
  }

  private CliRun report(String key) {
    return run(
        "UKR",
        "report",
        "--type=AIR_ATTACK",
        "--severity=3",
        "--lat=49.99",
        "--lon=36.23",
        "--description=missile strike",
        "--observed-at=2026-11-28T05:00:00Z",
        "--idempotency-key=" + key);
  }

  @Test
  void a_report_prints_the_incident_its_lines_and_its_taskings() {
    CliRun r = report("cli-1");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("INC-000001  ACTIVATED  AIR_ATTACK, severity 3\n")
        .contains("in covered territory (Kharkiv Oblast, UA-63)")
        .contains("by UKR (idempotency key cli-1)")
        .contains("said:     missile strike")
        .contains("\nRequired\nLINE  CAPABILITY")
        .contains("\nTaskings\nID          GUARANTOR");
    // every tasking the server issued is a row of the table (read with a demonstration token,
    // which a demonstration log takes for reads instead of a key)
    JsonNode incident = json(runWith("--token=demo-SEC", "incident", "INC-000001", "--json"));
    assertThat(incident.get("taskings").size()).isPositive();
    for (JsonNode t : incident.get("taskings")) {
      assertThat(r.out())
          .containsPattern(
              Pattern.quote(t.get("id").asText())
                  + " +"
                  + t.get("guarantor").asText()
                  + " +"
                  + t.get("capability").asText()
                  + " +"
                  + t.get("quantity").asLong()
                  + " ");
    }
    // the same key again is the same incident, and nothing new
    CliRun again = report("cli-1");
    assertThat(again.out()).startsWith("INC-000001  ACTIVATED");
    assertThat(json(run("SEC", "incidents", "--json")).get("total").asLong()).isEqualTo(1);
  }

  @Test
  void a_guarantor_lists_acknowledges_declines_and_delivers_its_taskings() {
    report("cli-2");
    JsonNode incident = json(run("SEC", "incident", "INC-000001", "--json"));
    JsonNode first = incident.get("taskings").get(0);
    String id = first.get("id").asText();
    String guarantor = first.get("guarantor").asText();

    CliRun list = run(guarantor, "taskings");
    assertThat(list.exit()).isZero();
    assertThat(list.out()).startsWith("ID  ").contains(id + "  INC-000001");

    CliRun ack = run(guarantor, "acknowledge", id);
    assertThat(ack.exit()).as(ack.err()).isZero();
    assertThat(ack.out()).startsWith(id + "  ACKNOWLEDGED  " + first.get("guarantor").asText());

    long quantity = first.get("quantity").asLong();
    if (quantity > 1) {
      CliRun part = run(guarantor, "delivered", id, "--quantity=1");
      assertThat(part.out()).contains("PARTIALLY_DELIVERED").contains("delivered 1 of " + quantity);
    }
    CliRun over = run(guarantor, "delivered", id, "--quantity=" + (quantity + 1));
    assertThat(over.exit()).isEqualTo(1);
    assertThat(over.out()).isEmpty();
    assertThat(over.err()).startsWith("refused (HTTP 422").contains("/quantity: delivering");
    CliRun rest = run(guarantor, "delivered", id);
    assertThat(rest.out())
        .contains("DELIVERED")
        .contains("delivered " + quantity + " of " + quantity);

    // another tasking declined with a reason is re-allocated at once
    JsonNode second = incident.get("taskings").get(1);
    CliRun decline =
        run(
            second.get("guarantor").asText(),
            "decline",
            second.get("id").asText(),
            "--reason=aircraft grounded");
    assertThat(decline.exit()).as(decline.err()).isZero();
    assertThat(decline.out()).contains("DECLINED").contains("declined: aircraft grounded");
    CliRun after = run("SEC", "incident", "INC-000001");
    Matcher rows = Pattern.compile("(?m)^TSK-\\d{6} ").matcher(after.out());
    int count = 0;
    while (rows.find()) {
      count++;
    }
    assertThat(count).isEqualTo(incident.get("taskings").size() + 1);
  }

  @Test
  void a_refusal_names_each_field_and_exits_1_and_json_prints_the_answer_as_it_came() {
    CliRun bad = run("UKR", "report", "--type=TSUNAMI", "--severity=9", "--lat=95", "--lon=30");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err())
        .startsWith("refused (HTTP 422 Unprocessable request)\n")
        .contains(
            "  /type: TSUNAMI is not a threat type of the treaty in force; it knows AIR_ATTACK,")
        .contains("  /severity: severity must be between 1 and 5, was 9")
        .contains("  /location/lat: lat must be between -90.0 and 90.0, was 95");

    CliRun notMine = run("POL", "acknowledge", "TSK-000042");
    assertThat(notMine.exit()).isEqualTo(1);
    assertThat(notMine.err()).contains("/tasking: tasking TSK-000042 not found");

    report("cli-3");
    JsonNode page = json(run("SEC", "incidents", "--json"));
    assertThat(page.get("items").get(0).get("id").asText()).isEqualTo("INC-000001");
    assertThat(run("SEC", "incidents").out())
        .startsWith("ID          STATE      TYPE        SEV  WHERE           REPORTED")
        .contains("INC-000001  ACTIVATED  AIR_ATTACK  3    Kharkiv Oblast");

    report("cli-4");
    CliRun paged = run("SEC", "incidents", "--limit=1", "--offset=1", "--type=AIR_ATTACK");
    assertThat(paged.exit()).as(paged.err()).isZero();
    assertThat(paged.out())
        .contains("INC-000001  ACTIVATED")
        .doesNotContain("INC-000002")
        .endsWith("(2 to 2 of 2; --offset and --limit show others)\n");
    CliRun badType = run("SEC", "incidents", "--type=tsunami wave");
    assertThat(badType.exit()).isEqualTo(1);
    assertThat(badType.err()).contains("/query/type: tsunami wave is not a valid type");

    CliRun noKey = runWith("", "incidents");
    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err()).startsWith("no key: pass --key FILE");
    CliRun tokenForACommand = runWith("--token=demo-POL", "acknowledge", "TSK-000001");
    assertThat(tokenForACommand.exit()).isEqualTo(2);
    assertThat(tokenForACommand.err())
        .startsWith(
            "guarantor acknowledge changes state, so the acting party signs it: pass --key");
    CliRun noFile = runWith("--key=" + data.resolve("nobody.jwk"), "taskings");
    assertThat(noFile.exit()).isEqualTo(2);
    assertThat(noFile.err()).startsWith("--key ").contains("nobody.jwk: no such file");
    CliRun idempotencyWithoutTime =
        run(
            "UKR",
            "report",
            "--type=AIR_ATTACK",
            "--severity=2",
            "--lat=50",
            "--lon=30",
            "--idempotency-key=k");
    assertThat(idempotencyWithoutTime.exit()).isEqualTo(2);
    assertThat(idempotencyWithoutTime.err()).startsWith("--idempotency-key needs --observed-at");
    CliRun badGeo = run("UKR", "report", "--type=AIR_ATTACK", "--severity=2", "--geojson={x");
    assertThat(badGeo.exit()).isEqualTo(2);
    assertThat(badGeo.err()).startsWith("--geojson is not JSON");
  }

  @Test
  void a_key_signs_in_for_a_session_that_is_ended_after_the_read() throws Exception {
    Server s = new Server();
    s.address = "http://127.0.0.1:" + server.port();
    String token = s.signIn(KeyFiles.readPrivate(data.resolve("demo-keys").resolve("SEC.jwk")));
    assertThat(s.send("GET", "/api/v1/me", null, token).status()).isEqualTo(200);

    s.signOut(token);

    assertThat(s.send("GET", "/api/v1/me", null, token).status()).isEqualTo(401);
  }

  @Test
  void with_several_servers_a_report_goes_to_the_next_when_one_is_out_of_reach() throws Exception {
    int dead;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      dead = s.getLocalPort();
    }
    CliRun r =
        CliRun.of(
            "report",
            "--type=AIR_ATTACK",
            "--severity=3",
            "--lat=49.99",
            "--lon=36.23",
            "--observed-at=2026-11-28T05:00:00Z",
            "--idempotency-key=cli-failover",
            "--key=" + data.resolve("demo-keys").resolve("UKR.jwk"),
            "--server=http://127.0.0.1:" + dead + ", http://127.0.0.1:" + server.port());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("INC-000001  ACTIVATED");
    // Alone, the address out of reach is said at once.
    CliRun alone = CliRun.of("incidents", "--token=demo-SEC", "--server=http://127.0.0.1:" + dead);
    assertThat(alone.exit()).isEqualTo(2);
    assertThat(alone.err()).contains("cannot reach http://127.0.0.1:" + dead);
  }

  private static JsonNode json(CliRun r) {
    assertThat(r.exit()).as(r.err()).isZero();
    try {
      return Json.mapper().readTree(r.out());
    } catch (java.io.IOException e) {
      throw new AssertionError(r.out(), e);
    }
  }
}
