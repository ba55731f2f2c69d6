package org.guarantor.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.guarantor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** Filing a report through the page: one call is one incident, however often it is clicked. */
class ReportFormTest {
  private static final double KHARKIV_LAT = 49.99;
  private static final double KHARKIV_LON = 36.23;

  @TempDir Path data;
  private Scene scene;

  @AfterEach
  void stop() {
    if (scene != null) {
      scene.close();
    }
  }

  private static void fill(Browser ukr) {
    ukr.go("#/report");
    new Select(ukr.waitFor(By.id("r-type"))).selectByValue("AIR_ATTACK");
    new Select(ukr.driver.findElement(By.id("r-severity"))).selectByValue("3");
  }

  /** Records the key of every report the page sends. */
  private static void watchReports(Browser b) {
    b.js(
        "window.__keys = []; const f = window.fetch;"
            + " window.fetch = (url, init) => { if (String(url).endsWith('/api/v1/reports'))"
            + " window.__keys.push(JSON.parse(init.body).key); return f(url, init); }; return null;");
  }

  @SuppressWarnings("unchecked")
  private static List<String> sentKeys(Browser b) {
    return (List<String>) b.js("return window.__keys");
  }

  @Test
  void aSecondClickAfterASuccessFilesNothingNewAndAResubmitReusesTheKey() {
    scene = Scene.start(ServerConfig.local(0, data));
    Browser ukr = scene.browser("UKR");
    fill(ukr);
    ukr.clickMapAt(KHARKIV_LAT, KHARKIV_LON);
    ukr.waitUntil(d -> !d.findElement(By.id("r-lat")).getAttribute("value").isEmpty());
    watchReports(ukr);
    ukr.driver.findElement(By.id("r-submit")).click();
    ukr.waitFor(By.cssSelector("#report-result .result"));

    // A second click on the same button, as an impatient officer would.
    ukr.js("document.getElementById('r-submit').click(); return null;");
    // Even a submit that gets through (Enter in a field, a script) carries the same key.
    ukr.js("document.querySelector('.report-form').requestSubmit(); return null;");
    ukr.waitUntil(d -> sentKeys(ukr).size() >= 2);

    assertThat(ukr.driver.findElement(By.id("r-submit")).isEnabled())
        .as("the filed form is locked")
        .isFalse();
    assertThat(ukr.driver.findElement(By.id("r-submit")).getText()).startsWith("Filed as INC-");
    assertThat(ukr.driver.findElement(By.id("r-type")).isEnabled()).isFalse();
    assertThat(sentKeys(ukr)).hasSize(2).containsOnly(sentKeys(ukr).get(0));
    JsonNode all = scene.api.get("demo-SEC", "/api/v1/incidents?limit=50");
    assertThat(all.path("total").asInt()).as("incidents on the server").isEqualTo(1);
    assertThat(scene.api.get("demo-SEC", "/api/v1/taskings").size())
        .isEqualTo(all.path("items").get(0).path("taskings").size());

    // "New report" clears the form for the next call, with a new key.
    ukr.click(By.id("r-new"));
    ukr.waitUntil(d -> d.findElement(By.id("r-submit")).isEnabled());
    assertThat(ukr.driver.findElement(By.id("r-lat")).getAttribute("value")).isEmpty();
    assertThat(ukr.driver.findElement(By.id("report-result")).getText()).isEmpty();
    fill(ukr);
    ukr.clickMapAt(KHARKIV_LAT, KHARKIV_LON);
    ukr.waitUntil(d -> !d.findElement(By.id("r-lat")).getAttribute("value").isEmpty());
    ukr.driver.findElement(By.id("r-submit")).click();
    ukr.waitFor(By.cssSelector("#report-result .result"));
    assertThat(sentKeys(ukr)).hasSize(3);
    assertThat(sentKeys(ukr).get(2)).isNotEqualTo(sentKeys(ukr).get(0));
    assertThat(scene.api.get("demo-SEC", "/api/v1/incidents?limit=50").path("total").asInt())
        .isEqualTo(2);
    ukr.assertSelfContained();
  }

  @Test
  void aClickOnAnIncidentMarkerWhileReportingPicksItsPlace() {
    scene = Scene.start(ServerConfig.local(0, data));
    JsonNode first =
        scene.api.report(
            "AIR_ATTACK", 3, KHARKIV_LAT, KHARKIV_LON, Instant.now(), "First strike on Kharkiv");
    Browser ukr = scene.browser("UKR");
    fill(ukr);
    // The click lands on the marker of the incident already there.
    ukr.clickMapAt(KHARKIV_LAT, KHARKIV_LON);
    ukr.waitUntil(d -> !d.findElement(By.id("r-lat")).getAttribute("value").isEmpty());
    assertThat(Double.parseDouble(ukr.driver.findElement(By.id("r-lat")).getAttribute("value")))
        .isCloseTo(KHARKIV_LAT, org.assertj.core.data.Offset.offset(0.05));
    assertThat(ukr.driver.getCurrentUrl()).endsWith("#/report");
    ukr.driver.findElement(By.id("r-submit")).click();
    String text = ukr.waitFor(By.cssSelector("#report-result .result")).getText();
    assertThat(text).contains("Filed as INC-").doesNotContain(first.path("id").asText());
    assertThat(scene.api.get("demo-SEC", "/api/v1/incidents?limit=50").path("total").asInt())
        .isEqualTo(2);
    ukr.assertSelfContained();
  }
}
