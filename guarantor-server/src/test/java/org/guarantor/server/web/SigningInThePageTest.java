package org.guarantor.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.erdtman.jcs.JsonCanonicalizer;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.DispatchEvent.CommandSigned;
import org.guarantor.domain.dispatch.DispatchEvent.KeyRegistered;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingAcknowledged;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.keys.Signature;
import org.guarantor.engine.codec.EventCodec;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.Security;
import org.guarantor.server.ServerConfig;
import org.guarantor.signing.Ed25519;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.RequestSigner;
import org.guarantor.signing.SignedRequest;
import org.guarantor.signing.SigningKey;
import org.guarantor.store.JdbcEventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The officer's key in the browser: the page signs what a party does with a WebCrypto key that no
 * script can read out, and what it signed can be checked from the log alone, with the keys the log
 * registered, without the server. Each test starts its own demonstration server on an empty data
 * folder. Skipped where chromium or chromedriver is not installed.
 */
class SigningInThePageTest {
  @TempDir Path data;

  /** Key files as an officer would have them on disk, to import through the file chooser. */
  @TempDir Path files;

  private GuarantorServer server;
  private HttpApi api;
  private final List<Browser> browsers = new ArrayList<>();

  @BeforeEach
  void start() {
    assumeTrue(Browser.available(), "chromium and chromedriver are not installed");
    restart(ServerConfig.local(0, data));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    for (Browser b : browsers) {
      b.close();
    }
  }

  @Test
  void anAcknowledgementInThePageIsSignedByTheImportedKeyAndChecksOutFromTheLogAlone()
      throws IOException {
    JsonNode tasking = firstTasking();
    String id = tasking.path("id").asText();
    String guarantor = tasking.path("guarantor").asText();
    Path file = files.resolve(guarantor + ".jwk");
    Files.copy(demoKeys().resolve(guarantor + ".jwk"), file);

    Browser desk = browser().signInWithKeyFile(file);
    desk.click(By.cssSelector("[data-tasking='" + id + "'] [data-action='acknowledge']"));
    desk.waitFor(
        By.cssSelector(".desk-list [data-tasking='" + id + "'][data-state='ACKNOWLEDGED']"));
    Map<String, Object> key = storedKey(desk);
    assertThat(key)
        .containsEntry("count", 1L)
        .containsEntry("party", guarantor)
        .containsEntry("source", "file")
        .containsEntry("extractable", false)
        .containsEntry("exported", "InvalidAccessError");
    assertThat(key.get("id"))
        .isEqualTo(desk.js("return JSON.parse(sessionStorage.getItem('guarantor.session')).key"));
    desk.assertSelfContained();
    server.close();
    server = null;

    // From here on only the log on disk: the signature before the acknowledgement, checked with
    // the key the log itself registered.
    Log log = Log.read(data);
    Signature s =
        log.signatureBefore(
            e -> e instanceof TaskingAcknowledged a && a.tasking().value().equals(id));
    SignedRequest signed = parse(s.text());
    assertThat(signed.request()).isEqualTo("POST /api/v1/taskings/" + id + "/acknowledge");
    assertThat(signed.party().value()).isEqualTo(guarantor);
    assertThat(signed.log()).isEqualTo(log.id);
    KeyRegistered registered = log.registered(s.key().value());
    assertThat(registered.party().value()).isEqualTo(guarantor);
    assertThat(Ed25519.verify(registered.publicKey(), s.text(), s.value())).isTrue();
    assertThat(
            Ed25519.verify(registered.publicKey(), s.text().replace(id, "TSK-999999"), s.value()))
        .as("the same signature over another tasking")
        .isFalse();
    assertThat(registered.key().value()).isEqualTo(key.get("id"));
    assertThat(registered.publicKey().x()).isEqualTo(key.get("x"));
  }

