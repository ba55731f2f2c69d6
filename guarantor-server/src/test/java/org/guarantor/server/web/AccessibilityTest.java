package org.guarantor.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.guarantor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * axe-core finds no WCAG 2 A or AA violation on any view, in the light theme and the dark one. The
 * test injects axe through WebDriver, from the copy in Deque's axe-core Maven artifact (a test
 * dependency); the server never serves it.
 */
class AccessibilityTest {
  private static final Instant START = Instant.parse("2026-03-01T06:00:00Z");

  @TempDir Path data;
  private Scene scene;

  @AfterEach
  void stop() {
    if (scene != null) {
      scene.close();
    }
  }

  static String axeSource() {
    try (InputStream in = AccessibilityTest.class.getResourceAsStream("/axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe.min.js is not on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The violations axe finds on the page as it is now: "rule: target (summary)" for each node. */
  @SuppressWarnings("unchecked")
  static List<String> violations(Browser b) {
    if (!Boolean.TRUE.equals(b.js("return !!window.axe"))) {
      b.js(axeSource() + "\n;return null;");
    }
    List<Map<String, Object>> found =
        (List<Map<String, Object>>)
            b.asyncJs(
                "const done = arguments[arguments.length - 1];"
                    + " axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa',"
                    + " 'wcag21a', 'wcag21aa']}}).then(r => done(r.violations.map(v => ({id: v.id,"
                    + " nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary)}))),"
                    + " e => done([{id: 'axe failed', nodes: [String(e)]}]));");
    List<String> out = new ArrayList<>();
    for (Map<String, Object> v : found) {
      for (Object n : (List<Object>) v.get("nodes")) {
        out.add(v.get("id") + ": " + n);
      }
    }
    return out;
  }

  private void check(Browser b, String where) {
    assertThat(violations(b)).as("axe violations on %s", where).isEmpty();
  }

  @Test
  void everyViewPassesAxeInBothThemes() {
    scene = Scene.start(ServerConfig.local(0, data).exercise(START));
    JsonNode incident = scene.api.report("AIR_ATTACK", 3, 50.45, 30.52, START, "Drone swarm");
    scene.api.report("AIR_ATTACK", 2, 50.45, 30.52, START, "Second wave");
    scene.api.report("SABOTAGE", 2, 44.95, 34.10, START, "Out of scope");
    scene.advance(Duration.ofMinutes(90));
    String guarantor = incident.path("taskings").get(0).path("guarantor").asText();

    Browser blank = scene.blank(1280, 800);
    blank.driver.get(blank.base());
    blank.waitFor(By.id("demo-party"));
    check(blank, "the sign-in screen");

    Browser sec = scene.browser("SEC");
    for (String theme : List.of("light", "dark")) {
      sec.js("localStorage.setItem('guarantor.theme', arguments[0]); return null;", theme);
      sec.driver.navigate().refresh();
      sec.awaitInteractive();
      for (String view :
          List.of(
              "#/incidents",
              "#/incidents/" + incident.path("id").asText(),
              "#/board",
              "#/treaty",
              "#/ledger")) {
        sec.go(view);
        sec.waitUntil(d -> Boolean.TRUE.equals(sec.js(MapAndLayoutTest.HEADING_SHOWN)));
        check(sec, view + " (" + theme + ")");
      }
    }
    Browser desk = scene.browser(guarantor);
    desk.waitFor(By.cssSelector(".desk-list"));
    check(desk, "the desk");
    Browser ukr = scene.browser("UKR");
    ukr.go("#/report");
    ukr.waitFor(By.id("r-type"));
    check(ukr, "the report form");
  }
}
