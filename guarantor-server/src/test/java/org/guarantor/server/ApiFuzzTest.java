package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input makes the server answer 5xx or stop: a seeded stream of reports and tasking and incident
 * commands, each with a field or two replaced by a value of the wrong kind, out of range, text that
 * cannot be stored, or the body cut short, sent by the right party or another. One in eight goes by
 * hand with what an HTTP client library never sends: a Content-Type naming a charset (UTF-8 spelled
 * otherwise, another one, one that does not exist), a Content-Length smaller than the body, or
 * bytes that are not UTF-8. Meanwhile a few reports declare more bytes than they send. Every answer
 * is below 500 and every refusal is a problem naming why (415 for a charset that is not UTF-8, 408
 * within the body's deadline for a body that never comes whole); afterwards the engine still
 * serves, every accepted report can be read back, and the log's chain verifies. Bounded: a fixed
 * number of requests, each waiting at most the body's deadline.
 */
class ApiFuzzTest {
  private static final int REQUESTS = 600;

  /** JSON values put in place of a field's own, as text. */
  private static final String[] ODD = {
    "null",
    "true",
    "-1",
    "0",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "1e400",
    "3.5",
    "\"\"",
    "\" \"",
    "\"x\"",
    "\"" + "x".repeat(4_100) + "\"",
    "\"a\\u0000b\"",
    "\"\\ud800\"",
    "\"tail \\udfff\"",
    "\"\\ud83d\\ude80\"",
    "\"Київ\"",
    "[]",
    "{}",
    "[1,2]",
    "{\"lat\":91,\"lon\":0}",
    "{\"type\":\"Polygon\",\"coordinates\":[[[30,50],[31,51],[31,50],[30,51],[30,50]]]}",
    "{\"type\":\"Polygon\",\"coordinates\":[[[30,50],[31,50],[31,51],[30,50]]]}",
    "{\"type\":\"Point\",\"coordinates\":[36.2,49.9,120]}",
    "{\"type\":\"GeometryCollection\",\"geometries\":[]}",
    "\"2026-11-28T06:00:00Z\"",
    "\"+999999999-12-31T23:59:59Z\"",
    "\"-999999999-01-01T00:00:00Z\"",
    "\"2026-02-30T00:00:00Z\"",
    "\"AIR_ATTACK\"",
    "\"air_attack\"",
    "\"PT1H\""
  };

  private static final String[] THREATS = {
    "AIR_ATTACK", "GROUND_INVASION", "MARITIME_BLOCKADE", "CYBER_ATTACK", "SABOTAGE"
  };

  private static final String[] PARTIES = {"UKR", "GBR", "USA", "POL", "CAN", "SEC", "OBS"};

  /** Charsets a Content-Type may name that are UTF-8, however spelled. */
  private static final String[] UTF8 = {"utf-8", "UTF-8", "UTF8", "\"utf-8\"", "Utf-8"};

  /** Charsets that are not UTF-8: others, unknown ones, malformed names. */
  private static final String[] NOT_UTF8 = {
    "latin1",
    "ISO-8859-1",
    "utf-16",
    "UTF-32BE",
    "windows-1251",
    "foo",
    "x-unknown-9",
    "\"",
    "",
    "*",
    "utf-8; charset=latin1"
  };

  /** Reports that declare more than they send, answered while the fuzz goes on. */
  private static final int STALLED = 3;

  @TempDir Path data;

  @Test
  void no_input_makes_the_server_answer_5xx_or_stop() throws Exception {
    SplittableRandom random = new SplittableRandom(20261204);
    List<String[]> taskings = new ArrayList<>();
    List<String> incidents = new ArrayList<>();
    int accepted = 0;
    GuarantorServer server = GuarantorServer.start(ServerConfig.local(0, data));
    try {
      Http http = new Http(server.port());
      List<CompletableFuture<Stalled>> stalled = new ArrayList<>();
      for (int k = 0; k < STALLED; k++) {
        stalled.add(stall(server.port(), http, "stalled-" + k, random.nextInt(1, 500)));
      }
      for (int i = 0; i < REQUESTS; i++) {
        double pick = random.nextDouble();
        String token;
        String path;
        String body;
        if (pick < 0.5 || taskings.isEmpty()) {
          token = random.nextInt(10) == 0 ? "demo-" + one(random, PARTIES) : "demo-UKR";
          path = "/api/v1/reports";
          body = report(random, "fuzz-" + i);
        } else if (pick < 0.9) {
          String[] t = taskings.get(random.nextInt(taskings.size()));
          token = "demo-" + (random.nextInt(4) == 0 ? one(random, PARTIES) : t[1]);
          String verb = one(random, "acknowledge", "decline", "mobilising", "delivered");
          path = "/api/v1/taskings/" + t[0] + "/" + verb;
          body =
              switch (random.nextInt(4)) {
                case 0 -> "{}";
                case 1 -> "{\"reason\":" + one(random, ODD) + "}";
                case 2 -> "{\"quantity\":" + one(random, ODD) + "}";
                default -> one(random, ODD);
              };
        } else {
          String incident =
              incidents.isEmpty() ? "INC-999999" : incidents.get(random.nextInt(incidents.size()));
          token = "demo-" + one(random, PARTIES);
          path =
              "/api/v1/incidents/"
                  + incident
                  + "/"
                  + one(random, "resolve", "stand-down", "corroborate");
          body = random.nextBoolean() ? "{\"note\":" + one(random, ODD) + "}" : "";
        }
        if (random.nextInt(12) == 0 && body.length() > 2) {
          body = body.substring(0, random.nextInt(1, body.length()));
        }
        String sent = "POST " + path + " " + abbreviated(body);
        Raw.Answer r;
        if (random.nextInt(8) == 0) {
          Raw.Answer[] got = {null};
          sent += byHand(random, server.port(), http, token, path, body, got);
          r = got[0];
        } else {
          Http.Response viaClient = http.post(token, path, body);
          r =
              new Raw.Answer(
                  viaClient.status(),
                  Map.of(
                      "content-type",
                      viaClient.raw().headers().firstValue("Content-Type").orElse("")),
                  viaClient.body());
        }
        assertThat(r.status()).as(sent + " -> " + r.body()).isLessThan(500);
        if (sent.contains("charset=") && !sent.contains("(UTF-8)")) {
          assertThat(r.status()).as(sent + " -> " + r.body()).isEqualTo(415);
        }
        if (r.status() >= 400) {
          assertThat(r.header("Content-Type")).as(sent).startsWith("application/problem+json");
          assertThat(r.json().path("detail").asText()).as(r.body()).isNotBlank();
        } else if (path.equals("/api/v1/reports")) {
          accepted++;
          JsonNode incident = r.json();
          incidents.add(incident.get("id").asText());
          for (JsonNode t : incident.path("taskings")) {
            taskings.add(new String[] {t.get("id").asText(), t.get("guarantor").asText()});
          }
        }
      }
      for (CompletableFuture<Stalled> f : stalled) {
        Stalled st = f.get(RequestBody.READ_DEADLINE.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
        assertThat(st.answer().status()).as(st.answer().body()).isEqualTo(408);
        assertThat(st.answer().header("Content-Type")).startsWith("application/problem+json");
        assertThat(st.took()).isLessThan(RequestBody.READ_DEADLINE.plusSeconds(3));
      }
      JsonNode health = http.get(null, "/health").json();
      assertThat(health.get("status").asText()).isEqualTo("UP");
      assertThat(accepted)
          .as("some reports were well-formed enough to be accepted")
          .isGreaterThan(50);
      for (String id : incidents) {
        assertThat(http.get("demo-SEC", "/api/v1/incidents/" + id).status()).isEqualTo(200);
      }
    } finally {
      server.close();
    }
    try (JdbcEventLog log = JdbcEventLog.sqlite(data)) {
      Verification v = log.verify();
      assertThat(v.intact()).as(v.problem()).isTrue();
    }
    // And every event the fuzzing left is accounted for: signed, and what the rules give.
    Audits.assertAccountedFor(data);
  }

  /**
   * Sends the request by hand with one thing changed that a client library would not let through,
   * and puts the answer in {@code got[0]}; says what was changed. {@code "(UTF-8)"} marks a charset
   * that is UTF-8, spelled in some way.
   */
  private static String byHand(
      SplittableRandom random,
      int port,
      Http http,
      String token,
      String path,
      String body,
      Raw.Answer[] got)
      throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Connection", "close");
    headers.put("Authorization", "Bearer " + token);
    try {
      http.signer(token).ifPresent(s -> headers.putAll(s.headers("POST", path, body)));
    } catch (IllegalArgumentException notJson) {
      // a body cut short is no JSON and cannot be signed; the server refuses it for that
    }
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    long length = content.length;
    String what;
    switch (random.nextInt(3)) {
      case 0 -> {
        boolean utf8 = random.nextBoolean();
        String charset = one(random, utf8 ? UTF8 : NOT_UTF8);
        headers.put("Content-Type", "application/json; charset=" + charset);
        what = " with charset=" + charset + (utf8 ? " (UTF-8)" : "");
      }
      case 1 -> {
        headers.put("Content-Type", "application/json");
        length = content.length < 2 ? 0 : random.nextInt(content.length);
        what = " declaring " + length + " of its " + content.length + " bytes";
      }
      default -> {
        headers.put("Content-Type", "application/json");
        int at = content.length / 2;
        byte[] odds = {(byte) 0xFF, (byte) 0xC0, (byte) 0xED};
        byte odd = odds[random.nextInt(odds.length)];
        byte[] changed = new byte[content.length + 1];
        System.arraycopy(content, 0, changed, 0, at);
        changed[at] = odd;
        System.arraycopy(content, at, changed, at + 1, content.length - at);
        content = changed;
        length = content.length;
        what = String.format(" with the byte %02X in it", odd & 0xFF);
      }
    }
    try (Socket s = Raw.connect(port, 30_000)) {
      s.getOutputStream().write(Raw.post(path, headers, length));
      s.getOutputStream().write(content);
      s.getOutputStream().flush();
      got[0] = Raw.read(s.getInputStream());
    }
    return what;
  }

  /** What a report that declared more than it sent got, and how long it took. */
  record Stalled(Raw.Answer answer, Duration took) {}

  /** Sends a signed report declaring {@code more} bytes more than it sends, then waits. */
  private static CompletableFuture<Stalled> stall(int port, Http http, String key, int more) {
    String body = Http.report(key, "AIR_ATTACK", 4, 49.9, 36.2);
    Map<String, String> headers =
        new LinkedHashMap<>(
            http.signer("demo-UKR").orElseThrow().headers("POST", "/api/v1/reports", body));
    headers.put("Content-Type", "application/json");
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    return CompletableFuture.supplyAsync(
        () -> {
          long t0 = System.nanoTime();
          try (Socket s = Raw.connect(port, 60_000)) {
            s.getOutputStream().write(Raw.post("/api/v1/reports", headers, content.length + more));
            s.getOutputStream().write(content);
            s.getOutputStream().flush();
            Raw.Answer a = Raw.read(s.getInputStream());
            return new Stalled(a, Duration.ofNanos(System.nanoTime() - t0));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        runnable -> new Thread(runnable, "stalled-" + key).start());
  }

  /** A valid report near Kharkiv with none, one or two fields replaced by an odd value. */
  private static String report(SplittableRandom random, String key) {
    String[] fields = {"key", "type", "severity", "location", "observedAt", "description"};
    String[] values = {
      "\"" + key + "\"",
      "\"" + one(random, THREATS) + "\"",
      String.valueOf(random.nextInt(1, 6)),
      "{\"lat\":" + (49.5 + random.nextDouble()) + ",\"lon\":" + (36 + random.nextDouble()) + "}",
      "\"2026-11-28T06:00:00Z\"",
      "\"fuzz\""
    };
    int changes = random.nextInt(3);
    for (int c = 0; c < changes; c++) {
      values[random.nextInt(values.length)] = one(random, ODD);
    }
    StringBuilder json = new StringBuilder("{");
    for (int f = 0; f < fields.length; f++) {
      if (random.nextInt(20) == 0) {
        continue; // a field left out
      }
      json.append(json.length() > 1 ? "," : "").append('"').append(fields[f]).append("\":");
      json.append(values[f]);
    }
    return json.append('}').toString();
  }

  @SafeVarargs
  private static <T> T one(SplittableRandom random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static String abbreviated(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
