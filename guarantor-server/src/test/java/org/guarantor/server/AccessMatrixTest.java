package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.RegisteredKey;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgedTotal;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.domain.treaty.Treaty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint, as every party, on ids that belong to others, the event stream included: what a
 * party may see and do is what {@link Access} says, every refusal writes nothing, and no answer or
 * notice names an incident or tasking the party may not see, nor a decline reason it may not read;
 * no answer to the public names a hub (id, name or place) or a pledge. {@link Access} is the
 * oracle; the rules themselves are specified in AccessTest.
 */
class AccessMatrixTest {
  private static final Pattern TASKING = Pattern.compile("TSK-\\d{6}");
  private static final Pattern INCIDENT = Pattern.compile("INC-\\d{6}");

  @TempDir Path data;
  GuarantorServer server;
  Http http;
  Treaty treaty;
  List<Party> parties;
  List<Incident> incidents;
  List<Tasking> taskings;

  /**
   * Decline reasons given in the scene, by decliner: each names a hub and its place, as a real one
   * might, so that an answer that carries one where it should not is a leak of both.
   */
  Map<PartyCode, String> declineReasons = new LinkedHashMap<>();

  int cells;

  @BeforeEach
  void scene() {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());
    ok(http.post("demo-UKR", "/api/v1/reports", Http.report("in", "AIR_ATTACK", 3, 49.99, 36.23)));
    ok(
        http.post(
            "demo-UKR", "/api/v1/reports", Http.report("cy", "CYBER_ATTACK", 2, 50.45, 30.52)));
    ok(
        http.post(
            "demo-UKR", "/api/v1/reports", Http.report("out", "GROUND_INVASION", 4, 44.95, 34.10)));
    treaty = server.engine().state().treaty().orElseThrow();
    parties = treaty.parties();
    incidents = List.copyOf(server.engine().state().incidents());
    taskings = incidents.stream().flatMap(i -> i.taskings().stream()).toList();
    assertThat(taskings).hasSizeGreaterThan(3);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void ok(Http.Response r) {
    assertThat(r.status()).as(r.body()).isBetween(200, 201);
  }

  private static String token(Party p) {
    return token(p.code().value());
  }

  private static String token(String party) {
    return "demo-" + party;
  }

  private long events() {
    return http.get(null, "/health").json().get("events").asLong();
  }

  /**
   * Two guarantors each decline one of their taskings, giving a reason that names a hub and where
   * it is (the leak canary of issue 18: "HUB-PWZ … 52.38N … Powidz" reached the public ledger).
   */
  private void twoGuarantorsDecline() {
    for (Tasking k : taskings) {
      if (declineReasons.size() < 2 && !declineReasons.containsKey(k.guarantor())) {
        String reason = "HUB-PWZ 52.38N Powidz: " + k.guarantor() + " keeps its forces there";
        ok(
            http.post(
                token(k.guarantor().value()),
                "/api/v1/taskings/" + k.id() + "/decline",
                "{\"reason\":\"" + reason + "\"}"));
        declineReasons.put(k.guarantor(), reason);
      }
    }
    assertThat(declineReasons).hasSize(2);
    incidents = List.copyOf(server.engine().state().incidents());
    taskings = incidents.stream().flatMap(i -> i.taskings().stream()).toList();
  }

