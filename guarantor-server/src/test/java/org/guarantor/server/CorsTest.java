package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-origin access is closed unless the deployment names origins, and then open to exactly
 * those, for the API, with the headers a signed request needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // two servers for all: the tests only read
class CorsTest {
  static final String OPS = "https://ops.example";
  static final String EVIL = "https://evil.example";
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  GuarantorServer closed;
  GuarantorServer open;

  @BeforeAll
  void start(@TempDir Path a, @TempDir Path b) {
    closed = GuarantorServer.start(ServerConfig.local(0, a));
    open =
        GuarantorServer.start(
            ServerConfig.local(0, b)
                .withSecurity(Security.defaults().withCors(List.of(OPS, "http://127.0.0.1:8081"))));
  }

  @AfterAll
  void stop() {
    if (closed != null) {
      closed.close();
    }
    if (open != null) {
      open.close();
    }
  }

  static HttpResponse<String> send(GuarantorServer s, String method, String path, String... h)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < h.length; i += 2) {
      b.header(h[i], h[i + 1]);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> preflight(GuarantorServer s, String origin) throws Exception {
    return send(
        s,
        "OPTIONS",
        "/api/v1/taskings/TSK-000001/acknowledge",
        "Origin",
        origin,
        "Access-Control-Request-Method",
        "POST",
        "Access-Control-Request-Headers",
        "authorization, content-type, guarantor-key, guarantor-party, guarantor-signed-at,"
            + " guarantor-nonce, guarantor-signature");
  }

  static List<String> corsHeaders(HttpResponse<?> r) {
    return r.headers().map().keySet().stream()
        .filter(k -> k.toLowerCase(Locale.ROOT).startsWith("access-control-"))
        .toList();
  }

  @Test
  void by_default_no_origin_gets_cors() throws Exception {
    HttpResponse<String> read =
        send(closed, "GET", "/api/v1/treaty", "Authorization", "Bearer demo-SEC", "Origin", OPS);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(corsHeaders(read)).isEmpty();
    HttpResponse<String> health = send(closed, "GET", "/health", "Origin", EVIL);
    assertThat(corsHeaders(health)).isEmpty();

    HttpResponse<String> pre = preflight(closed, EVIL);
    assertThat(pre.statusCode()).isGreaterThanOrEqualTo(400);
    assertThat(corsHeaders(pre)).isEmpty();
    assertThat(corsHeaders(preflight(closed, OPS))).isEmpty();
  }

  @Test
  void a_named_origin_may_call_the_api_with_signature_headers() throws Exception {
    HttpResponse<String> pre = preflight(open, OPS);
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue(OPS);
    List<String> allowed =
        Arrays.stream(
                pre.headers().firstValue("Access-Control-Allow-Headers").orElse("").split(","))
            .map(String::trim)
            .toList();
    assertThat(allowed)
        .contains(
            "Authorization",
            "Content-Type",
            "Guarantor-Key",
            "Guarantor-Party",
            "Guarantor-Signed-At",
            "Guarantor-Nonce",
            "Guarantor-Signature");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("POST");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

    HttpResponse<String> read =
        send(open, "GET", "/api/v1/treaty", "Authorization", "Bearer demo-SEC", "Origin", OPS);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue(OPS);
    assertThat(read.headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));

    // A problem is readable too, so that page can tell its user why.
    HttpResponse<String> refused = send(open, "GET", "/api/v1/treaty", "Origin", OPS);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue(OPS);
  }

  @Test
  void any_other_origin_gets_nothing_and_never_a_wildcard() throws Exception {
    HttpResponse<String> pre = preflight(open, EVIL);
    assertThat(pre.statusCode()).isEqualTo(403);
    assertThat(corsHeaders(pre)).isEmpty();
    HttpResponse<String> read =
        send(open, "GET", "/api/v1/treaty", "Authorization", "Bearer demo-SEC", "Origin", EVIL);
    assertThat(corsHeaders(read)).isEmpty();
    // Near misses of a named origin are other origins.
    for (String near : List.of("http://ops.example", "https://ops.example:8443", "null")) {
      assertThat(corsHeaders(preflight(open, near))).as(near).isEmpty();
    }
    // The page itself is not an API: no CORS there even for a named origin.
    assertThat(corsHeaders(send(open, "GET", "/", "Origin", OPS))).isEmpty();
  }

  @Test
  void origins_must_be_named_exactly() {
    for (String bad :
        List.of("*", "https://ops.example/", "https://ops.example/path", "ops.example", "null")) {
      assertThatThrownBy(() -> Security.defaults().withCors(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
    }
  }
}
