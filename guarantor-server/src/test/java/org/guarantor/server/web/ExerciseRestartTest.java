package org.guarantor.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.guarantor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * An exercise's virtual clock is part of its log: a restarted exercise server goes on where the
 * clock was, and the page's countdowns with it.
 */
class ExerciseRestartTest {
  @TempDir Path data;
  private Scene scene;

  @AfterEach
  void stop() {
    if (scene != null) {
      scene.close();
    }
  }

  @Test
  void restartingAnExerciseServerKeepsItsClockAndThePagesCountdowns() {
    // As `serve --exercise` does: the virtual clock starts at the wall-clock time of the start.
    scene = Scene.start(ServerConfig.local(0, data).exercise(Instant.now()));
    Instant moved = scene.advance(Duration.ofHours(6));
    JsonNode incident = scene.api.report("AIR_ATTACK", 3, 50.45, 30.52, moved, "Drone swarm");
    JsonNode tasking = incident.path("taskings").get(0);
    String guarantor = tasking.path("guarantor").asText();
    Instant ackBy = Instant.parse(tasking.path("acknowledgeBy").asText());
    long minutesLeft = Duration.between(moved, ackBy).toMinutes();
    assertThat(minutesLeft).isBetween(1L, 6 * 60L - 1);

    // Started again as the command line would, with "now" as the configured start.
    scene.restart(ServerConfig.local(0, data).exercise(Instant.now()));
    assertThat(scene.exerciseNow())
        .as("the virtual clock after the restart")
        .isAfterOrEqualTo(moved);

    Browser desk = scene.browser(guarantor);
    String card = "[data-tasking='" + tasking.path("id").asText() + "']";
    String countdown =
        desk.waitFor(By.cssSelector(card + " .countdown"), Duration.ofSeconds(10)).getText();
    // "Acknowledge in 0:59:58": the deadline as far off as before the restart, not six hours more.
    assertThat(countdown).startsWith("Acknowledge in ");
    String[] hms = countdown.substring("Acknowledge in ".length()).split(":");
    long shown = Long.parseLong(hms[0]) * 60 + Long.parseLong(hms[1]);
    assertThat(shown).isBetween(minutesLeft - 2, minutesLeft);
    assertThat(desk.driver.findElement(By.cssSelector("#exercise .exercise-time")).getText())
        .contains(
            String.format(
                "%02d:%02d",
                moved.atZone(java.time.ZoneOffset.UTC).getHour(),
                moved
                    .truncatedTo(ChronoUnit.MINUTES)
                    .atZone(java.time.ZoneOffset.UTC)
                    .getMinute()));
    desk.assertSelfContained();
  }
}