  @Test
  void every_read_as_every_party_shows_what_access_allows_and_names_nothing_else() {
    twoGuarantorsDecline();
    for (Party p : parties) {
      Actor a = Actor.of(p);
      String t = token(p);
      for (Incident i : incidents) {
        Http.Response r = http.get(t, "/api/v1/incidents/" + i.id());
        Access.View v = Access.incident(a, i, treaty);
        expect(r, v == Access.View.NONE ? 404 : 200, p, "incident " + i.id());
        if (r.status() == 200) {
          assertThat(r.json().get("view").asText()).isEqualTo(v.name());
          if (v == Access.View.SUMMARY) {
            assertThat(r.json().get("location").isNull()).isTrue();
            assertThat(r.json().get("description").isNull()).isTrue();
            assertThat(r.json().get("taskings")).isEmpty();
          }
        }
        noLeak(a, r);
        Http.Response cap = http.get(t, "/api/v1/incidents/" + i.id() + "/cap");
        boolean alerted =
            v != Access.View.NONE
                && i.state() != org.guarantor.domain.incident.IncidentState.AWAITING_CORROBORATION;
        expect(cap, alerted ? 200 : 404, p, "CAP alert of " + i.id());
        noLeak(a, cap);
        if (v == Access.View.SUMMARY) {
          assertThat(cap.body()).doesNotContain("<area>").doesNotContain("<description>");
        }
      }
      Http.Response feed = http.get(t, "/api/v1/cap");
      expect(feed, 200, p, "CAP feed");
      noLeak(a, feed);
      for (Tasking k : taskings) {
        Http.Response request = http.get(t, "/api/v1/taskings/" + k.id() + "/edxl-rm");
        boolean reads = Access.mayReadResourceMessage(a, k, treaty);
        expect(request, reads ? 200 : 404, p, "EDXL-RM request of " + k.id());
        noLeak(a, request);
        Http.Response commit = http.get(t, "/api/v1/taskings/" + k.id() + "/edxl-rm/commit");
        expect(
            commit,
            !reads ? 404 : k.acknowledgedAt() != null ? 200 : 409,
            p,
            "EDXL-RM commitment of " + k.id());
        noLeak(a, commit);
      }
      for (Tasking k : taskings) {
        boolean sees = Access.tasking(a, k, treaty);
        Http.Response r = http.get(t, "/api/v1/taskings/" + k.id());
        expect(r, sees ? 200 : 404, p, "tasking " + k.id());
        noLeak(a, r);
        Http.Response why = http.get(t, "/api/v1/taskings/" + k.id() + "/why");
        expect(why, Access.mayAskWhy(a, k) ? 200 : 404, p, "why " + k.id());
        noLeak(a, why);
      }
      Http.Response list = http.get(t, "/api/v1/taskings");
      expect(list, 200, p, "tasking list");
      Set<String> listed = new LinkedHashSet<>();
      list.json().forEach(x -> listed.add(x.get("id").asText()));
      assertThat(listed)
          .as(p.code() + " lists exactly the taskings it may see")
          .containsExactlyInAnyOrderElementsOf(
              taskings.stream()
                  .filter(k -> Access.tasking(a, k, treaty))
                  .map(k -> k.id().value())
                  .toList());
      Http.Response all = http.get(t, "/api/v1/incidents");
      expect(all, 200, p, "incident list");
      noLeak(a, all);
      for (String path :
          List.of(
              "/api/v1/treaty",
              "/api/v1/me",
              "/api/v1/ledger",
              "/api/v1/ledger.csv",
              "/api/v1/keys",
              "/api/v1/territory",
              "/api/v1/territory/check?lat=50&lon=30",
              "/api/v1/exercise/clock",
              "/api/v1/treaty/versions",
              "/api/v1/treaty/versions/1",
              "/api/v1/treaty/diff?from=1")) {
        Http.Response r = http.get(t, path);
        expect(r, 200, p, path);
        noLeak(a, r);
      }
      // Proposals and certifications are the parties': the public reads adopted versions only.
      for (String path : List.of("/api/v1/amendments", "/api/v1/certifications")) {
        Http.Response r = http.get(t, path);
        boolean may =
            path.endsWith("amendments")
                ? Access.mayReadProposals(a)
                : Access.mayReadCertification(a);
        expect(r, may ? 200 : 403, p, path);
        noLeak(a, r);
      }
      if (!Access.mayReadProposals(a)) {
        Http.Response version = http.get(t, "/api/v1/treaty/versions/1");
        assertThat(version.body())
            .as(p.code() + " reads a version's pledges or hubs")
            .doesNotContain("\"pledges\"")
            .doesNotContain("HUB-");
        cells++;
      }
      Http.Response ledger = http.get(t, "/api/v1/ledger");
      declineReasons.forEach(
          (decliner, reason) -> {
            if (Access.mayReadDeclineReason(a, decliner, treaty)) {
              assertThat(ledger.body())
                  .as(p.code() + " reads why " + decliner + " declined")
                  .contains(reason);
              cells++;
            }
          });
      Http.Response keys = http.get(t, "/api/v1/keys");
      for (JsonNode k : keys.json().get("keys")) {
        RegisteredKey key =
            server.engine().state().keyring().key(new KeyId(k.get("id").asText())).orElseThrow();
        if (Access.mayReadKeyNotes(a, key.party())) {
          assertThat(k.get("label").asText()).isEqualTo(key.label());
        } else {
          assertThat(k.get("label").isNull())
              .as(p.code() + " reads the label of a key of " + key.party() + ": " + k)
              .isTrue();
          assertThat(k.get("revocationReason").isNull()).isTrue();
        }
        cells++;
      }
    }
  }

