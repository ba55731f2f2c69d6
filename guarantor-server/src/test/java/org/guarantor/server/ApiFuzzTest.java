package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input makes the server answer 5xx or stop: a seeded stream of reports and tasking and incident
 * commands, each with a field or two replaced by a value of the wrong kind, out of range, text that
 * cannot be stored, or the body cut short, sent by the right party or another. Every answer is
 * below 500 and every refusal is a problem naming why; afterwards the engine still serves, every
 * accepted report can be read back, and the log's chain verifies. Bounded: a fixed number of
 * requests.
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

  @TempDir Path data;

  @Test
  void no_input_makes_the_server_answer_5xx_or_stop() {
    SplittableRandom random = new SplittableRandom(20261204);
    List<String[]> taskings = new ArrayList<>();
    List<String> incidents = new ArrayList<>();
    int accepted = 0;
    GuarantorServer server = GuarantorServer.start(ServerConfig.local(0, data));
    try {
      Http http = new Http(server.port());
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
        Http.Response r = http.post(token, path, body);
        assertThat(r.status())
            .as("POST " + path + " " + abbreviated(body) + " -> " + r.body())
            .isLessThan(500);
        if (r.status() >= 400) {
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
