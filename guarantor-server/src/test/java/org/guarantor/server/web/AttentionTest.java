package org.guarantor.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What needs the duty officer stands out, after an exercise's clock has moved past deadlines: the
 * incidents in the list and on the map, the secretariat's deadline board, the alerts, and the
 * guarantor's own standing on its desk.
 */
class AttentionTest {
  private static final Instant START = Instant.parse("2026-03-01T06:00:00Z");

  @TempDir Path data;
  private Scene scene;

  @AfterEach
  void stop() {
    if (scene != null) {
      scene.close();
    }
  }

  /** Three incidents; every tasking of the first is acknowledged, the others' are not. */
  private List<JsonNode> crisis() {
    List<JsonNode> out = new ArrayList<>();
    out.add(scene.api.report("AIR_ATTACK", 3, 50.45, 30.52, START, "Drone swarm over Kyiv"));
    out.add(scene.api.report("GROUND_INVASION", 3, 51.49, 31.29, START, "Armour at Chernihiv"));
    out.add(scene.api.report("SABOTAGE", 2, 46.48, 30.72, START, "Rail bridge at Odesa"));
    for (JsonNode t : out.get(0).path("taskings")) {
      scene.api.act(
          "demo-" + t.path("guarantor").asText(),
          "/api/v1/taskings/" + t.path("id").asText() + "/acknowledge",
          null,
          null);
    }
    return out;
  }

  private static String attentionOf(Browser b, String id) {
    List<WebElement> rows =
        b.driver.findElements(By.cssSelector(".incident-row[data-id='" + id + "']"));
    return rows.isEmpty() ? null : rows.get(0).getAttribute("data-attention");
  }

  @Test
  void overdueIncidentsStandOutInTheListOnTheMapAndInTheAlerts() {
    scene = Scene.start(ServerConfig.local(0, data).exercise(START));
    List<JsonNode> incidents = crisis();
    String calm = incidents.get(0).path("id").asText();
    String late = incidents.get(1).path("id").asText();
    Browser sec = scene.browser("SEC");
    sec.waitFor(By.cssSelector(".incident-row[data-id='" + late + "']"));
    assertThat(attentionOf(sec, late)).isEqualTo("none");

    // Past the acknowledgement deadlines (an hour), within the grace period (two more).
    scene.advance(Duration.ofMinutes(90));
    sec.waitUntil(d -> "overdue".equals(attentionOf(sec, late)), Duration.ofSeconds(15));
    assertThat(attentionOf(sec, calm)).isEqualTo("none");
    WebElement row =
        sec.driver.findElement(By.cssSelector(".incident-row[data-id='" + late + "']"));
    assertThat(row.getText()).contains("Needs attention").contains("overdue");
    assertThat(row.getAttribute("class")).contains("needs-attention");

    // On the map: a heavier, larger marker with a dark ring.
    @SuppressWarnings("unchecked")
    List<Number> weights =
        (List<Number>)
            sec.js(
                "const w = []; window.guarantor.map.eachLayer(l => { if (l instanceof L.CircleMarker"
                    + " && l.options.bubblingMouseEvents === false) w.push(l.options.weight); });"
                    + " return w;");
    assertThat(weights.stream().filter(w -> w.intValue() == 4).count()).isEqualTo(2);

    // The alerts: counted in the title, kept for the console, one tone while the sound is on.
    sec.waitUntil(d -> d.getTitle().matches("^\\(\\d+\\) .*"));
    assertThat(sec.js("return window.guarantorAlerts.map(a => a.kind)").toString())
        .contains("overdue");
    assertThat(((Number) sec.js("return window.guarantorTones || 0")).intValue()).isPositive();

    // Sorted and filtered by need.
    new Select(sec.driver.findElement(By.cssSelector(".filters select[name='sort']")))
        .selectByValue("attention");
    sec.waitUntil(
        d ->
            !"none"
                .equals(
                    d.findElements(By.cssSelector(".incident-row"))
                        .get(0)
                        .getAttribute("data-attention")));
    sec.click(By.cssSelector(".filters input[name='attention']"));
    sec.waitUntil(
        d ->
            d.findElements(By.cssSelector(".incident-row")).size() == 2
                && d.findElements(By.cssSelector(".incident-row[data-attention='none']"))
                    .isEmpty());
    sec.screenshot("attention.png");
    // The exercise's controls crowd the top bar at 1280 px: nothing in it may overlap another.
    assertThat(
            sec.js(
                "const items = [...document.querySelectorAll('.topbar .brand-name, .topbar .tab,"
                    + " .topbar .exercise, .topbar .utc-clock, .topbar .session')]"
                    + ".filter(e => e.offsetParent).map(e => [e, e.getBoundingClientRect()]);"
                    + "const out = [];"
                    + "items.forEach(([a, r], i) => items.slice(i + 1).forEach(([b, q]) => {"
                    + " if (r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1"
                    + " && q.top < r.bottom - 1) out.push(a.className + ' / ' + b.className); }));"
                    + "return out;"))
        .as("top bar items that overlap in an exercise at 1280 px")
        .asList()
        .isEmpty();

    // A new incident is flagged as new, and alerts with the sound switched off.
    sec.click(By.id("alert-sound"));
    assertThat(sec.driver.findElement(By.id("alert-sound")).getAttribute("aria-pressed"))
        .isEqualTo("false");
    sec.click(By.cssSelector(".filters input[name='attention']"));
    int tones = ((Number) sec.js("return window.guarantorTones || 0")).intValue();
    String fresh =
        scene
            .api
            .report("CYBER_ATTACK", 2, 49.84, 24.03, START.plusSeconds(5400), "Grid in Lviv")
            .path("id")
            .asText();
    sec.waitFor(By.cssSelector(".incident-row.is-new[data-id='" + fresh + "']"));
    assertThat(sec.js("return window.guarantorAlerts.map(a => a.id)").toString()).contains(fresh);
    assertThat(((Number) sec.js("return window.guarantorTones || 0")).intValue()).isEqualTo(tones);
    sec.assertSelfContained();
  }

