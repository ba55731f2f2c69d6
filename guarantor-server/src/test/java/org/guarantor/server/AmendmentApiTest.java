package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.signing.SigningKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state accedes to the bundled treaty over HTTP, end to end: the secretariat files the
 * application, the parties vote under the treaty's rule (a two-thirds majority of guarantors and
 * the protected state's consent), the new version takes effect, the new guarantor registers an
 * officer key with the root key it acceded with, appears in the ledger with no record, is not
 * tasked until the secretariat certifies its pledge, and then is tasked and acknowledges.
 */
class AmendmentApiTest {
  static final PartyCode NOR = PartyCode.of("NOR");
  static final List<String> GUARANTORS =
      List.of("GBR", "USA", "FRA", "TUR", "DEU", "CAN", "ITA", "POL", "ISR");

  @TempDir Path data;
  GuarantorServer server;
  Http http;
  final SigningKey norRoot = SigningKey.generate(NOR, KeyRole.ROOT, "root");
  final SigningKey norDesk = SigningKey.generate(NOR, KeyRole.OFFICER, "desk");

  @BeforeEach
  void start() {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      Audits.assertAccountedFor(data);
    }
  }

  private String accession() {
    return """
        {"title": "Accession of Norway",
         "amendment": {
           "accessions": [{"code": "NOR", "name": "Norway", "rootKeys": ["%s"]}],
           "hubs": [{"id": "HUB-RYG", "name": "Rygge air station", "country": "NOR",
                     "lat": 59.379, "lon": 10.786}],
           "pledges": [{"id": "NOR-01", "guarantor": "NOR", "capability": "INTELLIGENCE",
                        "quantity": {"amount": 10, "unit": "FEEDS"}, "readiness": "PT1H",
                        "hub": "HUB-RYG",
                        "transport": {"mode": "NONE", "speedKmh": 0, "handling": "PT0S"}}]}}
        """
        .formatted(norRoot.publicKey().x());
  }

  private JsonNode vote(String party, boolean approve) {
    Http.Response r =
        http.post(
            "demo-" + party, "/api/v1/amendments/AMD-000001/vote", "{\"approve\":" + approve + "}");
    assertThat(r.status()).as(party + ": " + r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void a_state_accedes_is_certified_and_is_tasked() {
    Http.Response filed = http.post("demo-SEC", "/api/v1/amendments", accession());
    assertThat(filed.status()).as(filed.body()).isEqualTo(201);
    assertThat(filed.raw().headers().firstValue("Location"))
        .contains("/api/v1/amendments/AMD-000001");
    JsonNode p = filed.json();
    assertThat(p.get("status").asText()).isEqualTo("PENDING");
    assertThat(p.get("approvalsNeeded").asInt()).as("ceil(0.67 × 9)").isEqualTo(7);
    assertThat(p.get("awaiting")).hasSize(10);
    assertThat(p.get("mayVote").asBoolean())
        .as("the secretariat counts, it does not vote")
        .isFalse();

    JsonNode pending = http.get("demo-POL", "/api/v1/amendments?status=PENDING").json();
    assertThat(pending.get("items")).hasSize(1);
    assertThat(pending.get("items").get(0).get("mayVote").asBoolean()).isTrue();
    assertThat(http.get("demo-OBS", "/api/v1/amendments").status()).isEqualTo(403);

    for (String g : GUARANTORS.subList(0, 7)) {
      assertThat(vote(g, true).get("status").asText()).isEqualTo("PENDING");
    }
    vote("ISR", false);
    JsonNode adopted = vote("UKR", true);
    assertThat(adopted.get("status").asText()).isEqualTo("ADOPTED");
    assertThat(adopted.get("adoptedVersion").asInt()).isEqualTo(2);

    JsonNode versions = http.get("demo-POL", "/api/v1/treaty/versions").json();
    assertThat(versions.get("inForce").asInt()).isEqualTo(2);
    assertThat(versions.get("items").get(1).get("amendment").asText()).isEqualTo("AMD-000001");
    JsonNode diff = http.get("demo-POL", "/api/v1/treaty/diff?from=1&to=2").json();
    List<String> paths = new ArrayList<>();
    diff.get("changes")
        .forEach(c -> paths.add(c.get("kind").asText() + " " + c.get("path").asText()));
    assertThat(paths)
        .containsExactlyInAnyOrder(
            "added /parties/NOR", "added /hubs/HUB-RYG", "added /pledges/NOR-01");

    // Norway signs with the root key it acceded with, and registers an officer key with it.
    http.signAs("NOR", norRoot);
    Http.Response key =
        http.post(
            "demo-NOR",
            "/api/v1/keys",
            "{\"publicKey\":\"" + norDesk.publicKey().x() + "\",\"role\":\"OFFICER\"}");
    assertThat(key.status()).as(key.body()).isEqualTo(201);
    http.signAs("NOR", norDesk);

    JsonNode ledger = http.get("demo-NOR", "/api/v1/ledger").json();
    JsonNode nor = find(ledger.get("guarantors"), "guarantor", "NOR");
    assertThat(nor.get("hasRecord").asBoolean()).isFalse();
    assertThat(nor.get("received").asInt()).isZero();

    JsonNode certs = http.get("demo-NOR", "/api/v1/certifications?guarantor=NOR").json();
    assertThat(certs.get("required").asBoolean()).isTrue();
    assertThat(certs.get("items").get(0).get("status").asText()).isEqualTo("UNCERTIFIED");
    assertThat(certs.get("items").get(0).get("counts").asBoolean()).isFalse();

    // Uncertified, Norway's feeds are passed over, and why says so.
    String first = report("before-cert");
    JsonNode why = http.get("demo-SEC", "/api/v1/taskings/" + first + "/why").json();
    assertThat(why.toString()).contains("NOR-01").contains("NOT_CERTIFIED");

    Http.Response refused =
        http.post(
            "demo-POL",
            "/api/v1/pledges/NOR-01/certify",
            "{\"inspectedOn\":\"2026-01-10\",\"validUntil\":\"2099-01-01T00:00:00Z\","
                + "\"evidence\":\"INSP-NOR-01\"}");
    assertThat(refused.status()).isEqualTo(403);
    Http.Response certified =
        http.post(
            "demo-SEC",
            "/api/v1/pledges/NOR-01/certify",
            "{\"inspectedOn\":\"2026-01-10\",\"validUntil\":\"2099-01-01T00:00:00Z\","
                + "\"evidence\":\"INSP-NOR-01\"}");
    assertThat(certified.status()).as(certified.body()).isEqualTo(200);
    assertThat(certified.json().get("status").asText()).isEqualTo("CERTIFIED");
    assertThat(certified.json().get("counts").asBoolean()).isTrue();

    // Certified, Norway is tasked once the faster-placed feeds are in use (at most 9 calls).
    String norTasking = null;
    for (int i = 0; i < 12 && norTasking == null; i++) {
      Http.Response r =
          http.post(
              "demo-UKR",
              "/api/v1/reports",
              Http.report("after-" + i, "AIR_ATTACK", 3, ApiTest.KHARKIV[0], ApiTest.KHARKIV[1]));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      for (JsonNode t : r.json().get("taskings")) {
        if (t.get("guarantor").asText().equals("NOR")) {
          norTasking = t.get("id").asText();
        }
      }
    }
    assertThat(norTasking).as("Norway tasked").isNotNull();
    Http.Response ack =
        http.post("demo-NOR", "/api/v1/taskings/" + norTasking + "/acknowledge", "{}");
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);

    // A restart replays every amendment, vote, adoption and certification from the log alone.
    server.close();
    server =
        GuarantorServer.start(
            ServerConfig.local(0, data).withSnapshots(org.guarantor.engine.SnapshotPolicy.off()));
    http = new Http(server.port());
    assertThat(http.get("demo-NOR", "/api/v1/treaty/versions").json().get("inForce").asInt())
        .isEqualTo(2);
    assertThat(http.get("demo-POL", "/api/v1/amendments/AMD-000001").json().get("status").asText())
        .isEqualTo("ADOPTED");
    JsonNode again = http.get("demo-NOR", "/api/v1/certifications?guarantor=NOR").json();
    assertThat(again.get("items").get(0).get("status").asText()).isEqualTo("CERTIFIED");
  }

  @Test
  void a_bad_amendment_is_refused_with_the_pointer_of_each_problem() {
    Http.Response r =
        http.post(
            "demo-SEC",
            "/api/v1/amendments",
            """
            {"title": "Bad", "amendment": {"withdrawPledges": ["NO-SUCH"],
             "pledges": [{"id": "POL-01", "guarantor": "POL", "capability": "INTELLIGENCE",
                          "quantity": {"amount": 1, "unit": "FEEDS"}, "readiness": "PT1H",
                          "hub": "HUB-RZE"}]}}
            """);
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.body())
        .contains("/amendment/pledges/0/id")
        .contains("/amendment/withdrawPledges/0")
        .doesNotContain("org.guarantor");

    Http.Response shape =
        http.post(
            "demo-SEC",
            "/api/v1/amendments",
            "{\"title\":\"x\",\"amendment\":{\"pledges\":[{\"id\":\"X\",\"capability\":\"lasers\"}]}}");
    assertThat(shape.status()).as(shape.body()).isEqualTo(422);
    assertThat(shape.body())
        .contains("/amendment/pledges/0/capability")
        .doesNotContain("org.guarantor");

    Http.Response unknown =
        http.post(
            "demo-SEC", "/api/v1/amendments", "{\"title\":\"x\",\"amendment\":{\"colour\":1}}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.body()).contains("/amendment/colour").contains("unknown field colour");
  }

  @Test
  void a_proposal_fails_when_the_protected_state_withholds_consent() {
    assertThat(http.post("demo-SEC", "/api/v1/amendments", accession()).status()).isEqualTo(201);
    JsonNode p = vote("UKR", false);
    assertThat(p.get("status").asText()).isEqualTo("REJECTED");
    assertThat(p.get("decision").asText()).isEqualTo("the protected state did not consent");
    Http.Response late =
        http.post("demo-POL", "/api/v1/amendments/AMD-000001/vote", "{\"approve\":true}");
    assertThat(late.status()).isEqualTo(409);
    assertThat(http.get("demo-POL", "/api/v1/treaty/versions").json().get("items")).hasSize(1);
  }

  private String report(String key) {
    Http.Response r =
        http.post(
            "demo-UKR",
            "/api/v1/reports",
            Http.report(key, "AIR_ATTACK", 3, ApiTest.KHARKIV[0], ApiTest.KHARKIV[1]));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    for (JsonNode t : r.json().get("taskings")) {
      if (t.get("capability").asText().equals("INTELLIGENCE")) {
        return t.get("id").asText();
      }
    }
    throw new AssertionError("no intelligence tasking in " + r.body());
  }

  private static JsonNode find(JsonNode items, String field, String value) {
    for (JsonNode n : items) {
      if (n.get(field).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError(value + " not in " + items);
  }
}
