package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --log-format json}: one JSON object a line, with the incident's id from the MDC. */
class JsonLogsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  @Test
  void json_logs_are_one_object_a_line_and_name_the_incident_a_line_concerns() throws Exception {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    CliRun report;
    try {
      Logs.format("json");
      try (GuarantorServer server = GuarantorServer.start(ServerConfig.local(0, data))) {
        report =
            CliRun.of(
                "report",
                "--type=AIR_ATTACK",
                "--severity=3",
                "--lat=49.99",
                "--lon=36.23",
                "--description=missile strike",
                "--idempotency-key=json-logs",
                "--observed-at=2026-11-28T05:00:00Z",
                "--server=http://127.0.0.1:" + server.port(),
                "--key=" + data.resolve("demo-keys").resolve("UKR.jwk"));
        // Listeners of the report's batch have run once a later batch is answered.
        server.engine().awaitIdle();
      }
    } finally {
      Logs.format("human");
      System.setErr(old);
    }
    assertThat(report.exit()).as(report.err()).isZero();

    List<JsonNode> lines = new ArrayList<>();
    for (String line : err.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line)); // every line is one object
      }
    }
    // Lines written while the client command held standard error.
    for (String line : report.err().split("\n")) {
      if (line.startsWith("{")) {
        lines.add(JSON.readTree(line));
      }
    }
    assertThat(lines).isNotEmpty();
    assertThat(lines)
        .allSatisfy(
            l -> assertThat(l.has("timestamp") && l.has("level") && l.has("loggerName")).isTrue());
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.path("level").asText()).isEqualTo("INFO");
              assertThat(l.path("loggerName").asText()).endsWith("IncidentLog");
              assertThat(l.at("/mdc/incident").asText()).isEqualTo("INC-000001");
              assertThat(l.path("formattedMessage").asText()).contains("incident activated");
            });
    // The log names the incident, not where it is or what was said.
    assertThat(err.toString(StandardCharsets.UTF_8) + report.err()).doesNotContain("missile");
  }

  @Test
  void an_unknown_log_format_is_refused() {
    CliRun r = CliRun.of("serve", "--log-format", "xml", "--port", "0", "--data", data.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--log-format is human or json");
  }
}
