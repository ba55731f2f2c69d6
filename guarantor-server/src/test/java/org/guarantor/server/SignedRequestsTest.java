package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.RequestSigner;
import org.guarantor.signing.SignedRequest;
import org.guarantor.signing.SigningKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed requests as the server receives them: each way a signature can be wrong is refused with
 * 401 or 403 saying which, and writes nothing; sign-in by challenge gives a session for reads that
 * ends with its key.
 */
class SignedRequestsTest {
  @TempDir Path data;
  GuarantorServer server;
  String base;
  String log;
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    base = "http://127.0.0.1:" + server.port();
    log = get(null, "/health").json().get("log").asText();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SigningKey key(String file) {
    return KeyFiles.readPrivate(data.resolve("demo-keys").resolve(file));
  }

  private static String report(String key) {
    return "{\"key\":\""
        + key
        + "\",\"type\":\"AIR_ATTACK\",\"severity\":3,\"location\":{\"lat\":49.99,\"lon\":36.23},"
        + "\"observedAt\":\"2026-11-28T05:00:00Z\"}";
  }

  private Http.Response post(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Http.Response(r.statusCode(), r.body(), r);
  }

  private Http.Response get(String token, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Http.Response(r.statusCode(), r.body(), r);
  }

  private long events() throws Exception {
    return get(null, "/health").json().get("events").asLong();
  }

