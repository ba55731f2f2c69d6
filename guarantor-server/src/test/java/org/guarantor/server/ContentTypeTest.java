package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body is JSON in UTF-8: a Content-Type that says otherwise (another or an unknown charset, a
 * media type that is not JSON) is answered 415, a problem naming the header, and nothing is
 * written; JSON in UTF-8 is read with or without a Content-Type; bytes that are not UTF-8 are 400.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentTypeTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  GuarantorServer server;
  Http http;
  String incident;

  @BeforeAll
  void start(@TempDir Path data) {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());
    Http.Response r =
        http.post("demo-UKR", "/api/v1/reports", Http.report("first", "AIR_ATTACK", 4, 49.9, 36.2));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    incident = r.json().get("id").asText();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; charset=foo",
        "application/json; charset=\"",
        "application/json; charset=",
        "application/json; charset=utf-16",
        "application/json;charset=ISO-8859-1",
        "application/json; charset=utf-8; charset=latin1",
        "text/plain",
        "text/plain; charset=utf-8",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "application/xml"
      })
  void a_body_in_another_form_than_json_in_utf8_is_415_naming_the_header(String contentType)
      throws Exception {
    long events = server.engine().lastPosition();
    String report = Http.report("odd-" + contentType.hashCode(), "AIR_ATTACK", 4, 49.9, 36.2);
    for (String path :
        new String[] {"/api/v1/reports", "/api/v1/incidents/" + incident + "/stand-down"}) {
      String body = path.endsWith("reports") ? report : "{}";
      HttpResponse<String> r =
          send("POST", path, contentType, body.getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(contentType + " on " + path + ": " + r.body()).isEqualTo(415);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      JsonNode problem = Http.JSON.readTree(r.body());
      assertThat(problem.get("errors").get(0).get("path").asText())
          .isEqualTo("/headers/Content-Type");
      assertThat(problem.get("detail").asText()).contains("Content-Type");
    }
    assertThat(server.engine().lastPosition()).isEqualTo(events);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=UTF-8",
        "application/json;charset=\"utf-8\"",
        "APPLICATION/JSON; Charset=utf8",
        ""
      })
  void json_in_utf8_is_read_whatever_its_content_type_says_of_it(String contentType)
      throws Exception {
    String body =
        Http.report("json-" + contentType.hashCode(), "AIR_ATTACK", 4, 49.91, 36.21)
            .replace("\"test\"", "\"Харків, 5 km\"");
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/reports",
            contentType.isEmpty() ? null : contentType,
            body.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(Http.JSON.readTree(r.body()).get("description").asText()).isEqualTo("Харків, 5 km");
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "application/json; charset=utf-8"})
  void bytes_that_are_not_utf8_are_400(String contentType) throws Exception {
    byte[] body =
        "{\"key\":\"x\",\"description\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
    HttpResponse<String> r = send("POST", "/api/v1/reports", contentType, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("UTF-8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain; charset=foo", "application/json; charset=latin1"})
  void a_read_whose_content_type_names_another_charset_is_415_rather_than_a_query_misread(
      String contentType) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + server.port() + "/api/v1/territory/check?lat=50&lon=30"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer demo-UKR")
            .header("Content-Type", contentType)
            .GET();
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
    HttpResponse<String> plain =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + server.port()
                            + "/api/v1/territory/check?lat=50&lon=30"))
                .header("Authorization", "Bearer demo-UKR")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
  }

  /** A POST signed as UKR over the UTF-8 text of {@code body}, with this Content-Type or none. */
  private HttpResponse<String> send(String method, String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      http.signer("demo-UKR")
          .orElseThrow()
          .headers(method, path, new String(body, StandardCharsets.UTF_8))
          .forEach(b::header);
    } catch (IllegalArgumentException notJson) {
      // bytes that are no JSON cannot be signed; the server refuses them before the signature
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