  @Test
  void the_public_reads_the_treaty_without_hubs_or_pledges_and_the_parties_read_it_whole() {
    for (Party p : parties) {
      Actor a = Actor.of(p);
      Http.Response r = http.get(token(p), "/api/v1/treaty");
      expect(r, 200, p, "treaty");
      JsonNode answer = r.json();
      JsonNode t = answer.get("treaty");
      assertThat(answer.get("view").asText()).isEqualTo(Access.treaty(a).name());
      assertThat(t.get("parties")).hasSize(treaty.parties().size());
      assertThat(t.get("plans")).hasSize(treaty.plans().size());
      assertThat(t.get("territory").get("version").asText())
          .isEqualTo(treaty.territory().version());
      assertThat(t.get("acknowledgementDeadline").asText())
          .isEqualTo(treaty.acknowledgementDeadline().toString());
      List<String> totals = new ArrayList<>();
      answer
          .get("pledged")
          .forEach(
              x ->
                  totals.add(
                      x.get("guarantor").asText()
                          + " "
                          + x.get("capability").asText()
                          + " "
                          + x.at("/quantity/amount").asLong()
                          + " "
                          + x.at("/quantity/unit").asText()));
      assertThat(totals)
          .as(p.code() + " reads what each guarantor pledged")
          .containsExactlyElementsOf(
              PledgedTotal.of(treaty.pledges()).stream()
                  .map(
                      x ->
                          x.guarantor()
                              + " "
                              + x.capability()
                              + " "
                              + x.quantity().amount()
                              + " "
                              + x.quantity().unit())
                  .toList());
      if (Access.treaty(a) == Access.TreatyView.PUBLIC) {
        assertThat(t.has("hubs")).as("hubs in the public view").isFalse();
        assertThat(t.has("pledges")).as("pledges in the public view").isFalse();
      } else {
        assertThat(t.get("hubs")).hasSize(treaty.hubs().size());
        assertThat(t.get("pledges")).hasSize(treaty.pledges().size());
      }
      List<String> inUse = new ArrayList<>();
      answer.path("pledgesInUse").fieldNames().forEachRemaining(inUse::add);
      assertThat(inUse)
          .as(p.code() + " reads how much of these pledges is in use")
          .containsExactlyElementsOf(
              treaty.pledges().stream()
                  .filter(x -> Access.mayReadPledgeUse(a, x))
                  .map(x -> x.id().value())
                  .toList());
      noLeak(a, r);
    }
  }