  @Test
  void theDeadlineBoardListsEveryOpenTaskingByItsNextDeadlineUpToTheBreach() {
    scene = Scene.start(ServerConfig.local(0, data).exercise(START));
    crisis();
    scene.advance(Duration.ofMinutes(90));
    Browser sec = scene.browser("SEC");
    sec.go("#/board");
    WebElement board = sec.waitFor(By.id("deadline-board"));
    List<WebElement> rows = board.findElements(By.cssSelector("tbody tr"));
    int open = scene.api.get("demo-SEC", "/api/v1/taskings?open=true").size();
    assertThat(rows).hasSize(open);
    // Unacknowledged past their deadline: the breach at the end of the grace period comes first,
    // an hour and a half off (deadline 07:00 + 2 h grace; the clock says 07:30).
    WebElement first =
        rows.stream()
            .filter(r -> "Breach".equals(r.getAttribute("data-next")))
            .findFirst()
            .orElseThrow();
    assertThat(first.findElement(By.cssSelector(".countdown")).getText())
        .matches("Breach \\(not acknowledged\\) in 1:(29|30):\\d\\d");
    assertThat(board.getText()).contains("Deliver in");
    List<Long> times = new ArrayList<>();
    for (WebElement r : rows) {
      times.add(
          java.time.Instant.parse(
                  r.findElement(By.cssSelector(".countdown")).getAttribute("data-due"))
              .toEpochMilli());
    }
    assertThat(times).isSorted();
    sec.screenshot("board.png");

    // When the grace period ends, the breach happens and the board follows.
    scene.advance(Duration.ofHours(2));
    sec.waitUntil(
        d -> d.findElements(By.cssSelector("#deadline-board tbody tr")).size() < open,
        Duration.ofSeconds(15));
    sec.assertSelfContained();
  }

  @Test
  void aGuarantorsDeskShowsItsBreachesItsSuspensionAndWhatLiftsItAndTheNextBreach() {
    scene = Scene.start(ServerConfig.local(0, data).exercise(START));
    List<JsonNode> incidents = crisis();
    scene.advance(Duration.ofMinutes(90));
    String guarantor = incidents.get(1).path("taskings").get(0).path("guarantor").asText();
    Browser desk = scene.browser(guarantor);
    WebElement next = desk.waitFor(By.id("desk-next-breach"));
    assertThat(next.getText())
        .matches("(?s)Next breach in 1:(29|30):\\d\\d.*unless acknowledged.*");
    assertThat(desk.driver.findElement(By.cssSelector(".desk-list .tasking.is-overdue")).getText())
        .contains("Breach in");
    assertThat(desk.waitFor(By.id("desk-suspension")).getText()).contains("more breach");

    // A day later every deadline has passed its grace: breaches, and a suspension.
    scene.advance(Duration.ofHours(24));
    desk.waitUntil(
        d -> d.findElement(By.id("desk-breaches")).getText().matches("[1-9]\\d*"),
        Duration.ofSeconds(15));
    JsonNode record = null;
    for (JsonNode g : scene.api.get("demo-SEC", "/api/v1/ledger").path("guarantors")) {
      if (g.path("guarantor").asText().equals(guarantor)) {
        record = g;
      }
    }
    assertThat(desk.driver.findElement(By.id("desk-breaches")).getText())
        .isEqualTo(String.valueOf(record.path("breached").asInt()));
    if (record.path("suspended").asBoolean()) {
      assertThat(desk.waitFor(By.id("desk-suspension")).getText())
          .contains("Suspended")
          .contains("What lifts it")
          .contains("reinstates");
    }
    desk.js("document.getElementById('panel').scrollTop = 0; return null;");
    desk.screenshot("desk-standing.png");
    desk.assertSelfContained();
  }
}