  @Test
  void aBrowserEnrolledWithAOneTimeCodeSignsWithAKeyThatNeverLeftIt() throws IOException {
    JsonNode tasking = firstTasking();
    String id = tasking.path("id").asText();
    String guarantor = tasking.path("guarantor").asText();
    SigningKey root = KeyFiles.readPrivate(demoKeys().resolve(guarantor + ".root.jwk"));
    SigningKey demoOfficer = KeyFiles.readPrivate(demoKeys().resolve(guarantor + ".jwk"));
    String code = Ed25519.randomText(18);
    ObjectNode offer = HttpApi.JSON.createObjectNode();
    offer.put("codeHash", PublicKey.sha256(code));
    offer.put("label", "Desk browser");
    offer.put("expiresAt", Instant.now().plus(Duration.ofHours(1)).toString());
    api.post(new RequestSigner(root, api.logId()), "/api/v1/keys/enrolments", offer);

    Browser desk = browser();
    desk.driver.get(desk.base());
    desk.waitFor(By.id("enrol-party")).sendKeys(guarantor.toLowerCase());
    desk.driver.findElement(By.id("enrol-code")).sendKeys(code);
    desk.driver.findElement(By.id("enrol-label")).clear();
    desk.driver.findElement(By.id("enrol-label")).sendKeys("Duty desk, Warsaw");
    desk.driver.findElement(By.id("enrol-submit")).click();
    desk.awaitInteractive();
    desk.click(By.cssSelector("[data-tasking='" + id + "'] [data-action='acknowledge']"));
    desk.waitFor(
        By.cssSelector(".desk-list [data-tasking='" + id + "'][data-state='ACKNOWLEDGED']"));
    Map<String, Object> key = storedKey(desk);
    assertThat(key)
        .containsEntry("count", 1L)
        .containsEntry("party", guarantor)
        .containsEntry("source", "enrolled")
        .containsEntry("extractable", false)
        .containsEntry("exported", "InvalidAccessError");
    assertThat(key.get("id")).isNotEqualTo(demoOfficer.id().value());
    desk.assertSelfContained();
    server.close();
    server = null;

    Log log = Log.read(data);
    KeyRegistered registered = log.registered(String.valueOf(key.get("id")));
    assertThat(registered.publicKey().x()).isEqualTo(key.get("x"));
    assertThat(registered.enrolment()).isEqualTo(PublicKey.sha256(code));
    assertThat(registered.by()).isEqualTo(root.id());
    assertThat(registered.label()).isEqualTo("Duty desk, Warsaw");
    // The enrolment itself is signed by the new key: proof that whoever enrolled holds it.
    Signature enrolment = log.signatureBefore(e -> e == registered);
    assertThat(parse(enrolment.text()).request()).isEqualTo("POST /api/v1/keys/enrol");
    assertThat(Ed25519.verify(registered.publicKey(), enrolment.text(), enrolment.value()))
        .isTrue();
    Signature s =
        log.signatureBefore(
            e -> e instanceof TaskingAcknowledged a && a.tasking().value().equals(id));
    assertThat(s.key()).isEqualTo(registered.key());
    assertThat(Ed25519.verify(registered.publicKey(), s.text(), s.value())).isTrue();
  }

  @Test
  void aKeyRevokedWhileSignedInSignsNothingAndThePageSaysWhy() {
    JsonNode tasking = firstTasking();
    String id = tasking.path("id").asText();
    String guarantor = tasking.path("guarantor").asText();
    Browser desk = browser().signIn(guarantor);
    desk.waitFor(By.cssSelector("[data-tasking='" + id + "'] [data-action='acknowledge']"));
    SigningKey root = KeyFiles.readPrivate(demoKeys().resolve(guarantor + ".root.jwk"));
    String officer = KeyFiles.readPrivate(demoKeys().resolve(guarantor + ".jwk")).id().value();
    ObjectNode why = HttpApi.JSON.createObjectNode().put("reason", "Laptop lost");
    api.post(new RequestSigner(root, api.logId()), "/api/v1/keys/" + officer + "/revoke", why);

    desk.click(By.cssSelector("[data-tasking='" + id + "'] [data-action='acknowledge']"));
    assertThat(desk.waitFor(By.id("signin-error")).getText()).contains("revoked").contains(officer);
    assertThat(api.get("demo-SEC", "/api/v1/taskings/" + id).path("state").asText())
        .isEqualTo("ISSUED");
    desk.assertSelfContained();
  }

