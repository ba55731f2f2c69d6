package org.guarantor.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
 * The map a duty officer opens on a night shift, and the page around it: the whole territory framed
 * beside the panel, hubs named, incidents at one place grouped, a legend for everything; the base
 * map kept by the browser; the app loaded only after sign-in; dark and print; the tablet and phone
 * layouts; search and sorting; the reasons for a choice and the re-plan.
 */
class MapAndLayoutTest {
  private static final double KHARKIV_LAT = 49.99;
  private static final double KHARKIV_LON = 36.23;

  /** A script: whether a view's heading is on screen (in the panel, or on a page of its own). */
  static final String HEADING_SHOWN =
      "return [...document.querySelectorAll('#panel h1, #page h1')].some(e => e.offsetParent);";

  @TempDir Path data;
  private Scene scene;

  @AfterEach
  void stop() {
    if (scene != null) {
      scene.close();
    }
  }

  private static boolean fits(Browser b, double south, double west, double north, double east) {
    return Boolean.TRUE.equals(
        b.js(
            "return window.guarantor.map.getBounds().contains([[arguments[0], arguments[1]],"
                + " [arguments[2], arguments[3]]]);",
            south,
            west,
            north,
            east));
  }

  @Test
  void theFirstViewFramesTheTerritoryAndExclusionsWithNamedHubsGroupsAndALegend() {
    scene = Scene.start(ServerConfig.local(0, data));
    for (int k = 0; k < 3; k++) {
      scene.api.report("AIR_ATTACK", 2 + k, KHARKIV_LAT, KHARKIV_LON, Instant.now(), "Strike " + k);
    }
    Browser sec = scene.browser("SEC");
    // All of Ukraine, Crimea (its southern tip near 44.4° N) and the Donbas (to 40.2° E) in view.
    assertThat(fits(sec, 44.4, 22.2, 52.3, 40.2))
        .as("the territory and exclusions framed")
        .isTrue();

    int hubs = scene.api.get("demo-SEC", "/api/v1/treaty").path("treaty").path("hubs").size();
    assertThat(sec.driver.findElements(By.cssSelector(".leaflet-tooltip.hub-name"))).hasSize(hubs);

    // Three incidents at one place: one group with their count, which lists them.
    WebElement group = sec.waitFor(By.cssSelector(".incident-group[data-count='3']"));
    assertThat(group.getText()).isEqualTo("3");
    group.click();
    List<WebElement> links =
        sec.waitUntil(
            d -> {
              List<WebElement> l =
                  d.findElements(By.cssSelector(".group-popup a[href^='#/incidents/']"));
              return l.size() == 3 ? l : null;
            });
    links.get(0).click();
    sec.waitFor(By.cssSelector(".detail-head"));

    // Larger markers than before (radius 6 + severity), and a legend for every colour and line.
    WebElement legend = sec.driver.findElement(By.id("map-legend"));
    assertThat(legend.getAttribute("open")).isNotNull();
    assertThat(legend.getText())
        .contains("Activated", "Out of scope", "Needs attention", "Overdue", "Delivered", "Hub");
    sec.screenshot("map.png");

    // Night: the dark theme, by the switch (light → dark).
    sec.click(By.id("theme-switch"));
    sec.click(By.id("theme-switch"));
    assertThat(sec.js("return document.documentElement.dataset.theme")).isEqualTo("dark");
    String background =
        (String)
            sec.js("return getComputedStyle(document.getElementById('panel')).backgroundColor");
    assertThat(background).isEqualTo("rgb(22, 29, 38)");
    sec.screenshot("map-dark.png");

    // UTC clock.
    assertThat(sec.driver.findElement(By.id("utc-clock")).getText())
        .matches("\\d\\d:\\d\\d:\\d\\d UTC");
    sec.assertSelfContained();
  }

  @Test
  void anIncidentPrintsAsASituationReportAndShowsWhyAndReplan() {
    scene = Scene.start(ServerConfig.local(0, data));
    JsonNode i = scene.api.report("AIR_ATTACK", 3, 50.45, 30.52, Instant.now(), "Drone swarm");
    Browser sec = scene.browser("SEC");
    sec.go("#/incidents/" + i.path("id").asText());
    sec.waitFor(By.cssSelector(".timeline"));

    // "Why this pledge?" opens the server's reasons; re-plan is a button away.
    WebElement why = sec.waitFor(By.cssSelector("details.why summary"));
    why.click();
    sec.waitUntil(
        d ->
            d.findElement(By.cssSelector("details.why .why-body")).getText().startsWith("Pledge "));
    sec.click(By.id("replan"));
    sec.waitUntil(d -> !d.findElement(By.id("replan-status")).getText().isEmpty());

    sec.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    assertThat(sec.driver.findElement(By.cssSelector(".topbar")).isDisplayed()).isFalse();
    assertThat(sec.driver.findElement(By.id("map")).isDisplayed()).isFalse();
    assertThat(sec.driver.findElement(By.id("print-sitrep")).isDisplayed()).isFalse();
    assertThat(sec.driver.findElements(By.cssSelector("#panel textarea, #panel button")))
        .noneMatch(WebElement::isDisplayed);
    assertThat(sec.driver.findElement(By.cssSelector(".sitrep-head")).isDisplayed()).isTrue();
    assertThat(sec.driver.findElement(By.cssSelector(".timeline")).isDisplayed()).isTrue();
    sec.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    sec.assertSelfContained();
  }

