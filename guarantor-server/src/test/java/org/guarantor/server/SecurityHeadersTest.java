package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every answer, page or API, success or problem, carries the browser-hardening headers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one server for all: the tests only read
class SecurityHeadersTest {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'";

  GuarantorServer server;
  Http http;

  @BeforeAll
  void start(@TempDir Path data) {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  static void assertHardened(Http.Response r) {
    HttpHeaders h = r.raw().headers();
    assertThat(h.firstValue("Content-Security-Policy")).hasValue(CSP);
    assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(h.firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @Test
  void the_page_and_its_static_files_carry_them() {
    Http.Response page = http.get(null, "/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<html");
    assertHardened(page);
    Http.Response script = http.get(null, "/app.js");
    assertThat(script.status()).isEqualTo(200);
    assertHardened(script);
    Http.Response webjar = http.get(null, "/webjars/leaflet/1.9.4/dist/leaflet.js");
    assertThat(webjar.status()).isEqualTo(200);
    assertHardened(webjar);
  }

  @Test
  void api_answers_carry_them_and_are_never_stored() {
    Http.Response treaty = http.get("demo-SEC", "/api/v1/treaty");
    assertThat(treaty.status()).isEqualTo(200);
    assertHardened(treaty);
    assertThat(treaty.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void problems_carry_them_too() {
    Http.Response unknown = http.get("demo-SEC", "/api/v1/no-such-thing");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertHardened(unknown);
    assertThat(unknown.raw().headers().firstValue("Cache-Control")).hasValue("no-store");

    Http.Response unauthenticated = http.get(null, "/api/v1/treaty");
    assertThat(unauthenticated.status()).isEqualTo(401);
    assertHardened(unauthenticated);
    assertThat(unauthenticated.raw().headers().firstValue("Cache-Control")).hasValue("no-store");

    Http.Response missingPage = http.get(null, "/no-such-page.html");
    assertThat(missingPage.status()).isEqualTo(404);
    assertHardened(missingPage);
  }

  @Test
  void plain_http_sends_no_strict_transport_security() {
    assertThat(http.get(null, "/health").raw().headers().firstValue("Strict-Transport-Security"))
        .isEmpty();
  }
}