  @Test
  void signingOutKeepsTheKeyForNextTimeAndForgettingItRemovesIt() {
    Browser sec = browser().signIn("SEC");
    String token =
        String.valueOf(
            sec.js("return JSON.parse(sessionStorage.getItem('guarantor.session')).token"));
    assertThat(api.status(token, "/api/v1/me")).isEqualTo(200);
    sec.click(By.id("signout"));
    sec.waitFor(By.cssSelector("#stored-keys .stored-key[data-party='SEC']"));
    assertThat(sec.js("return sessionStorage.getItem('guarantor.session')")).isNull();
    assertThat(api.status(token, "/api/v1/me")).as("the ended session's token").isEqualTo(401);
    sec.screenshot("signin.png");

    // Signing in again takes the key from the browser's store: nothing more from the server.
    sec.click(By.cssSelector(".stored-key[data-party='SEC'] [data-action='signin']"));
    sec.awaitInteractive();
    assertThat(sec.requestedUrls().stream().filter(u -> u.contains("/api/v1/demo/keys/")))
        .hasSize(1);

    sec.click(By.id("signout"));
    sec.click(By.cssSelector(".stored-key[data-party='SEC'] [data-action='forget']"));
    sec.click(By.cssSelector(".stored-key[data-party='SEC'] [data-action='forget-confirm']"));
    sec.waitUntil(d -> d.findElements(By.cssSelector(".stored-key")).isEmpty());
    assertThat(storedKey(sec)).containsEntry("count", 0L);
    sec.assertSelfContained();
  }

  @Test
  void aFirstVisitToADemonstrationOffersEveryPartyWithOneClick() {
    Browser b = browser().open();
    b.waitFor(By.cssSelector("#demo-parties .quick-party[data-party='POL']"));
    assertThat(b.js("return document.querySelectorAll('#demo-parties .quick-party').length"))
        .isEqualTo(12L);
    b.click(By.cssSelector("#demo-parties .quick-party[data-party='POL']"));
    b.awaitInteractive();
    assertThat(b.js("return document.getElementById('whoami').textContent"))
        .asString()
        .contains("Poland");
  }

  @Test
  void aKeyFileThatDoesNotHoldTogetherIsRefusedAndNotKept() throws IOException {
    JsonNode pol = HttpApi.JSON.readTree(demoKeys().resolve("POL.jwk").toFile());
    JsonNode sec = HttpApi.JSON.readTree(demoKeys().resolve("SEC.jwk").toFile());
    // POL's private key with SEC's public key, under SEC's (correct) thumbprint.
    ObjectNode mixed = pol.deepCopy();
    mixed.put("x", sec.path("x").asText());
    mixed.put("kid", sec.path("kid").asText());
    Path mixedFile = files.resolve("mixed.jwk");
    Files.writeString(mixedFile, mixed.toString());
    ObjectNode renamed = pol.deepCopy();
    renamed.put("kid", sec.path("kid").asText());
    Path renamedFile = files.resolve("renamed.jwk");
    Files.writeString(renamedFile, renamed.toString());
    Path rootFile = files.resolve("POL.root.jwk");
    Files.copy(demoKeys().resolve("POL.root.jwk"), rootFile);

    Browser b = browser();
    b.driver.get(b.base());
    b.waitFor(By.id("enrol-party"));
    b.driver.findElement(By.id("key-file")).sendKeys(mixedFile.toString());
    assertThat(b.waitFor(By.id("signin-error")).getText())
        .contains("is not the public key of its private key");
    b.driver.findElement(By.id("key-file")).sendKeys(renamedFile.toString());
    b.waitUntil(d -> d.findElement(By.id("signin-error")).getText().contains("thumbprint"));
    b.driver.findElement(By.id("key-file")).sendKeys(rootFile.toString());
    b.waitUntil(d -> d.findElement(By.id("signin-error")).getText().contains("root key"));
    assertThat(storedKey(b)).containsEntry("count", 0L);
    assertThat(b.requestedUrls()).noneMatch(u -> u.contains("/api/v1/session"));
    b.assertSelfContained();
  }

