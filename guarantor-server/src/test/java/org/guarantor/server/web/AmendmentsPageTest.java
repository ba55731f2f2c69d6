package org.guarantor.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.guarantor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The treaty view shows how the treaty changes: a guarantor votes on a pending amendment with a
 * button that sends a signed vote, the version history says what an adopted amendment changed, an
 * observer sees no proposal, and a certification about to lapse is a warning.
 */
class AmendmentsPageTest {
  private static final String PROPOSAL = "[data-proposal=\"AMD-000001\"]";

  @TempDir Path data;
  private Scene scene;

  @AfterEach
  void stop() {
    if (scene != null) {
      scene.close();
    }
  }

  private JsonNode propose() {
    ObjectNode body = HttpApi.JSON.createObjectNode();
    body.put("title", "Longer acknowledgement");
    ObjectNode amendment = body.putObject("amendment");
    amendment.put("acknowledgementDeadline", "PT2H");
    amendment.putArray("withdrawPledges").add("ISR-03");
    return scene.api.post("demo-SEC", "/api/v1/amendments", body);
  }

  private void vote(String party, boolean approve) {
    scene.api.post(
        "demo-" + party,
        "/api/v1/amendments/AMD-000001/vote",
        HttpApi.JSON.createObjectNode().put("approve", approve));
  }

  @Test
  void aGuarantorApprovesAPendingAmendmentWithTheButtonAndTheTallyFollows() {
    scene = Scene.start(ServerConfig.local(0, data));
    JsonNode filed = propose();
    int needed = filed.path("approvalsNeeded").asInt();
    assertThat(filed.path("status").asText()).isEqualTo("PENDING");

    Browser pol = scene.browser("POL");
    pol.go("#/treaty");
    WebElement card = pol.waitFor(By.cssSelector(PROPOSAL));
    pol.js("arguments[0].scrollIntoView({block: 'center'}); return null;", card);
    pol.screenshot("amendment-pending.png");
    assertThat(card.getText())
        .contains("Longer acknowledgement")
        .contains("Proposed by SEC")
        .contains("Acknowledge within: 2 h")
        .contains("Pledges withdrawn: ISR-03")
        .contains("qualified majority")
        .contains("Approvals 0 of " + needed + " needed");
    assertThat(pol.waitFor(By.cssSelector(PROPOSAL + " .proposal-awaiting")).getText())
        .contains("POL")
        .contains("UKR");

    pol.click(By.cssSelector(PROPOSAL + " button[data-action=\"approve\"]"));
    pol.waitUntil(
        d ->
            d.findElement(By.cssSelector(PROPOSAL + " .proposal-tally"))
                .getText()
                .contains("Approvals 1 of " + needed + " needed"));
    assertThat(pol.waitFor(By.cssSelector(PROPOSAL + " .proposal-votes")).getText())
        .isEqualTo("POL approved");
    assertThat(pol.waitFor(By.cssSelector(PROPOSAL + " .proposal-awaiting")).getText())
        .doesNotContain("POL");
    assertThat(pol.driver.findElements(By.cssSelector(PROPOSAL + " button[data-action]")))
        .as("no second vote offered")
        .isEmpty();
    JsonNode recorded = scene.api.get("demo-SEC", "/api/v1/amendments/AMD-000001");
    assertThat(recorded.path("votes").get(0).path("party").asText()).isEqualTo("POL");
    assertThat(recorded.path("votes").get(0).path("approve").asBoolean()).isTrue();

    // The rest adopt it through the API; the page shows version 2 in force and what changed.
    for (String g : List.of("GBR", "USA", "FRA", "TUR", "DEU", "CAN", "ITA", "UKR")) {
      if (scene
          .api
          .get("demo-SEC", "/api/v1/amendments/AMD-000001")
          .path("status")
          .asText()
          .equals("PENDING")) {
        vote(g, true);
      }
    }
    assertThat(scene.api.get("demo-SEC", "/api/v1/treaty/versions").path("inForce").asInt())
        .isEqualTo(2);
    pol.driver.navigate().refresh();
    pol.awaitInteractive();
    pol.go("#/treaty");
    WebElement v2 = pol.waitFor(By.cssSelector("#versions [data-version=\"2\"]"));
    assertThat(v2.getText()).contains("Longer acknowledgement").contains("In force");
    pol.click(By.cssSelector("#versions [data-version=\"2\"] summary"));
    assertThat(pol.waitFor(By.cssSelector("#versions [data-version=\"2\"] ul")).getText())
        .contains("acknowledgementDeadline")
        .contains("1 h → 2 h")
        .contains("ISR-03");
    assertThat(pol.waitFor(By.cssSelector(PROPOSAL)).getText()).contains("Adopted");
    pol.screenshot("amendments.png");
    pol.assertSelfContained();
  }

