package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each party has its own request budget (here 1 a second, bursts of 5): beyond it the answer is 429
 * with Retry-After and nothing is written; other parties are served; after the wait it is served
 * again. Only a proven party is charged: a forged signature in its name costs it nothing. Each test
 * uses parties of its own, so they do not draw on each other's budgets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTest {
  static final int BURST = 5;

  /** Bound on the requests any loop here sends before it must have met the limit. */
  static final int MAX_TRIES = 30;

  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  GuarantorServer server;
  Http http;

  @BeforeAll
  void start(@TempDir Path data) {
    server =
        GuarantorServer.start(
            ServerConfig.local(0, data).withSecurity(Security.defaults().withRateLimit(1, BURST)));
    http = new Http(server.port());
    // The officer keys come from a public route, charged to this client's address: fetch them now.
    assertThat(http.signer("demo-UKR")).isPresent();
    assertThat(http.signer("demo-GBR")).isPresent();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * Sends until the first 429, at most {@link #MAX_TRIES} times; asserts it came after {@code
   * served} requests were, plus at most what refilled meanwhile.
   */
  static Http.Response untilRefused(
      Supplier<Http.Response> request, int expectedStatus, int served) {
    long start = System.nanoTime();
    for (int i = 0; i < MAX_TRIES; i++) {
      Http.Response r = request.get();
      if (r.status() == 429) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 1;
        assertThat(i).isBetween(served, BURST + (int) seconds);
        return r;
      }
      assertThat(r.status()).as(r.body()).isEqualTo(expectedStatus);
    }
    throw new AssertionError("no 429 in " + MAX_TRIES + " requests");
  }

  static long retryAfter(Http.Response r) {
    String v = r.raw().headers().firstValue("Retry-After").orElseThrow();
    assertThat(v).matches("[1-9][0-9]*");
    return Long.parseLong(v);
  }

  static void assertTooMany(Http.Response r) {
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(r.json().get("status").asInt()).isEqualTo(429);
    assertThat(r.json().get("title").asText()).isEqualTo("Too many requests");
    // A rate of 1 a second: the next token is at most a second away.
    assertThat(retryAfter(r)).isEqualTo(1);
  }

  static void sleepSeconds(long s) throws InterruptedException {
    assertThat(s).isBetween(1L, 5L);
    Thread.sleep(TimeUnit.SECONDS.toMillis(s) + 100);
  }

  @Test
  void a_party_over_its_burst_waits_while_another_is_served() throws Exception {
    Http.Response refused = untilRefused(() -> http.get("demo-SEC", "/api/v1/treaty"), 200, BURST);
    assertTooMany(refused);
    assertThat(refused.body()).contains("party SEC");
    assertThat(http.get("demo-POL", "/api/v1/treaty").status()).isEqualTo(200);
    sleepSeconds(retryAfter(refused));
    assertThat(http.get("demo-SEC", "/api/v1/treaty").status()).isEqualTo(200);
  }

  /** A signed request with no bearer token: only its verified signature names the party. */
  HttpResponse<String> signedOnly(String party, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    http.signer("demo-" + party).orElseThrow().headers("POST", path, body).forEach(b::header);
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void a_signed_command_over_the_limit_is_charged_to_its_party_and_writes_nothing()
      throws Exception {
    int[] n = {0};
    long[] before = {0};
    Supplier<Http.Response> report =
        () -> {
          before[0] = server.engine().lastPosition();
          HttpResponse<String> r =
              signedOnly(
                  "UKR",
                  "/api/v1/reports",
                  Http.report("rate-" + n[0]++, "SABOTAGE", 1, 50.45, 30.52));
          return new Http.Response(r.statusCode(), r.body(), r);
        };
    Http.Response refused = untilRefused(report, 201, BURST);
    assertTooMany(refused);
    assertThat(refused.body()).contains("party UKR");
    assertThat(server.engine().lastPosition()).isEqualTo(before[0]);
    // UKR's own reads draw on the same budget.
    assertThat(http.get("demo-UKR", "/api/v1/treaty").status()).isEqualTo(429);
    sleepSeconds(retryAfter(refused));
    assertThat(report.get().status()).isEqualTo(201);
  }

  @Test
  void a_forged_signature_does_not_spend_the_party_it_names() throws Exception {
    String path = "/api/v1/incidents/INC-000001/corroborate";
    for (int i = 0; i < 4 * BURST; i++) {
      Map<String, String> headers =
          new HashMap<>(http.signer("demo-GBR").orElseThrow().headers("POST", path, "{}"));
      headers.put("Guarantor-Signature", "A".repeat(86));
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .header("Content-Type", "application/json");
      headers.forEach(b::header);
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
      assertThat(r.body()).contains("BAD_SIGNATURE");
    }
    // The address that sent them paid instead: it has nothing left for requests without a party.
    assertThat(http.get(null, "/api/v1/session/challenge").status()).isEqualTo(429);
    // GBR's whole burst is still there.
    for (int i = 0; i < BURST; i++) {
      assertThat(http.get("demo-GBR", "/api/v1/treaty").status()).isEqualTo(200);
    }
  }

  @Test
  void requests_that_prove_no_party_share_their_address_budget() throws Exception {
    // Other tests here may have spent some of this address's budget already.
    Http.Response refused = untilRefused(() -> http.get(null, "/api/v1/session/challenge"), 200, 0);
    assertTooMany(refused);
    assertThat(refused.body()).contains("client 127.0.0.1");
    // A bad token proves nothing either.
    assertThat(http.get("not-a-token", "/api/v1/treaty").status()).isEqualTo(429);
    // Parties are not affected by their address.
    assertThat(http.get("demo-USA", "/api/v1/treaty").status()).isEqualTo(200);
    sleepSeconds(retryAfter(refused));
    assertThat(http.get(null, "/api/v1/session/challenge").status()).isEqualTo(200);
  }
}
