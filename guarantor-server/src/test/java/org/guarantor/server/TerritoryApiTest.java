package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Territory as a user of the API meets it: the map layers and a point check. */
class TerritoryApiTest {
  @TempDir static Path data;
  static GuarantorServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> codes(JsonNode fc, String kind) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : fc.get("features")) {
      if (f.at("/properties/kind").asText().equals(kind)) {
        out.add(f.at("/properties/code").asText());
      }
    }
    return out;
  }

  @Test
  void the_territory_layer_shows_covered_land_waters_and_each_exclusion() {
    Http.Response r = http.get("demo-OBS", "/api/v1/territory");
    assertThat(r.status()).isEqualTo(200);
    JsonNode fc = r.json();
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(fc.get("territoryVersion").asText()).isEqualTo("UA-2022-03-29");
    assertThat(codes(fc, "covered")).hasSize(1);
    assertThat(codes(fc, "excluded")).containsExactlyInAnyOrder("UA-43", "UA-40", "UA-14", "UA-09");
    assertThat(codes(fc, "waters")).isNotEmpty();
    Http.Response full = http.get("demo-OBS", "/api/v1/territory?detail=full");
    assertThat(full.body().length()).isGreaterThan(r.body().length());
    assertThat(http.get("demo-OBS", "/api/v1/territory?detail=huge").status()).isEqualTo(400);
  }

  @Test
  void a_point_check_answers_with_names_and_codes_and_files_nothing() {
    long before = server.engine().lastPosition();
    JsonNode odesa = http.get("demo-UKR", "/api/v1/territory/check?lat=46.48&lon=30.72").json();
    assertThat(odesa.get("inScope").asBoolean()).isTrue();
    assertThat(odesa.get("explanation").asText())
        .isEqualTo("in covered territory (Odesa Oblast, UA-51)");
    JsonNode sevastopol = http.get("demo-UKR", "/api/v1/territory/check?lat=44.6&lon=33.52").json();
    assertThat(sevastopol.get("inScope").asBoolean()).isFalse();
    assertThat(sevastopol.get("code").asText()).isEqualTo("UA-40");
    JsonNode chisinau = http.get("demo-UKR", "/api/v1/territory/check?lat=47.01&lon=28.86").json();
    assertThat(chisinau.get("cause").asText()).isEqualTo("IN_OTHER_STATE");
    assertThat(chisinau.get("code").asText()).isEqualTo("MDA");
    assertThat(http.get("demo-UKR", "/api/v1/territory/check?lat=95&lon=30").status())
        .isEqualTo(400);
    assertThat(http.get("demo-UKR", "/api/v1/territory/check?lat=x&lon=30").status())
        .isEqualTo(400);
    assertThat(http.get("demo-UKR", "/api/v1/territory/check?lon=30").status()).isEqualTo(400);
    assertThat(server.engine().lastPosition()).isEqualTo(before);
  }

  @Test
  void the_base_map_has_the_countries_around_the_protected_state() {
    Http.Response r = http.get(null, "/api/v1/atlas/countries");
    assertThat(r.status()).isEqualTo(200);
    List<String> countries = codes(r.json(), "country");
    assertThat(countries).contains("UKR", "POL", "MDA", "ROU", "BLR", "RUS", "TUR");
  }
}