  @Test
  void anObserverSeesNoProposalsAndAnExpiringCertificationIsAWarning() {
    scene = Scene.start(ServerConfig.local(0, data));
    propose();
    JsonNode certs = scene.api.get("demo-SEC", "/api/v1/certifications");
    Instant now = Instant.parse(certs.path("asOf").asText());
    ObjectNode certify = HttpApi.JSON.createObjectNode();
    certify.put("inspectedOn", "2026-01-10");
    certify.put("validUntil", now.plus(Duration.ofDays(10)).toString());
    certify.put("evidence", "INSP-POL-01-R");
    JsonNode cert = scene.api.post("demo-SEC", "/api/v1/pledges/POL-01/certify", certify);
    assertThat(cert.path("status").asText()).isEqualTo("EXPIRING");

    Browser pol = scene.browser("POL");
    pol.go("#/treaty");
    WebElement banner = pol.waitFor(By.id("cert-banner"));
    assertThat(banner.getText()).contains("POL-01").contains("expiring");
    WebElement row = pol.waitFor(By.cssSelector("#pledge-table tr[data-pledge=\"POL-01\"]"));
    assertThat(row.getAttribute("data-certification")).isEqualTo("EXPIRING");
    assertThat(row.findElement(By.cssSelector("td.cert-expiring")).getText()).contains("Expiring");
    WebElement certified = pol.waitFor(By.cssSelector("#pledge-table tr[data-pledge=\"POL-02\"]"));
    assertThat(certified.getText()).contains("Certified until");
    pol.js("arguments[0].scrollIntoView({block: 'center'}); return null;", banner);
    pol.screenshot("certification.png");

    // The proposal with its buttons, the warning and the marked cells pass axe, light and dark.
    pol.waitFor(By.cssSelector(PROPOSAL + " button[data-action=\"approve\"]"));
    assertThat(AccessibilityTest.violations(pol)).as("axe, light").isEmpty();
    pol.js("localStorage.setItem('guarantor.theme', 'dark'); return null;");
    pol.driver.navigate().refresh();
    pol.awaitInteractive();
    pol.go("#/treaty");
    pol.waitFor(By.id("cert-banner"));
    pol.waitFor(By.cssSelector(PROPOSAL + " button[data-action=\"approve\"]"));
    assertThat(AccessibilityTest.violations(pol)).as("axe, dark").isEmpty();

    // Another guarantor's pledges are not its to renew: no banner for Britain.
    Browser gbr = scene.browser("GBR");
    gbr.go("#/treaty");
    gbr.waitFor(By.cssSelector(PROPOSAL));
    assertThat(gbr.driver.findElements(By.id("cert-banner"))).isEmpty();

    Browser obs = scene.browser("OBS");
    obs.go("#/treaty");
    obs.waitFor(By.id("versions"));
    assertThat(obs.driver.findElements(By.id("amendments"))).isEmpty();
    assertThat(obs.driver.findElements(By.id("cert-banner"))).isEmpty();
    for (Browser b : List.of(pol, gbr, obs)) {
      b.assertSelfContained();
    }
  }
}