  @Test
  void anExpiredSessionIsRenewedWithTheKeyWithoutAsking() {
    server.close();
    restart(
        ServerConfig.local(0, data)
            .withSecurity(Security.defaults().withSessionTtl(Duration.ofSeconds(4))));
    Browser sec = browser().signIn("SEC");
    sec.markDocument();
    String first =
        String.valueOf(
            sec.js("return JSON.parse(sessionStorage.getItem('guarantor.session')).token"));
    sec.waitUntil(
        d ->
            !first.equals(
                sec.js("return JSON.parse(sessionStorage.getItem('guarantor.session')).token")),
        Duration.ofSeconds(15));
    assertThat(api.status(first, "/api/v1/me")).as("the expired token").isEqualTo(401);
    sec.go("#/treaty");
    assertThat(sec.waitFor(By.id("territory-version")).getText()).isNotBlank();
    assertThat(sec.sameDocument()).as("never sent back to the sign-in screen").isTrue();
    sec.assertSelfContained();
  }

  @Test
  void theSecretariatMovesAnExercisesClockWithASignedRequest() throws IOException {
    server.close();
    Instant start = Instant.parse("2026-03-01T06:00:00Z");
    restart(
        ServerConfig.local(0, Files.createDirectories(data.resolve("exercise"))).exercise(start));
    Browser sec = browser().signIn("SEC");
    new Select(sec.waitFor(By.id("exercise-step"))).selectByValue("PT6H");
    sec.click(By.id("exercise-advance"));
    sec.waitUntil(
        d ->
            !Instant.parse(api.get("demo-SEC", "/api/v1/exercise/clock").path("now").asText())
                .isBefore(start.plus(Duration.ofHours(6))));
    sec.assertSelfContained();
  }

  @Test
  void thePageCanonicalizesJsonAsTheServerDoes() throws IOException {
    List<String> bodies =
        List.of(
            "{\"b\":1,\"a\":{\"d\":[3,{\"z\":1,\"y\":2}],\"c\":{}},\"\":[]}",
            // RFC 8785 3.2.3: names sorted by UTF-16 code units, not by code points.
            "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Dalet\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"o\",\"\\uff61\":\"Halfwidth\"}",
            "[1e21,1e20,0.1,-0,1E-7,0.000001,333333333.33333329,4.50,2e-3,1E30,"
                + "9007199254740993,-1.5e-300,5e-324,1.7976931348623157e308,100,"
                + "123456789012345680000,-0.0000033,0.3,1.0]",
            "{\"escapes\":\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\\\/ \\u007f \\u2028\\u2029"
                + " </script>\",\"unicode\":\"Київ — ∑ 日本 \\ud83c\\uddfa\\ud83c\\udde6\"}",
            "{\"literals\":[true,false,null],\"nested\":{\"b\":{\"b\":{\"a\":[[],{}]}}},"
                + "\"location\":{\"lon\":36.23456789012345,\"lat\":49.99}}");
    Browser b = browser();
    b.driver.get(b.base());
    b.waitFor(By.id("signin-title"));
    @SuppressWarnings("unchecked")
    List<String> fromPage =
        (List<String>)
            b.asyncJs(
                "const done = arguments[arguments.length - 1]; const bodies = arguments[0];"
                    + " import('/canonical.js')"
                    + ".then((m) => done(bodies.map((t) => m.canonicalize(JSON.parse(t)))))"
                    + ".catch((e) => done([String(e)]));",
                bodies);
    for (int i = 0; i < bodies.size(); i++) {
      assertThat(fromPage.get(i))
          .as(bodies.get(i))
          .isEqualTo(new JsonCanonicalizer(bodies.get(i)).getEncodedString());
    }
    b.assertSelfContained();
  }