  @Test
  void every_read_without_a_token_or_with_a_foreign_one_is_refused() {
    List<String> paths = new ArrayList<>();
    paths.addAll(
        List.of(
            "/api/v1/incidents",
            "/api/v1/taskings",
            "/api/v1/treaty",
            "/api/v1/me",
            "/api/v1/ledger",
            "/api/v1/ledger.csv",
            "/api/v1/keys",
            "/api/v1/territory",
            "/api/v1/exercise/clock",
            "/api/v1/treaty/versions",
            "/api/v1/treaty/versions/1",
            "/api/v1/treaty/diff?from=1",
            "/api/v1/amendments",
            "/api/v1/certifications",
            "/api/v1/cap"));
    incidents.forEach(i -> paths.add("/api/v1/incidents/" + i.id()));
    incidents.forEach(i -> paths.add("/api/v1/incidents/" + i.id() + "/cap"));
    taskings.forEach(k -> paths.add("/api/v1/taskings/" + k.id() + "/edxl-rm"));
    taskings.forEach(k -> paths.add("/api/v1/taskings/" + k.id() + "/edxl-rm/commit"));
    taskings.forEach(k -> paths.add("/api/v1/taskings/" + k.id()));
    taskings.forEach(k -> paths.add("/api/v1/taskings/" + k.id() + "/why"));
    for (String path : paths) {
      // HEAD would say 200 for a route it never ran: it is refused on the API for anyone.
      assertThat(http.unsigned(null, "HEAD", path, null).status())
          .as("HEAD " + path)
          .isEqualTo(405);
      assertThat(http.unsigned("demo-SEC", "HEAD", path, null).status()).isEqualTo(405);
      for (String bad : new String[] {null, "demo-XYZ", "demo-", "not-a-token", "demo-ukr"}) {
        Http.Response r = http.get(bad, path);
        expect(r, 401, null, path + " with " + bad);
        assertThat(r.body()).doesNotContain("TSK-").doesNotContain("\"INC-");
      }
    }
  }

  @Test
  void every_command_as_every_party_on_what_is_not_its_own_is_refused_and_writes_nothing() {
    long before = events();
    for (Party p : parties) {
      Actor a = Actor.of(p);
      String t = token(p);
      for (Tasking k : taskings) {
        if (Access.mayActOn(a, k)) {
          continue;
        }
        int expected = Access.tasking(a, k, treaty) ? 403 : 404;
        for (String verb : List.of("acknowledge", "mobilising", "delivered")) {
          expect(
              http.post(t, "/api/v1/taskings/" + k.id() + "/" + verb, "{}"),
              expected,
              p,
              verb + " " + k.id());
        }
        expect(
            http.post(t, "/api/v1/taskings/" + k.id() + "/decline", "{\"reason\":\"x\"}"),
            expected,
            p,
            "decline " + k.id());
      }
      for (Incident i : incidents) {
        boolean sees = Access.incident(a, i, treaty) != Access.View.NONE;
        if (!Access.mayClose(a, treaty)) {
          for (String verb : List.of("resolve", "stand-down")) {
            expect(
                http.post(t, "/api/v1/incidents/" + i.id() + "/" + verb, "{}"),
                sees ? 403 : 404,
                p,
                verb + " " + i.id());
          }
        }
        if (!Access.mayReplan(a)) {
          expect(
              http.post(t, "/api/v1/incidents/" + i.id() + "/replan", "{}"),
              sees ? 403 : 404,
              p,
              "replan " + i.id());
        }
      }
      if (!Access.mayReport(a, treaty)) {
        expect(
            http.post(t, "/api/v1/reports", Http.report("x-" + p.code(), "SABOTAGE", 2, 50, 30)),
            403,
            p,
            "report");
      }
      if (!Access.mayAdministrate(a)) {
        expect(
            http.post(t, "/api/v1/ledger/POL/reinstate", "{\"note\":\"x\"}"), 403, p, "reinstate");
      }
      if (!Access.mayCertify(a)) {
        expect(
            http.post(
                t,
                "/api/v1/pledges/POL-01/certify",
                "{\"inspectedOn\":\"2026-01-01\",\"validUntil\":\"2099-01-01T00:00:00Z\","
                    + "\"evidence\":\"x\"}"),
            403,
            p,
            "certify");
      }
      if (!Access.mayPropose(a, treaty)) {
        expect(
            http.post(
                t,
                "/api/v1/amendments",
                "{\"title\":\"x\",\"amendment\":{\"acknowledgementDeadline\":\"PT2H\"}}"),
            403,
            p,
            "propose");
      }
      // Key changes need the party's root key, not an officer's: 403 whatever the target.
      expect(
          http.post(
              t, "/api/v1/keys", "{\"publicKey\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"),
          403,
          p,
          "register a key");
      for (var other : server.engine().state().keyring().keys()) {
        if (!other.party().equals(p.code())) {
          int status = http.post(t, "/api/v1/keys/" + other.id() + "/revoke", "{}").status();
          assertThat(status).as(p.code() + " revokes a key of " + other.party()).isEqualTo(403);
          cells++;
        }
      }
      // A live server moves no clock, for anyone.
      expect(http.post(t, "/api/v1/exercise/clock", "{\"advance\":\"PT1H\"}"), 409, p, "clock");
    }
    assertThat(events()).as("refused commands write nothing").isEqualTo(before);
    assertThat(cells).isGreaterThan(500);
  }