  private static void refused(Http.Response r, int status, String type, String header) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    assertThat(r.json().at("/errors/0/type").asText()).isEqualTo(type);
    if (header != null) {
      assertThat(r.json().at("/errors/0/path").asText()).isEqualTo("/headers/" + header);
    }
  }

  @Test
  void a_signed_request_is_accepted_once_and_its_replay_is_refused() throws Exception {
    RequestSigner ukr = new RequestSigner(key("UKR.jwk"), log);
    String body = report("once");
    Map<String, String> h = ukr.headers("POST", "/api/v1/reports", body);
    assertThat(post("/api/v1/reports", body, h).status()).isEqualTo(201);
    long before = events();
    refused(post("/api/v1/reports", body, h), 401, "NONCE_REPLAYED", SignedRequest.NONCE);
    assertThat(events()).isEqualTo(before);
  }

  @Test
  void a_signature_made_more_than_five_minutes_away_from_the_servers_clock_is_refused()
      throws Exception {
    Clock early = Clock.fixed(Instant.now().minus(Duration.ofMinutes(6)), ZoneOffset.UTC);
    RequestSigner ukr = new RequestSigner(key("UKR.jwk"), log, early);
    String body = report("late");
    refused(
        post("/api/v1/reports", body, ukr.headers("POST", "/api/v1/reports", body)),
        401,
        "SIGNATURE_TIME",
        SignedRequest.SIGNED_AT);
  }

  @Test
  void a_key_of_another_party_is_403_and_an_unknown_key_401() throws Exception {
    String body = report("other");
    Map<String, String> h =
        new LinkedHashMap<>(
            new RequestSigner(key("GBR.jwk"), log).headers("POST", "/api/v1/reports", body));
    h.put(SignedRequest.PARTY, "UKR");
    refused(post("/api/v1/reports", body, h), 403, "KEY_OF_ANOTHER_PARTY", SignedRequest.KEY);

    SigningKey stranger =
        SigningKey.generate(
            org.guarantor.domain.party.PartyCode.of("UKR"),
            org.guarantor.domain.keys.KeyRole.OFFICER,
            "");
    refused(
        post(
            "/api/v1/reports",
            body,
            new RequestSigner(stranger, log).headers("POST", "/api/v1/reports", body)),
        401,
        "KEY_UNKNOWN",
        SignedRequest.KEY);
  }

  @Test
  void a_body_changed_after_signing_or_a_signature_for_another_log_does_not_verify()
      throws Exception {
    RequestSigner ukr = new RequestSigner(key("UKR.jwk"), log);
    String body = report("changed");
    Map<String, String> h = ukr.headers("POST", "/api/v1/reports", body);
    Http.Response r = post("/api/v1/reports", body.replace("\"severity\":3", "\"severity\":2"), h);
    refused(r, 401, "BAD_SIGNATURE", SignedRequest.SIGNATURE);
    assertThat(r.json().get("detail").asText()).contains("\"severity\":2");

    RequestSigner elsewhere = new RequestSigner(key("UKR.jwk"), "f".repeat(64));
    refused(
        post("/api/v1/reports", body, elsewhere.headers("POST", "/api/v1/reports", body)),
        401,
        "BAD_SIGNATURE",
        SignedRequest.SIGNATURE);
    assertThat(get("demo-SEC", "/api/v1/incidents").json().get("total").asInt()).isZero();
  }

  @Test
  void any_change_to_a_signed_request_is_refused_and_writes_nothing() throws Exception {
    RequestSigner ukr = new RequestSigner(key("UKR.jwk"), log);
    SplittableRandom random = new SplittableRandom(12);
    long before = events();
    for (int i = 0; i < 120; i++) {
      String body = report("m" + i);
      Map<String, String> h = new LinkedHashMap<>(ukr.headers("POST", "/api/v1/reports", body));
      String changedBody = body;
      switch (random.nextInt(3)) {
        case 0 -> {
          // one character of the body, kept JSON where it can be
          int at = random.nextInt(body.length());
          char c = (char) random.nextInt('0', 'z' + 1);
          changedBody = body.substring(0, at) + c + body.substring(at + 1);
        }
        case 1 -> {
          String name = SignedRequest.HEADERS.get(random.nextInt(SignedRequest.HEADERS.size()));
          String v = h.get(name);
          int at = random.nextInt(v.length());
          char c = v.charAt(at) == 'A' ? 'B' : 'A';
          h.put(name, v.substring(0, at) + c + v.substring(at + 1));
        }
        default ->
            h.remove(SignedRequest.HEADERS.get(random.nextInt(SignedRequest.HEADERS.size())));
      }
      if (changedBody.equals(body) && h.equals(ukr.headers("POST", "/api/v1/reports", body))) {
        continue;
      }
      Http.Response r = post("/api/v1/reports", changedBody, h);
      assertThat(r.status()).as(changedBody + " " + h + " → " + r.body()).isIn(400, 401, 403, 422);
    }
    assertThat(events()).isEqualTo(before);
  }

  @Test
  void sign_in_by_challenge_gives_a_session_that_ends_when_its_key_is_revoked() throws Exception {
    SigningKey pol = key("POL.jwk");
    RequestSigner signer = new RequestSigner(pol, log);
    String challenge = get(null, "/api/v1/session/challenge").json().get("challenge").asText();
    String body = "{\"challenge\":\"" + challenge + "\"}";
    Http.Response in =
        post("/api/v1/session", body, signer.headers("POST", "/api/v1/session", body));
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    JsonNode session = in.json();
    assertThat(session.get("party").asText()).isEqualTo("POL");
    String token = session.get("token").asText();
    assertThat(get(token, "/api/v1/me").json().get("party").asText()).isEqualTo("POL");

    // A challenge is good once.
    Http.Response again =
        post("/api/v1/session", body, signer.headers("POST", "/api/v1/session", body));
    assertThat(again.status()).isEqualTo(401);

    // Poland's root revokes the officer key: its session ends, its signatures are refused.
    RequestSigner root = new RequestSigner(key("POL.root.jwk"), log);
    String reason = "{\"reason\":\"laptop lost\"}";
    String path = "/api/v1/keys/" + pol.id() + "/revoke";
    Http.Response revoked = post(path, reason, root.headers("POST", path, reason));
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
    assertThat(get(token, "/api/v1/me").status()).isEqualTo(401);
    String report = report("after");
    Http.Response r =
        post("/api/v1/reports", report, signer.headers("POST", "/api/v1/reports", report));
    refused(r, 401, "KEY_REVOKED", SignedRequest.KEY);
  }

  private String signIn(SigningKey key) throws Exception {
    RequestSigner signer = new RequestSigner(key, log);
    String challenge = get(null, "/api/v1/session/challenge").json().get("challenge").asText();
    String body = "{\"challenge\":\"" + challenge + "\"}";
    Http.Response in =
        post("/api/v1/session", body, signer.headers("POST", "/api/v1/session", body));
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    return in.json().get("token").asText();
  }

  @Test
  void an_event_stream_ends_when_its_session_ends() throws Exception {
    String token = signIn(key("SEC.jwk"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/events?access_token=" + token))
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(40))
            .build();
    var lines = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var done =
        client
            .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
            .thenAccept(r -> r.body().forEach(lines::add));
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (lines.stream().noneMatch(l -> l.contains("connected as SEC"))
        && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(lines).anyMatch(l -> l.contains("connected as SEC"));
    HttpResponse<String> out =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(out.statusCode()).isEqualTo(204);
    // Within a ping or two the stream is told and closed.
    done.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(lines).anyMatch(l -> l.contains("session-ended"));
  }

  @Test
  void a_demonstration_lists_the_parties_it_has_keys_for() throws Exception {
    JsonNode parties = get(null, "/api/v1/demo/keys").json().get("parties");
    assertThat(parties).hasSize(12);
    assertThat(parties.toString()).contains("\"code\":\"POL\"").contains("\"role\":\"GUARANTOR\"");
  }

  @Test
  void a_root_key_signs_key_changes_and_nothing_else() throws Exception {
    RequestSigner root = new RequestSigner(key("UKR.root.jwk"), log);
    String body = report("root");
    refused(
        post("/api/v1/reports", body, root.headers("POST", "/api/v1/reports", body)),
        403,
        "KEY_ROLE",
        null);
  }
}
