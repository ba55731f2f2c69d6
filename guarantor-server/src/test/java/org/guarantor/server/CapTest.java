package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.server.CapXml.alertsOf;
import static org.guarantor.server.CapXml.at;
import static org.guarantor.server.CapXml.count;
import static org.guarantor.server.CapXml.valid;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * OASIS CAP 1.2 out (an incident's alert, the Atom feed of alerts) and in (a warning system files a
 * report as a CAP alert), against a real server; every alert written is checked against the OASIS
 * schema.
 */
class CapTest {
  @TempDir Path data;
  GuarantorServer server;
  Http http;

  void start(ServerConfig cfg) {
    server = GuarantorServer.start(cfg);
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      // What was filed as CAP is read again from the log alone, as an auditor reads it.
      Audits.assertAccountedFor(data);
    }
  }

  static String fixture(String name) {
    try (InputStream in = CapTest.class.getResourceAsStream("/cap/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode file(String key, String type, int severity, double[] at) {
    Http.Response r =
        http.post("demo-UKR", "/api/v1/reports", Http.report(key, type, severity, at[0], at[1]));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private Document cap(String token, String incident) {
    Http.Response r = http.get(token, "/api/v1/incidents/" + incident + "/cap", "*/*");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/cap+xml");
    return valid(r.body());
  }

  private Document feed(String token) {
    Http.Response r = http.get(token, "/api/v1/cap", "application/atom+xml");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/atom+xml");
    Document feed = CapXml.parse(r.body());
    alertsOf(feed).forEach(CapXml::assertValid);
    return feed;
  }

  @Nested
  class Out {
    @Test
    void an_activation_is_a_valid_alert_with_the_place_and_the_plan() {
      start(ServerConfig.local(0, data));
      file("k-1", "AIR_ATTACK", 3, ApiTest.KHARKIV);

      Document alert = cap("demo-SEC", "INC-000001");

      assertThat(at(alert, "/cap:alert/cap:msgType")).isEqualTo("Alert");
      assertThat(at(alert, "/cap:alert/cap:status")).isEqualTo("Actual");
      assertThat(at(alert, "/cap:alert/cap:incidents")).isEqualTo("INC-000001");
      assertThat(at(alert, "//cap:info/cap:category")).isEqualTo("Security");
      assertThat(at(alert, "//cap:info/cap:event")).isEqualTo("Air attack");
      assertThat(at(alert, "//cap:info/cap:responseType")).isEqualTo("Execute");
      assertThat(at(alert, "//cap:info/cap:severity")).isEqualTo("Moderate");
      assertThat(at(alert, "//cap:eventCode[cap:valueName='urn:guarantor:threat-type']/cap:value"))
          .isEqualTo("AIR_ATTACK");
      assertThat(at(alert, "//cap:parameter[cap:valueName='urn:guarantor:plan']/cap:value"))
          .isEqualTo("AIR_ATTACK/3");
      assertThat(at(alert, "//cap:area/cap:circle")).isEqualTo("49.9935,36.2304 0");
      assertThat(at(alert, "//cap:area/cap:geocode/cap:value")).isEqualTo("UA-63");
      assertThat(at(alert, "//cap:info/cap:description")).isEqualTo("test");
    }

    @Test
    void an_out_of_scope_decision_is_an_alert_that_asks_for_no_response_and_says_why() {
      start(ServerConfig.local(0, data));
      file("k-2", "GROUND_INVASION", 4, ApiTest.SIMFEROPOL);

      Document alert = cap("demo-UKR", "INC-000001");

      assertThat(at(alert, "/cap:alert/cap:msgType")).isEqualTo("Alert");
      assertThat(at(alert, "/cap:alert/cap:code")).isEqualTo("guarantor:OUT_OF_SCOPE");
      assertThat(at(alert, "//cap:info/cap:responseType")).isEqualTo("None");
      assertThat(at(alert, "/cap:alert/cap:note")).contains("UA-43");
    }

    @Test
    void a_stand_down_cancels_the_first_alert_and_the_feed_holds_both() {
      start(ServerConfig.local(0, data));
      file("k-3", "AIR_ATTACK", 3, ApiTest.KHARKIV);
      Document first = cap("demo-SEC", "INC-000001");
      Http.Response down =
          http.post(
              "demo-UKR", "/api/v1/incidents/INC-000001/stand-down", "{\"note\":\"false alarm\"}");
      assertThat(down.status()).as(down.body()).isEqualTo(200);

      Document cancel = cap("demo-SEC", "INC-000001");

      assertThat(at(cancel, "/cap:alert/cap:msgType")).isEqualTo("Cancel");
      assertThat(at(cancel, "//cap:info/cap:responseType")).isEqualTo("AllClear");
      assertThat(at(cancel, "/cap:alert/cap:note")).isEqualTo("false alarm");
      assertThat(at(cancel, "/cap:alert/cap:references"))
          .isEqualTo(
              at(first, "/cap:alert/cap:sender")
                  + ","
                  + at(first, "/cap:alert/cap:identifier")
                  + ","
                  + at(first, "/cap:alert/cap:sent"));
      Document feed = feed("demo-SEC");
      List<Document> alerts = alertsOf(feed);
      assertThat(alerts).hasSize(2);
      assertThat(at(alerts.get(0), "/cap:alert/cap:msgType")).isEqualTo("Cancel");
      assertThat(at(alerts.get(1), "/cap:alert/cap:identifier"))
          .isEqualTo(at(first, "/cap:alert/cap:identifier"));
      assertThat(count(feed, "/atom:feed/atom:entry")).isEqualTo(2);
    }

    @Test
    void the_public_reads_summaries_and_an_untasked_guarantor_nothing() {
      start(ServerConfig.local(0, data));
      JsonNode incident = file("k-4", "AIR_ATTACK", 3, ApiTest.KHARKIV);
      String tasked = incident.at("/taskings/0/guarantor").asText();

      Document summary = cap("demo-OBS", "INC-000001");
      assertThat(count(summary, "//cap:area")).isZero();
      assertThat(count(summary, "//cap:description")).isZero();
      assertThat(count(alertsOf(feed("demo-OBS")).get(0), "//cap:area")).isZero();

      assertThat(count(cap("demo-" + tasked, "INC-000001"), "//cap:area")).isEqualTo(1);
      String untasked =
          List.of("GBR", "USA", "FRA", "TUR", "DEU", "CAN", "ITA", "POL", "ISR").stream()
              .filter(
                  g -> {
                    for (JsonNode t : incident.get("taskings")) {
                      if (t.get("guarantor").asText().equals(g)) {
                        return false;
                      }
                    }
                    return true;
                  })
              .findFirst()
              .orElseThrow();
      assertThat(http.get("demo-" + untasked, "/api/v1/incidents/INC-000001/cap", "*/*").status())
          .isEqualTo(404);
      assertThat(count(feed("demo-" + untasked), "/atom:feed/atom:entry")).isZero();
      assertThat(http.get(null, "/api/v1/cap", "*/*").status()).isEqualTo(401);
    }

    @Test
    void an_escalation_in_an_exercise_is_an_update_read_by_the_tasked_guarantor_only() {
      Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      start(ServerConfig.local(0, data).exercise(start));
      JsonNode incident = file("x-1", "AIR_ATTACK", 3, ApiTest.KHARKIV);
      String tasked = incident.at("/taskings/0/guarantor").asText();
      String tasking = incident.at("/taskings/0/id").asText();
      Http.Response moved =
          http.post("demo-SEC", "/api/v1/exercise/clock", "{\"advance\":\"PT1H\"}");
      assertThat(moved.status()).as(moved.body()).isEqualTo(200);

      List<Document> secretariat = alertsOf(feed("demo-SEC"));
      assertThat(secretariat)
          .allSatisfy(a -> assertThat(at(a, "/cap:alert/cap:status")).isEqualTo("Exercise"));
      List<Document> escalations =
          secretariat.stream()
              .filter(a -> at(a, "/cap:alert/cap:code").equals("guarantor:ESCALATED"))
              .toList();
      assertThat(escalations).hasSize(incident.get("taskings").size());
      Document own =
          alertsOf(feed("demo-" + tasked)).stream()
              .filter(a -> at(a, "/cap:alert/cap:code").equals("guarantor:ESCALATED"))
              .filter(
                  a ->
                      at(a, "//cap:parameter[cap:valueName='urn:guarantor:tasking']/cap:value")
                          .equals(tasking))
              .findFirst()
              .orElseThrow();
      assertThat(at(own, "/cap:alert/cap:msgType")).isEqualTo("Update");
      assertThat(at(own, "/cap:alert/cap:note")).contains(tasking).contains("acknowledge");
      assertThat(
              alertsOf(feed("demo-" + tasked)).stream()
                  .filter(a -> at(a, "/cap:alert/cap:code").equals("guarantor:ESCALATED"))
                  .map(
                      a ->
                          at(
                              a,
                              "//cap:parameter[cap:valueName='urn:guarantor:guarantor']/cap:value"))
                  .distinct())
          .containsExactly(tasked);
      assertThat(alertsOf(feed("demo-OBS")))
          .noneMatch(a -> at(a, "/cap:alert/cap:code").equals("guarantor:ESCALATED"));
    }
  }

  @Nested
  class In {
    @Test
    void a_warning_systems_alert_files_the_same_report_once_per_identifier() {
      start(ServerConfig.local(0, data));
      String xml = fixture("air-attack.xml");

      Http.Response filed = http.cap("demo-UKR", xml, true);
      assertThat(filed.status()).as(filed.body()).isEqualTo(201);
      JsonNode i = filed.json();
      assertThat(i.get("type").asText()).isEqualTo("AIR_ATTACK");
      assertThat(i.get("severity").asInt()).isEqualTo(4);
      assertThat(i.get("state").asText()).isEqualTo("ACTIVATED");
      assertThat(i.at("/point/lat").asDouble()).isEqualTo(49.9935);
      assertThat(i.at("/point/lon").asDouble()).isEqualTo(36.2304);
      assertThat(i.get("key").asText()).isEqualTo("UA-WARN-2026-0001");
      assertThat(i.get("observedAt").asText()).isEqualTo("2026-11-28T05:00:00Z");
      assertThat(i.get("description").asText()).isEqualTo("missile strike & drones");

      Http.Response again = http.cap("demo-UKR", xml, true);
      assertThat(again.status()).as(again.body()).isEqualTo(200);
      assertThat(again.json().get("id").asText()).isEqualTo(i.get("id").asText());
    }

    @Test
    void an_alert_this_server_wrote_files_the_same_report_back() {
      start(ServerConfig.local(0, data));
      file("k-5", "CYBER_ATTACK", 2, ApiTest.KHARKIV);
      String written =
          http.get("demo-UKR", "/api/v1/incidents/INC-000001/cap", "*/*")
              .body()
              .replaceFirst(
                  "<identifier>[^<]*</identifier>", "<identifier>round-trip</identifier>");

      Http.Response filed = http.cap("demo-UKR", written, true);

      assertThat(filed.status()).as(filed.body()).isEqualTo(201);
      JsonNode back = filed.json();
      JsonNode original = http.get("demo-UKR", "/api/v1/incidents/INC-000001").json();
      for (String f : List.of("type", "severity", "observedAt", "description", "point")) {
        assertThat(back.get(f)).as(f).isEqualTo(original.get(f));
      }
    }

    @Test
    void an_area_given_as_a_polygon_is_the_reports_location() {
      start(ServerConfig.local(0, data));
      String xml =
          fixture("air-attack.xml")
              .replace(
                  "<circle>49.9935,36.2304 0</circle>",
                  "<polygon>49.9,36.1 49.9,36.3 50.1,36.3 50.1,36.1 49.9,36.1</polygon>");

      Http.Response filed = http.cap("demo-UKR", xml, true);

      assertThat(filed.status()).as(filed.body()).isEqualTo(201);
      assertThat(filed.json().at("/location/type").asText()).isEqualTo("Polygon");
    }

    private void assertRefused(String xml, int status, String path, String words) {
      Http.Response r = http.cap("demo-UKR", xml, true);
      assertThat(r.status()).as(r.body()).isEqualTo(status);
      assertThat(r.raw().headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(r.json().at("/errors/0/path").asText()).as(r.body()).isEqualTo(path);
      assertThat(r.json().at("/errors/0/message").asText()).as(r.body()).contains(words);
      assertThat(http.get("demo-SEC", "/api/v1/incidents").json().get("total").asInt())
          .as("nothing filed")
          .isZero();
    }

    @Test
    void what_cannot_be_mapped_is_named() {
      start(ServerConfig.local(0, data));
      String xml = fixture("air-attack.xml");
      int infoStart = xml.indexOf("<info>");
      String info = xml.substring(infoStart, xml.indexOf("</info>") + 7);

      assertRefused(xml.replace(info, info + info), 422, "/alert/info", "one <info> per alert");
      assertRefused(
          xml.replace("<event>Air attack</event>", "<event>Flood</event>"),
          422,
          "/alert/info/event",
          "FLOOD is not a threat type of the treaty in force");
      assertRefused(
          xml.replace(
              "<certainty>Observed</certainty>",
              "<certainty>Observed</certainty><eventCode><valueName>urn:guarantor:threat-type"
                  + "</valueName><value>METEOR</value></eventCode>"),
          422,
          "/alert/info/eventCode",
          "METEOR");
      assertRefused(xml.replaceAll("(?s)<area>.*</area>", ""), 422, "/alert/info/area", "area");
      assertRefused(
          xml.replace("<severity>Severe</severity>", "<severity>Unknown</severity>"),
          422,
          "/alert/info/severity",
          "Unknown");
      assertRefused(
          xml.replace("<msgType>Alert</msgType>", "<msgType>Update</msgType>"),
          422,
          "/alert/msgType",
          "Alert");
      assertRefused(
          xml.replace("<status>Actual</status>", "<status>Bogus</status>"),
          400,
          "/alert",
          "CAP 1.2 alert");
      assertRefused("<alert>not CAP</alert>", 400, "", "urn:oasis:names:tc:emergency:cap:1.2");
      assertRefused(xml.substring(0, 200), 400, "", "XML document");
    }

    @Test
    void a_dtd_is_refused_so_no_entity_reads_a_file_or_multiplies() {
      start(ServerConfig.local(0, data));

      assertRefused(fixture("xxe-file.xml"), 400, "", "DOCTYPE");
      assertRefused(fixture("billion-laughs.xml"), 400, "", "DOCTYPE");
    }

    @Test
    void the_signature_covers_the_xml_as_posted() {
      start(ServerConfig.local(0, data));
      String xml = fixture("air-attack.xml");

      assertThat(http.cap("demo-UKR", xml, false).status()).isEqualTo(401);
      var b =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/v1/reports"))
              .header("Content-Type", "application/cap+xml")
              .POST(
                  java.net.http.HttpRequest.BodyPublishers.ofString(
                      xml.replace("<severity>Severe</severity>", "<severity>Extreme</severity>")));
      http.signer("demo-UKR")
          .orElseThrow()
          .capHeaders("POST", "/api/v1/reports", xml)
          .forEach(b::header);
      try {
        var r =
            java.net.http.HttpClient.newHttpClient()
                .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.body()).contains("BAD_SIGNATURE");
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
      assertThat(http.cap("demo-GBR", xml, true).status()).isEqualTo(403);
    }

    @Test
    void a_json_string_is_no_report_and_xml_goes_to_reports_only() {
      start(ServerConfig.local(0, data));

      Http.Response s = http.post("demo-UKR", "/api/v1/reports", "\"<alert/>\"");
      assertThat(s.status()).as(s.body()).isEqualTo(400);
      try {
        var r =
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(
                                "http://127.0.0.1:"
                                    + server.port()
                                    + "/api/v1/incidents/INC-000001/stand-down"))
                        .header("Content-Type", "application/cap+xml")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("<alert/>"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
        assertThat(r.body()).contains("/headers/Content-Type");
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