  @Test
  void every_command_unsigned_or_signed_by_a_stranger_is_refused_and_writes_nothing() {
    long before = events();
    List<String> paths = new ArrayList<>(List.of("/api/v1/reports", "/api/v1/keys"));
    incidents.forEach(
        i ->
            List.of("resolve", "stand-down", "corroborate", "replan")
                .forEach(v -> paths.add("/api/v1/incidents/" + i.id() + "/" + v)));
    taskings.forEach(
        k ->
            List.of("acknowledge", "decline", "mobilising", "delivered")
                .forEach(v -> paths.add("/api/v1/taskings/" + k.id() + "/" + v)));
    for (String path : paths) {
      for (Party p : parties) {
        // The party's bearer token, but no signature: reads may use a token, commands may not.
        Http.Response r = http.unsigned(token(p), "POST", path, "{}");
        expect(r, 401, p, "unsigned " + path);
        assertThat(r.json().at("/errors/0/type").asText()).isEqualTo("SIGNATURE_REQUIRED");
      }
    }
    assertThat(events()).isEqualTo(before);
  }

  @Test
  void the_event_stream_tells_each_party_of_nothing_it_may_not_see() throws Exception {
    // The guarantor who owns a tasking acknowledges it, another declines one: more to hear.
    Tasking first = taskings.get(0);
    ok(
        http.post(
            "demo-" + first.guarantor(), "/api/v1/taskings/" + first.id() + "/acknowledge", "{}"));
    twoGuarantorsDecline();
    long last = events();
    for (Party p : parties) {
      Actor a = Actor.of(p);
      List<String> notices = replay(token(p), last);
      for (String n : notices) {
        noDeclineReason(a, n);
        noHubOrPledgeForThePublic(a, n);
        JsonNode notice = Http.JSON.readTree(n);
        assertThat(notice.get("type").asText())
            .as("the signature record is never sent")
            .isNotEqualTo("CommandSigned");
        String incident = notice.path("incident").asText(null);
        if (incident != null) {
          Incident i = incident(incident);
          assertThat(Access.incident(a, i, treaty))
              .as(p.code() + " hears of " + incident)
              .isNotEqualTo(Access.View.NONE);
        }
        String tasking = notice.path("tasking").asText(null);
        if (tasking != null) {
          Tasking k =
              taskings.stream()
                  .filter(x -> x.id().value().equals(tasking))
                  .findFirst()
                  .orElseThrow();
          assertThat(Access.tasking(a, k, treaty)).as(p.code() + " hears of " + tasking).isTrue();
        }
        cells++;
      }
      if (a.role() == Role.SECRETARIAT) {
        assertThat(notices).as("the secretariat hears of every tasking").isNotEmpty();
      }
    }
  }

