package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document describes the API as it is: every route registered is in it and nothing
 * else, and real answers of the main endpoints match its response schemas.
 */
class OpenApiTest {
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  @TempDir Path data;
  GuarantorServer server;
  Http http;
  JsonNode doc;

  @BeforeEach
  void start() {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());
    Http.Response r = http.get(null, "/api/v1/openapi.json");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    doc = r.json();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void it_is_openapi_3_1_and_describes_every_route_registered_and_no_other() {
    assertThat(doc.get("openapi").asText()).startsWith("3.1.");
    TreeSet<String> registered = new TreeSet<>();
    for (String route : server.routes()) {
      if (!route.contains("*")) {
        registered.add(route);
      }
    }
    TreeSet<String> documented = new TreeSet<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));

    assertThat(registered).as("routes in Routes").isNotEmpty();
    assertThat(documented).as("documented in openapi.json").isEqualTo(registered);
  }

  @Test
  void every_reference_resolves_and_every_operation_answers_problems_as_problems() {
    String text = doc.toString();
    var m = java.util.regex.Pattern.compile("\"#/components/schemas/([A-Za-z]+)\"").matcher(text);
    while (m.find()) {
      assertThat(doc.at("/components/schemas/" + m.group(1)).isMissingNode())
          .as(m.group(1))
          .isFalse();
    }
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fields()
                    .forEachRemaining(
                        op ->
                            op.getValue()
                                .get("responses")
                                .fields()
                                .forEachRemaining(
                                    r -> {
                                      if (r.getKey().startsWith("4")) {
                                        assertThat(
                                                r.getValue()
                                                    .at("/content")
                                                    .has("application/problem+json"))
                                            .as(op.getKey() + " " + p.getKey() + " " + r.getKey())
                                            .isTrue();
                                      }
                                    })));
  }

  /** Checks an answer against the document's schema for its path, method and status. */
  private void assertDescribed(String method, String path, Http.Response r) {
    String contentType =
        r.raw().headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    JsonNode operation = doc.get("paths").get(path).get(method.toLowerCase(Locale.ROOT));
    assertThat(operation).as(method + " " + path).isNotNull();
    JsonNode response = operation.get("responses").get(Integer.toString(r.status()));
    assertThat(response).as(method + " " + path + " documents " + r.status()).isNotNull();
    JsonNode schema = response.at("/content/" + contentType.replace("/", "~1") + "/schema");
    assertThat(schema.isMissingNode())
        .as(method + " " + path + " " + r.status() + " documents " + contentType)
        .isFalse();
    ObjectNode wrapper = ((ObjectNode) schema.deepCopy());
    wrapper.set("components", doc.get("components"));
    Schema s = SCHEMAS.getSchema(wrapper);
    List<Error> errors = s.validate(r.json());
    assertThat(errors).as(method + " " + path + " " + r.status() + ": " + r.body()).isEmpty();
  }

  @Test
  void the_schemas_refuse_what_they_do_not_describe() {
    ObjectNode incident =
        (ObjectNode) Http.JSON.createObjectNode().put("$ref", "#/components/schemas/Incident");
    incident.set("components", doc.get("components"));
    Schema s = SCHEMAS.getSchema(incident);

    assertThat(s.validate(Http.JSON.createObjectNode().put("id", 1))).isNotEmpty();
    assertThat(
            s.validate(
                Http.JSON.createObjectNode().put("id", "INC-000001").put("unknownField", true)))
        .isNotEmpty();
  }

  private Http.Response check(String token, String method, String path, String concrete) {
    Http.Response r =
        method.equals("GET") ? http.get(token, concrete) : http.send(token, method, concrete, null);
    assertDescribed(method, path, r);
    return r;
  }

  @Test
  void real_answers_of_the_main_endpoints_match_the_documents_schemas() {
    check(null, "GET", "/health", "/health");
    check("demo-UKR", "GET", "/api/v1/me", "/api/v1/me");
    check("demo-OBS", "GET", "/api/v1/treaty", "/api/v1/treaty");
    check("demo-SEC", "GET", "/api/v1/treaty", "/api/v1/treaty");
    check(null, "GET", "/api/v1/session/challenge", "/api/v1/session/challenge");
    check(null, "GET", "/api/v1/demo/keys", "/api/v1/demo/keys");
    check("demo-SEC", "GET", "/api/v1/keys", "/api/v1/keys");
    check("demo-SEC", "GET", "/api/v1/exercise/clock", "/api/v1/exercise/clock");

    String report = Http.report("k-1", "AIR_ATTACK", 3, ApiTest.KHARKIV[0], ApiTest.KHARKIV[1]);
    Http.Response filed = http.post("demo-UKR", "/api/v1/reports", report);
    assertThat(filed.status()).isEqualTo(201);
    assertDescribed("POST", "/api/v1/reports", filed);
    assertDescribed("POST", "/api/v1/reports", http.post("demo-UKR", "/api/v1/reports", report));
    Http.Response out =
        http.post(
            "demo-UKR",
            "/api/v1/reports",
            Http.report("k-2", "GROUND_INVASION", 4, ApiTest.SIMFEROPOL[0], ApiTest.SIMFEROPOL[1]));
    assertDescribed("POST", "/api/v1/reports", out);
    Http.Response bad = http.post("demo-UKR", "/api/v1/reports", "{\"key\":\"k-3\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertDescribed("POST", "/api/v1/reports", bad);

    for (String token : List.of("demo-SEC", "demo-OBS", "demo-UKR")) {
      check(token, "GET", "/api/v1/incidents", "/api/v1/incidents");
      check(token, "GET", "/api/v1/incidents/{id}", "/api/v1/incidents/INC-000001");
    }
    check("demo-SEC", "GET", "/api/v1/incidents/{id}", "/api/v1/incidents/INC-999999");
    check(null, "GET", "/api/v1/incidents", "/api/v1/incidents");

    JsonNode tasking = filed.json().at("/taskings/0");
    String id = tasking.get("id").asText();
    String guarantor = "demo-" + tasking.get("guarantor").asText();
    check(guarantor, "GET", "/api/v1/taskings", "/api/v1/taskings");
    check(guarantor, "GET", "/api/v1/taskings/{id}", "/api/v1/taskings/" + id);
    check(guarantor, "GET", "/api/v1/taskings/{id}/why", "/api/v1/taskings/" + id + "/why");
    check(
        guarantor,
        "POST",
        "/api/v1/taskings/{id}/acknowledge",
        "/api/v1/taskings/" + id + "/acknowledge");
    check(
        guarantor,
        "POST",
        "/api/v1/taskings/{id}/acknowledge",
        "/api/v1/taskings/" + id + "/acknowledge");
    check("demo-OBS", "GET", "/api/v1/ledger", "/api/v1/ledger");
    check(
        "demo-UKR",
        "POST",
        "/api/v1/incidents/{id}/stand-down",
        "/api/v1/incidents/INC-000001/stand-down");
  }

  @Test
  void swagger_ui_is_served_from_this_server_with_no_inline_script() {
    Http.Response page = http.get(null, "/api/docs");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    List<String> assets = new ArrayList<>();
    var m = java.util.regex.Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(page.body());
    while (m.find()) {
      assets.add(m.group(1));
    }
    assertThat(assets)
        .contains(
            "/webjars/swagger-ui/" + ApiDocs.SWAGGER_UI + "/swagger-ui-bundle.js",
            "/webjars/swagger-ui/" + ApiDocs.SWAGGER_UI + "/swagger-ui.css",
            "/api-docs.js");
    for (String a : assets) {
      assertThat(http.get(null, a).status()).as(a).isEqualTo(200);
    }
    assertThat(page.body()).doesNotContainPattern("<script>|<script(?![^>]*src=)|<style|style=");
  }
}
