package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.server.CapXml.at;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * EDXL-RM 1.0 resource messages of a tasking: its request, and its commitment once acknowledged.
 */
class EdxlRmTest {
  @TempDir Path data;
  GuarantorServer server;
  Http http;
  JsonNode tasking;
  String tasked;

  @BeforeEach
  void start() {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());
    Http.Response r =
        http.post(
            "demo-UKR",
            "/api/v1/reports",
            Http.report("k-1", "AIR_ATTACK", 3, ApiTest.KHARKIV[0], ApiTest.KHARKIV[1]));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    tasking = r.json().at("/taskings/0");
    tasked = tasking.get("guarantor").asText();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Document get(String token, String path) {
    Http.Response r = http.get(token, path, "application/xml");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/xml");
    return CapXml.parse(r.body());
  }

  @Test
  void a_tasking_is_a_request_for_its_resource_with_quantity_and_deadlines() {
    String id = tasking.get("id").asText();

    Document m = get("demo-" + tasked, "/api/v1/taskings/" + id + "/edxl-rm");

    assertThat(at(m, "/rm:RequestResource/rm:MessageContentType")).isEqualTo("RequestResource");
    assertThat(at(m, "/rm:RequestResource/rm:MessageID")).endsWith(id + "-request");
    assertThat(at(m, "//rm:IncidentInformation/*[local-name()='IncidentID']"))
        .isEqualTo("INC-000001");
    assertThat(at(m, "//*[local-name()='TypeStructure']/*[local-name()='Value']"))
        .isEqualTo(tasking.get("capability").asText());
    assertThat(at(m, "//*[local-name()='MeasuredQuantity']/*[local-name()='Amount']"))
        .isEqualTo(tasking.get("quantity").asText());
    assertThat(at(m, "//*[local-name()='MeasuredQuantity']/*[local-name()='UnitOfMeasure']"))
        .isEqualTo(tasking.get("unit").asText());
    assertThat(
            at(
                m,
                "//*[local-name()='ScheduleInformation'][*[local-name()='ScheduleType']"
                    + "='RequestedArrival']/*[local-name()='DateTime']"))
        .isEqualTo(CapAlerts.time(java.time.Instant.parse(tasking.get("deliverBy").asText())));
    assertThat(
            at(
                m,
                "//*[local-name()='ScheduleInformation'][*[local-name()='ScheduleType']"
                    + "='RespondByTime']/*[local-name()='DateTime']"))
        .isEqualTo(CapAlerts.time(java.time.Instant.parse(tasking.get("acknowledgeBy").asText())));
  }

  @Test
  void an_acknowledged_tasking_is_a_commitment_that_answers_the_request() {
    String id = tasking.get("id").asText();
    String path = "/api/v1/taskings/" + id + "/edxl-rm/commit";
    Http.Response early = http.get("demo-SEC", path, "application/xml");
    assertThat(early.status()).as(early.body()).isEqualTo(409);
    assertThat(early.body()).contains("ISSUED");
    Http.Response ack =
        http.post("demo-" + tasked, "/api/v1/taskings/" + id + "/acknowledge", null);
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);

    Document c = get("demo-SEC", path);

    assertThat(at(c, "/rm:CommitResource/rm:MessageContentType")).isEqualTo("CommitResource");
    assertThat(at(c, "/rm:CommitResource/rm:OriginatingMessageID")).endsWith(id + "-request");
    assertThat(at(c, "//*[local-name()='ResponseType']")).isEqualTo("Accepted");
    assertThat(at(c, "//rm:ContactInformation/*[local-name()='ContactDescription']"))
        .isEqualTo(tasked);
  }

  @Test
  void only_whoever_sees_the_tasking_reads_its_messages() {
    String id = tasking.get("id").asText();
    String other =
        List.of("GBR", "USA", "FRA", "TUR", "DEU", "CAN", "ITA", "POL", "ISR").stream()
            .filter(g -> !g.equals(tasked))
            .findFirst()
            .orElseThrow();

    assertThat(http.get("demo-UKR", "/api/v1/taskings/" + id + "/edxl-rm", "*/*").status())
        .isEqualTo(200);
    assertThat(http.get("demo-" + other, "/api/v1/taskings/" + id + "/edxl-rm", "*/*").status())
        .isEqualTo(404);
    assertThat(http.get("demo-OBS", "/api/v1/taskings/" + id + "/edxl-rm", "*/*").status())
        .isEqualTo(404);
    assertThat(http.get(null, "/api/v1/taskings/" + id + "/edxl-rm", "*/*").status())
        .isEqualTo(401);
  }
}