  /** The notices a party gets when it asks for the whole log again, up to {@code last}. */
  private List<String> replay(String token, long last) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + server.port() + "/api/v1/events?access_token=" + token))
            .header("Accept", "text/event-stream")
            .header("Last-Event-ID", "0")
            .timeout(Duration.ofSeconds(20))
            .build();
    HttpResponse<Stream<String>> r =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> data = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    try (Stream<String> lines = r.body()) {
      var it = lines.iterator();
      while (System.nanoTime() < deadline && it.hasNext()) {
        String line = it.next();
        if (line.startsWith("data:")) {
          data.add(line.substring(5).trim());
        } else if (line.startsWith(":") && line.contains("connected as")) {
          break;
        }
      }
    }
    return data;
  }

  private Incident incident(String id) {
    return incidents.stream().filter(i -> i.id().value().equals(id)).findFirst().orElseThrow();
  }

  /**
   * No incident or tasking id in the answer that the party may not see. A refusal may name only
   * what the request itself named.
   */
  private void noLeak(Actor a, Http.Response r) {
    noDeclineReason(a, r.body());
    noHubOrPledgeForThePublic(a, r.body());
    if (r.status() >= 400) {
      String path = r.raw().uri().getPath();
      Matcher m = Pattern.compile("(TSK|INC)-\\d{6}").matcher(r.body());
      while (m.find()) {
        assertThat(path).as(a.party() + " is told of " + m.group()).contains(m.group());
      }
      return;
    }
    Matcher m = TASKING.matcher(r.body());
    while (m.find()) {
      String id = m.group();
      Tasking k = taskings.stream().filter(x -> x.id().value().equals(id)).findFirst().orElse(null);
      assertThat(k != null && Access.tasking(a, k, treaty))
          .as(a.party() + " is told of " + id + " in " + r.body())
          .isTrue();
    }
    m = INCIDENT.matcher(r.body());
    while (m.find()) {
      Incident i = incident(m.group());
      assertThat(Access.incident(a, i, treaty))
          .as(a.party() + " is told of " + m.group())
          .isNotEqualTo(Access.View.NONE);
    }
  }

  /** No decline reason the party may not read. */
  private void noDeclineReason(Actor a, String body) {
    declineReasons.forEach(
        (decliner, reason) -> {
          if (!Access.mayReadDeclineReason(a, decliner, treaty)) {
            assertThat(body)
                .as(a.party() + " reads why " + decliner + " declined")
                .doesNotContain(reason);
          }
        });
  }

  /**
   * For the public, no hub (id, name, latitude or longitude as a number of its own) and no pledge
   * id.
   */
  private void noHubOrPledgeForThePublic(Actor a, String body) {
    if (Access.treaty(a) != Access.TreatyView.PUBLIC) {
      return;
    }
    for (Hub hub : treaty.hubs()) {
      assertThat(body)
          .as("the public is told of " + hub.id())
          .doesNotContain(hub.id().value())
          .doesNotContain(hub.name())
          .doesNotContainPattern(number(hub.lat()))
          .doesNotContainPattern(number(hub.lon()));
    }
    for (Pledge pledge : treaty.pledges()) {
      assertThat(body)
          .as("the public is told of pledge " + pledge.id())
          .doesNotContainPattern("\\b" + Pattern.quote(pledge.id().value()) + "\\b");
    }
  }

  /** A coordinate as a number of its own, not a run of digits inside a longer one. */
  private static Pattern number(double coordinate) {
    return Pattern.compile(
        "(?<![0-9.])" + Pattern.quote(Double.toString(coordinate)) + "(?![0-9])");
  }

  private void expect(Http.Response r, int status, Party p, String what) {
    assertThat(r.status())
        .as((p == null ? "anyone" : p.code()) + ": " + what + " → " + r.body())
        .isEqualTo(status);
    if (status >= 400) {
      assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    }
    cells++;
  }
}
