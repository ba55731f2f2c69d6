package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.guarantor.engine.codec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredibilityCommandTest {
  @TempDir Path dir;

  private String run(String... args) {
    PrintStream before = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).isZero();
    } finally {
      System.setOut(before);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void the_same_seed_writes_the_same_report_and_a_page_that_needs_no_network() throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    Path html = dir.resolve("c.html");
    String out =
        run(
            "credibility",
            "--runs",
            "30",
            "--critical-runs",
            "3",
            "--seed",
            "5",
            "--json",
            a.toString(),
            "--html",
            html.toString());
    run(
        "credibility",
        "--runs",
        "30",
        "--critical-runs",
        "3",
        "--seed",
        "5",
        "--threads",
        "1",
        "--json",
        b.toString());

    assertThat(out).contains("30 crises of 72 h, seed 5").contains("critical parties");
    assertThat(Files.readString(a)).isEqualTo(Files.readString(b));
    JsonNode report = Json.mapper().readTree(a.toFile());
    assertThat(report.path("runs").asInt()).isEqualTo(30);
    assertThat(report.path("critical").size()).isPositive();
    String page = Files.readString(html);
    assertThat(page)
        .contains("new Chart(")
        .contains("\"runs\":30")
        .doesNotContain("http://", "https://cdn");
  }

  @Test
  void a_what_if_amendment_is_reported_beside_the_treaty_as_it_is() throws Exception {
    Path amendment = dir.resolve("amendment.json");
    Files.writeString(amendment, "{\"gracePeriod\": \"PT6H\"}");
    Path json = dir.resolve("both.json");

    String out =
        run(
            "credibility",
            "--runs",
            "20",
            "--critical-runs",
            "0",
            "--what-if",
            amendment.toString(),
            "--json",
            json.toString());

    assertThat(out).contains("after the amendment");
    JsonNode both = Json.mapper().readTree(json.toFile());
    assertThat(both.path("before").path("version").asInt()).isEqualTo(1);
    assertThat(both.path("after").path("version").asInt()).isEqualTo(2);
  }
}
