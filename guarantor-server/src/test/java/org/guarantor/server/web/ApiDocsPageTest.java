package org.guarantor.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.guarantor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * /api/docs shows every operation of the OpenAPI document in swagger-ui, with nothing fetched from
 * another host and nothing refused by the server's Content-Security-Policy.
 */
class ApiDocsPageTest {
  @TempDir Path data;
  private Scene scene;

  @AfterEach
  void stop() {
    if (scene != null) {
      scene.close();
    }
  }

  @Test
  void swagger_ui_renders_the_api_offline_within_the_page_policy() {
    scene = Scene.start(ServerConfig.local(0, data));
    Browser b = scene.blank(1280, 800);

    b.driver.get(b.base() + "api/docs");
    b.waitFor(By.cssSelector(".opblock"), Duration.ofSeconds(60));

    assertThat(b.driver.findElements(By.cssSelector(".opblock")).size())
        .as("operations shown")
        .isGreaterThan(40);
    assertThat(b.driver.findElement(By.cssSelector(".info .title")).getText())
        .contains("Guarantor API");
    b.assertSelfContained();
    b.assertNoScriptErrors();
  }
}