  @Test
  void theBrowserTestsHoldThePageToItsContentSecurityPolicy() {
    Browser b = browser();
    b.driver.get(b.base());
    b.waitFor(By.id("signin-title"));
    assertThat(b.documentsUnderPolicy()).isEqualTo(1);
    // What the policy refuses, tried in the page: a style attribute and an inline script.
    assertThat(
            b.js(
                "const d = document.createElement('div'); d.setAttribute('style', 'color: rgb(1, 2,"
                    + " 3)'); document.body.append(d); const c = getComputedStyle(d).color;"
                    + " d.remove(); return c;"))
        .isNotEqualTo("rgb(1, 2, 3)");
    b.js(
        "const s = document.createElement('script'); s.textContent = 'window.__inline = true;';"
            + " document.body.append(s); return null;");
    assertThat(b.js("return window.__inline === true")).isEqualTo(false);
    // ...while the page's own way of styling, through the CSSOM, is what the policy allows.
    assertThat(
            b.js(
                "const d = document.createElement('div'); d.style.setProperty('color', 'rgb(1, 2,"
                    + " 3)'); document.body.append(d); const c = getComputedStyle(d).color;"
                    + " d.remove(); return c;"))
        .isEqualTo("rgb(1, 2, 3)");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private void restart(ServerConfig config) {
    server = GuarantorServer.start(config);
    api = new HttpApi(server.port());
  }

  private Browser browser() {
    Browser b = new Browser(server.port());
    browsers.add(b);
    return b;
  }

  private Path demoKeys() {
    return data.resolve("demo-keys");
  }

  /** A report in scope, filed as the protected state; its first tasking. */
  private JsonNode firstTasking() {
    JsonNode incident =
        api.report("AIR_ATTACK", 3, 49.99, 36.23, Instant.now(), "Missile strike on the north");
    return incident.path("taskings").get(0);
  }

  /**
   * What the page keeps in its key store: how many keys, and of the first its id, public key,
   * party, source, whether the private key is extractable, and what exporting it answers.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> storedKey(Browser b) {
    return (Map<String, Object>)
        b.asyncJs(
            "const done = arguments[arguments.length - 1];"
                + " import('/keys.js').then(async (k) => {"
                + "   const all = await k.all(); const key = all[0];"
                + "   if (!key) { done({count: 0}); return; }"
                + "   let exported = 'exported';"
                + "   try { await crypto.subtle.exportKey('jwk', key.privateKey); }"
                + "   catch (e) { exported = e.name; }"
                + "   done({count: all.length, id: key.id, x: key.x, party: key.party,"
                + "     source: key.source, extractable: key.privateKey.extractable, exported});"
                + " }).catch((e) => done({error: String(e)}));");
  }

  private static SignedRequest parse(String text) {
    try {
      return SignedRequest.parse(text);
    } catch (SignedRequest.Malformed e) {
      throw new AssertionError("the log's signed text does not read: " + e.getMessage(), e);
    }
  }

  /** The log on disk, decoded, as an auditor reads it with no server running. */
  private static final class Log {
    final String id;
    final List<DispatchEvent> events;

    private Log(String id, List<DispatchEvent> events) {
      this.id = id;
      this.events = events;
    }

    static Log read(Path dataDir) {
      EventCodec codec = new EventCodec();
      List<DispatchEvent> events = new ArrayList<>();
      try (JdbcEventLog log = JdbcEventLog.sqlite(dataDir)) {
        log.readAfter(0, e -> events.add(codec.decode(e.type(), e.payload())));
        return new Log(log.hashAt(1).orElseThrow(), events);
      }
    }

    /** The signature the log keeps just before the first event that matches. */
    Signature signatureBefore(Predicate<DispatchEvent> caused) {
      for (int i = 1; i < events.size(); i++) {
        if (caused.test(events.get(i))) {
          assertThat(events.get(i - 1)).isInstanceOf(CommandSigned.class);
          return ((CommandSigned) events.get(i - 1)).signature();
        }
      }
      throw new AssertionError("no such event in the log");
    }

    /** The registration of a key, as the log has it. */
    KeyRegistered registered(String keyId) {
      return events.stream()
          .filter(e -> e instanceof KeyRegistered k && k.key().value().equals(keyId))
          .map(KeyRegistered.class::cast)
          .findFirst()
          .orElseThrow(() -> new AssertionError("the log registers no key " + keyId));
    }
  }
}