  @Test
  void theSignInScreenLoadsNoAppAndTheBaseMapComesFromTheCacheOnReload() {
    scene = Scene.start(ServerConfig.local(0, data));
    Browser b = scene.blank(1280, 800);
    b.driver.get(b.base());
    b.waitFor(By.id("demo-party"));
    @SuppressWarnings("unchecked")
    List<String> early =
        (List<String>) b.js("return performance.getEntriesByType('resource').map(e => e.name)");
    assertThat(early).noneMatch(u -> u.matches(".*/(map|incidents|app|desk|ledger|treaty)\\.js$"));
    assertThat(early).noneMatch(u -> u.contains("leaflet.js"));
    b.driver.findElement(By.id("demo-party")).sendKeys("SEC");
    b.driver.findElement(By.id("demo-submit")).click();
    b.awaitInteractive();

    b.driver.navigate().refresh();
    b.awaitInteractive();
    Object transfer =
        b.js(
            "const e = performance.getEntriesByType('resource').filter(e =>"
                + " e.name.endsWith('/api/v1/atlas/countries'));"
                + " return e.length ? [e[0].transferSize, e[0].decodedBodySize] : null;");
    assertThat(transfer).as("the base map's size on the wire, and in all").isNotNull();
    List<?> sizes = (List<?>) transfer;
    assertThat(((Number) sizes.get(1)).longValue()).isGreaterThan(10_000);
    assertThat(((Number) sizes.get(0)).longValue()).as("bytes fetched again").isZero();
    b.assertSelfContained();
  }

  @Test
  void searchFindsAnIncidentAndThePledgeTableSortsAndFilters() {
    scene = Scene.start(ServerConfig.local(0, data));
    JsonNode a = scene.api.report("AIR_ATTACK", 3, 50.45, 30.52, Instant.now(), "Kyiv");
    scene.api.report("SABOTAGE", 2, 46.48, 30.72, Instant.now(), "Odesa");
    String guarantor = a.path("taskings").get(0).path("guarantor").asText();
    Browser sec = scene.browser("SEC");
    sec.waitFor(By.id("incident-search")).sendKeys(a.path("id").asText());
    sec.waitUntil(d -> d.findElements(By.cssSelector(".incident-row")).size() == 1);
    sec.driver.findElement(By.id("incident-search")).clear();
    sec.driver.findElement(By.id("incident-search")).sendKeys(guarantor);
    sec.waitUntil(
        d ->
            d.findElements(By.cssSelector(".incident-row")).stream()
                    .allMatch(r -> !r.getAttribute("data-id").isEmpty())
                && d.findElements(
                            By.cssSelector(
                                ".incident-row[data-id='" + a.path("id").asText() + "']"))
                        .size()
                    == 1);

    sec.go("#/treaty");
    sec.waitFor(By.id("pledge-table"));
    sec.click(By.cssSelector("#pledge-table th button[data-column='3']"));
    assertThat(
            sec.driver
                .findElement(By.cssSelector("#pledge-table th[aria-sort]"))
                .getAttribute("aria-sort"))
        .isEqualTo("ascending");
    sec.driver.findElement(By.id("pledge-filter")).sendKeys("POL");
    sec.waitUntil(
        d ->
            d.findElements(By.cssSelector("#pledge-table tbody tr")).stream()
                .allMatch(r -> r.getText().contains("POL")));
    assertThat(sec.driver.findElements(By.cssSelector("#pledge-table tbody tr"))).isNotEmpty();
    sec.assertSelfContained();
  }

  @Test
  void atTabletAndPhoneWidthsNothingOverflowsAndTheLegendLeavesTheMapFree() {
    scene = Scene.start(ServerConfig.local(0, data));
    scene.api.report("AIR_ATTACK", 3, 50.45, 30.52, Instant.now(), "Kyiv");
    for (int[] size : new int[][] {{1024, 768}, {390, 844}}) {
      Browser b = scene.browser("SEC", size[0], size[1]);
      for (String view : List.of("#/incidents", "#/board", "#/treaty", "#/ledger")) {
        b.go(view);
        b.waitUntil(d -> Boolean.TRUE.equals(b.js(HEADING_SHOWN)));
        assertThat(
                b.js(
                    "const scrollsInside = e => { for (let a = e.parentElement; a && a !=="
                        + " document.body; a = a.parentElement) { if (['auto', 'scroll',"
                        + " 'hidden'].includes(getComputedStyle(a).overflowX)) return true; }"
                        + " return false; };"
                        + "return [...document.querySelectorAll('body *')].filter(e => e.offsetParent"
                        + " && e.getBoundingClientRect().right > window.innerWidth + 1"
                        + " && !scrollsInside(e))"
                        + ".slice(0, 5).map(e => e.tagName + '.' + e.className);"))
            .as("what sticks out sideways on %s at %d px", view, size[0])
            .asList()
            .isEmpty();
      }
      b.go("#/incidents");
      b.waitFor(By.cssSelector(".incident-list"));
      Number share =
          (Number)
              b.js(
                  "const m = document.getElementById('map').getBoundingClientRect();"
                      + " const l = document.getElementById('map-legend').getBoundingClientRect();"
                      + " return (l.width * l.height) / (m.width * m.height);");
      assertThat(share.doubleValue())
          .as("legend's share of the map at %d px", size[0])
          .isLessThan(0.25);
      b.screenshot(size[0] < 600 ? "phone.png" : "tablet.png");
      b.assertSelfContained();
    }
  }
}
