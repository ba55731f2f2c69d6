package org.guarantor.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.guarantor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The treaty view shows the server's latest credibility exercise to a party: P(on time), the
 * weakest lines and the single points of failure; the public sees none of it.
 */
class CredibilityPageTest {
  @TempDir Path data;
  private Scene scene;

  @AfterEach
  void stop() {
    if (scene != null) {
      scene.close();
    }
  }

  @Test
  void aPartySeesHowCredibleTheGuaranteeIsAndThePublicDoesNot() {
    scene = Scene.start(ServerConfig.local(0, data));
    scene.server.runCredibility(20, 5, 3);
    // Bounded wait for the background exercise (20 crises).
    for (int i = 0; i < 300; i++) {
      if (scene.api.get("demo-SEC", "/api/v1/credibility").path("status").asText().equals("done")) {
        break;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    Browser pol = scene.browser("POL");
    pol.go("#/treaty");
    WebElement section = pol.waitFor(By.cssSelector("section.credibility"), Duration.ofSeconds(20));
    assertThat(section.getText())
        .contains("How credible is the guarantee")
        .contains("simulated 72-hour crises")
        .contains("Single points of failure");
    assertThat(section.findElements(By.cssSelector("[data-critical] tbody tr"))).isNotEmpty();
    pol.assertSelfContained();

    Browser obs = scene.browser("OBS");
    obs.go("#/treaty");
    obs.waitFor(By.xpath("//h2[text()='Response plans']"));
    assertThat(obs.driver.findElements(By.cssSelector("section.credibility"))).isEmpty();
  }
}
