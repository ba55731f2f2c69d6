package org.guarantor.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.guarantor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The ledger page says what the record is: no rate without its base, no row that fails to add up.
 */
class LedgerPageTest {
  @TempDir Path data;
  private Scene scene;

  @AfterEach
  void stop() {
    if (scene != null) {
      scene.close();
    }
  }

  /** A crisis in which one tasking is acknowledged, one incident resolved, and the rest lapse. */
  static void lapse(Scene scene, Instant start) {
    double[][] places = {
      {50.45, 30.52},
      {49.99, 36.23},
      {46.48, 30.72},
      {49.84, 24.03},
      {48.46, 35.05},
      {47.84, 35.14},
      {51.49, 31.29},
      {50.91, 34.80}
    };
    String[] types = {"AIR_ATTACK", "GROUND_INVASION", "MARITIME_BLOCKADE", "SABOTAGE"};
    String resolved = null;
    for (int n = 0; n < places.length; n++) {
      JsonNode i =
          scene.api.report(
              types[n % types.length], 3 + n % 2, places[n][0], places[n][1], start, "Report " + n);
      if (n == 0) {
        JsonNode t = i.path("taskings").get(0);
        scene.api.act(
            "demo-" + t.path("guarantor").asText(),
            "/api/v1/taskings/" + t.path("id").asText() + "/acknowledge",
            null,
            null);
      }
      if (n == 1) {
        resolved = i.path("id").asText();
      }
    }
    scene.api.act("demo-SEC", "/api/v1/incidents/" + resolved + "/resolve", "note", "Repelled");
  }

  @Test
  void theHeadlineBarsAndTablesAddUpAndHideNothing() {
    Instant start = Instant.parse("2026-03-01T06:00:00Z");
    scene = Scene.start(ServerConfig.local(0, data).exercise(start));
    lapse(scene, start);
    scene.advance(Duration.ofHours(24));
    JsonNode ledger = scene.api.get("demo-OBS", "/api/v1/ledger");
    int received = 0;
    int ackOnTime = 0;
    for (JsonNode g : ledger.path("guarantors")) {
      received += g.path("received").asInt();
      ackOnTime += g.path("acknowledgedOnTime").asInt();
    }
    int entries = ledger.path("history").size();
    assertThat(ackOnTime).isEqualTo(1);
    assertThat(entries).as("ledger entries").isGreaterThan(50);

    Browser obs = scene.browser("OBS");
    obs.go("#/ledger");
    WebElement kpis = obs.waitFor(By.cssSelector(".kpis"));
    assertThat(kpis.getText())
        .containsIgnoringCase("Acknowledged on time")
        .contains("(1 of " + received + ")")
        .doesNotContain("100%");

    // Every row adds up: declined + delivered + breached + released or withdrawn + open = received.
    WebElement table = obs.waitFor(By.id("ledger-table"));
    List<String> head =
        table.findElements(By.cssSelector("thead th")).stream()
            .map(e -> e.getAttribute("textContent"))
            .toList();
    assertThat(head).contains("Released or withdrawn");
    for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
      List<WebElement> cells = row.findElements(By.cssSelector("th, td"));
      int sum = 0;
      for (String c :
          List.of(
              "Declined",
              "Delivered on time",
              "Delivered late",
              "Breached",
              "Released or withdrawn",
              "Open")) {
        sum += Integer.parseInt(cells.get(head.indexOf(c)).getText().replace(",", ""));
      }
      assertThat(sum)
          .as(cells.get(0).getText())
          .isEqualTo(Integer.parseInt(cells.get(head.indexOf("Received")).getText()));
    }

    // No bar for what has no record: a guarantor never tasked has neither a rate nor a reliability.
    obs.waitUntil(d -> Boolean.TRUE.equals(obs.js("return !!window.Chart")));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sets =
        (List<Map<String, Object>>)
            obs.js(
                "return Chart.getChart(document.getElementById('ledger-rates')).data.datasets"
                    + ".map(d => ({label: d.label, data: d.data}));");
    int k = 0;
    for (JsonNode g : ledger.path("guarantors")) {
      int outcomes =
          g.path("deliveredOnTime").asInt()
              + g.path("deliveredLate").asInt()
              + g.path("breached").asInt()
              + g.path("declined").asInt();
      Object ack = ((List<?>) sets.get(0).get("data")).get(k);
      Object reliability = ((List<?>) sets.get(2).get("data")).get(k);
      if (g.path("received").asInt() == 0) {
        assertThat(ack).as("ack bar of %s", g.path("guarantor")).isNull();
      } else {
        assertThat(((Number) ack).doubleValue())
            .isCloseTo(
                100.0 * g.path("acknowledgedOnTime").asInt() / g.path("received").asInt(),
                org.assertj.core.data.Offset.offset(0.01));
      }
      if (outcomes == 0) {
        assertThat(reliability).as("reliability bar of %s", g.path("guarantor")).isNull();
      }
      k++;
    }

    // The entries say how many there are, and all of them can be shown.
    assertThat(obs.waitFor(By.id("ledger-entries-count")).getText()).contains("50 of " + entries);
    obs.click(By.id("ledger-all-entries"));
    obs.waitUntil(
        d -> d.findElements(By.cssSelector("#ledger-entries tbody tr")).size() == entries);
    obs.assertSelfContained();
  }
}
