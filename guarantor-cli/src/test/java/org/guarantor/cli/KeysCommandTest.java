package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.engine.codec.Json;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.RequestSigner;
import org.guarantor.signing.SigningKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guarantor keys} as a party's key custodian uses it against a demonstration server, whose
 * root and officer keys are in {@code <data>/demo-keys}. One server for the class: each test makes
 * its own keys, so none depends on another's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeysCommandTest {
  /** The server's data folder, with its demonstration keys. */
  Path data;

  /** Each test's own key files. */
  @TempDir Path mine;

  GuarantorServer server;

  @BeforeAll
  void start(@TempDir Path folder) {
    data = folder;
    server = GuarantorServer.start(ServerConfig.local(0, data));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private String at() {
    return "--server=http://127.0.0.1:" + server.port();
  }

  private String demo(String file) {
    return data.resolve("demo-keys").resolve(file).toString();
  }

  private CliRun keys(String... args) {
    List<String> all = new ArrayList<>(List.of("keys"));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  /** A new key file of {@code party} in a folder of the test's own, made with keys new. */
  private Path newKey(String party, String name) {
    Path file = mine.resolve(name + ".jwk");
    CliRun r = keys("new", "--party=" + party, "--label=" + name, "--out=" + file);
    assertThat(r.exit()).as(r.err()).isZero();
    return file;
  }

  private CliRun reportAs(Path key) {
    return CliRun.of(
        "report",
        at(),
        "--key=" + key,
        "--type=SABOTAGE",
        "--severity=1",
        "--lat=50.45",
        "--lon=30.52");
  }

  @Test
  void keys_new_writes_a_private_file_for_its_owner_only_and_its_public_half_beside_it()
      throws Exception {
    Path file = mine.resolve("pol-desk.jwk");

    CliRun r = keys("new", "--party=POL", "--label=desk 1", "--out=" + file);

    assertThat(r.exit()).as(r.err()).isZero();
    SigningKey key = KeyFiles.readPrivate(file);
    assertThat(key.party()).isEqualTo(PartyCode.of("POL"));
    assertThat(key.role()).isEqualTo(KeyRole.OFFICER);
    assertThat(key.label()).isEqualTo("desk 1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    KeyFiles.PublicJwk pub = KeyFiles.readPublic(mine.resolve("pol-desk.pub.jwk"));
    assertThat(pub.key()).isEqualTo(key.publicKey());
    assertThat(Files.readString(mine.resolve("pol-desk.pub.jwk"))).doesNotContain("\"d\"");
    assertThat(r.out()).contains("made POL OFFICER key " + key.id());

    String before = Files.readString(file);
    CliRun again = keys("new", "--party=POL", "--out=" + file);
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("exists: a key file is never overwritten");
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void a_key_registered_by_the_root_acts_until_the_root_revokes_it() {
    Path key = newKey("UKR", "ukr-second-desk");
    String id = KeyFiles.readPrivate(key).id().value();

    CliRun registered =
        keys(
            "register",
            at(),
            "--root-key=" + demo("UKR.root.jwk"),
            "--public=" + mine.resolve("ukr-second-desk.pub.jwk"));
    assertThat(registered.exit()).as(registered.err()).isZero();
    assertThat(registered.out())
        .isEqualTo("registered UKR OFFICER key " + id + " \"ukr-second-desk\"\n");
    CliRun acted = reportAs(key);
    assertThat(acted.exit()).as(acted.err()).isZero();
    assertThat(acted.out()).contains("by UKR");

    // the short id that keys list shows is enough to name it
    CliRun revoked =
        keys(
            "revoke",
            at(),
            "--key=" + demo("UKR.root.jwk"),
            id.substring(0, 10),
            "--reason=laptop lost");
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    assertThat(revoked.out())
        .startsWith("revoked UKR OFFICER key " + id)
        .endsWith(": laptop lost\n");

    CliRun refused = reportAs(key);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("refused (HTTP 401 Unauthenticated)")
        .contains("key " + id + " of UKR was revoked at");
    CliRun read = CliRun.of("taskings", at(), "--key=" + key);
    assertThat(read.exit()).isEqualTo(1);
    assertThat(read.err()).startsWith("sign-in refused (HTTP 401").contains("was revoked at");
  }

  @Test
  void an_officer_key_revokes_itself() {
    Path key = newKey("GBR", "gbr-spare");
    String id = KeyFiles.readPrivate(key).id().value();
    CliRun registered =
        keys(
            "register",
            at(),
            "--root-key=" + demo("GBR.root.jwk"),
            "--public-key=" + KeyFiles.readPrivate(key).publicKey().x(),
            "--label=spare");
    assertThat(registered.exit()).as(registered.err()).isZero();

    CliRun revoked = keys("revoke", at(), "--key=" + key, id);

    assertThat(revoked.exit()).as(revoked.err()).isZero();
    assertThat(revoked.out()).startsWith("revoked GBR OFFICER key " + id + " \"spare\" at ");
  }

  @Test
  void an_officer_key_cannot_register_a_key() {
    newKey("POL", "pol-by-officer");

    CliRun r =
        keys(
            "register",
            at(),
            "--root-key=" + demo("POL.jwk"),
            "--public=" + mine.resolve("pol-by-officer.pub.jwk"));
    CliRun json =
        keys(
            "register",
            at(),
            "--json",
            "--root-key=" + demo("POL.jwk"),
            "--public=" + mine.resolve("pol-by-officer.pub.jwk"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("refused (HTTP 403 Forbidden)").contains("is an officer key");
    assertThat(json.exit()).isEqualTo(1);
    assertThat(json.err()).startsWith("HTTP 403: ").contains("\"KEY_ROLE\"");
  }

  @Test
  void a_root_registers_keys_of_its_own_party_only() {
    newKey("POL", "pol-for-ukr-root");

    CliRun r =
        keys(
            "register",
            at(),
            "--root-key=" + demo("UKR.root.jwk"),
            "--public=" + mine.resolve("pol-for-ukr-root.pub.jwk"));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("is a key of POL, the root key one of UKR");
  }

  @Test
  void an_enrolment_code_offered_by_the_root_enrols_one_key() throws Exception {
    CliRun shown =
        keys("enrol-code", at(), "--root-key=" + demo("POL.root.jwk"), "--label=desk laptop");
    assertThat(shown.exit()).as(shown.err()).isZero();
    assertThat(shown.out())
        .startsWith("one-time enrolment code for POL (desk laptop), good until ")
        .containsPattern("\n    [A-Za-z0-9_-]{22}\n");

    CliRun r =
        keys("enrol-code", at(), "--json", "--root-key=" + demo("POL.root.jwk"), "--valid=PT5M");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode offer = Json.mapper().readTree(r.out());
    String code = offer.get("code").asText();
    assertThat(offer.get("codeHash").asText()).isEqualTo(PublicKey.sha256(code));
    assertThat(offer.get("party").asText()).isEqualTo("POL");

    // the code is real: a new key enrols with it, signing for itself, once
    SigningKey browser = SigningKey.generate(PartyCode.of("POL"), KeyRole.OFFICER, "browser");
    assertThat(enrol(browser, code).statusCode()).isEqualTo(201);
    SigningKey another = SigningKey.generate(PartyCode.of("POL"), KeyRole.OFFICER, "another");
    assertThat(enrol(another, code).body()).contains("the code was used already");

    CliRun tooLong = keys("enrol-code", at(), "--root-key=" + demo("POL.root.jwk"), "--valid=P8D");
    assertThat(tooLong.exit()).isEqualTo(2);
    assertThat(tooLong.err()).contains("at most P7D");
  }

  @Test
  void keys_list_shows_every_key_with_its_party_role_and_state() throws Exception {
    Path key = newKey("ITA", "ita-listed");
    String id = KeyFiles.readPrivate(key).id().value();
    keys(
        "register",
        at(),
        "--root-key=" + demo("ITA.root.jwk"),
        "--public=" + mine.resolve("ita-listed.pub.jwk"));
    keys("revoke", at(), "--key=" + demo("ITA.root.jwk"), id, "--reason=test over");

    CliRun r = keys("list", at(), "--key=" + demo("SEC.jwk"));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("PARTY  ID          ROLE     LABEL")
        .containsPattern("(?m)^ITA +" + id.substring(0, 10) + " +OFFICER +ita-listed +\\S+ \\S+ +")
        .contains("(test over)")
        .containsPattern("(?m)^UKR +\\S{10} +ROOT ")
        .containsPattern("(?m)^UKR +\\S{10} +OFFICER +demo officer ")
        .endsWith("this log proves nothing about who did what)\n");
    JsonNode json = Json.mapper().readTree(keys("list", at(), "--token=demo-OBS", "--json").out());
    assertThat(json.get("demo").asBoolean()).isTrue();
    assertThat(json.get("keys").findValuesAsText("id")).contains(id);
  }

  @Test
  void a_change_without_a_key_exits_2_naming_key() {
    CliRun revoke = keys("revoke", at(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assertThat(revoke.exit()).isEqualTo(2);
    assertThat(revoke.err()).contains("guarantor keys revoke changes state").contains("--key FILE");

    CliRun list = keys("list", at());
    assertThat(list.exit()).isEqualTo(2);
    assertThat(list.err()).startsWith("no key: pass --key FILE");

    CliRun register = keys("register", at(), "--public-key=x");
    assertThat(register.exit()).isEqualTo(2);
    assertThat(register.err()).contains("--root-key");
  }

  @Test
  void a_keyring_of_new_roots_is_adopted_by_a_new_server_whose_roots_then_act(@TempDir Path other)
      throws Exception {
    Path ukrRoot = mine.resolve("ukr-root.jwk");
    Path secRoot = mine.resolve("sec-root.jwk");
    keys("new", "--party=UKR", "--role=ROOT", "--out=" + ukrRoot);
    keys("new", "--party=SEC", "--role=ROOT", "--out=" + secRoot);
    Path officer = newKey("UKR", "ukr-real");
    Path keyring = mine.resolve("keyring.json");

    CliRun notRoot = keys("keyring", "--out=" + keyring, ukrRoot.toString(), officer.toString());
    assertThat(notRoot.exit()).isEqualTo(2);
    assertThat(notRoot.err()).contains("not a root key");
    assertThat(keyring).doesNotExist();

    CliRun r =
        keys(
            "keyring",
            "--out=" + keyring,
            ukrRoot.toString(),
            mine.resolve("sec-root.pub.jwk").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("wrote " + keyring + ": 2 root keys of SEC, UKR");
    KeyFiles.Keyring read = KeyFiles.readKeyring(keyring);
    assertThat(read.demo()).isFalse();
    assertThat(Files.readString(keyring)).doesNotContain("\"d\"");

    try (GuarantorServer real =
        GuarantorServer.start(ServerConfig.local(0, other).withKeyring(keyring))) {
      String there = "--server=http://127.0.0.1:" + real.port();
      CliRun registered =
          keys(
              "register",
              there,
              "--root-key=" + ukrRoot,
              "--public=" + mine.resolve("ukr-real.pub.jwk"));
      assertThat(registered.exit()).as(registered.err()).isZero();
      CliRun acted =
          CliRun.of(
              "report",
              there,
              "--key=" + officer,
              "--type=SABOTAGE",
              "--severity=1",
              "--lat=50.45",
              "--lon=30.52");
      assertThat(acted.exit()).as(acted.err()).isZero();
      // no demonstration tokens on a real keyring
      CliRun demoToken = CliRun.of("incidents", there, "--token=demo-SEC");
      assertThat(demoToken.exit()).isEqualTo(1);
    }
  }

  private HttpResponse<String> enrol(SigningKey key, String code) throws Exception {
    String log =
        Json.mapper()
            .readTree(
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.port() + "/health"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .get("log")
            .asText();
    String body =
        Json.mapper()
            .createObjectNode()
            .put("code", code)
            .put("publicKey", key.publicKey().x())
            .put("label", key.label())
            .toString();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/v1/keys/enrol"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    new RequestSigner(key, log).headers("POST", "/api/v1/keys/enrol", body).forEach(b::header);
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
