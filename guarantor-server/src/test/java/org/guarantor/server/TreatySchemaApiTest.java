package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.guarantor.engine.scenario.TreatyFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The treaty file's schema, served to anyone who writes a treaty file. */
class TreatySchemaApiTest {
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

  @Test
  void anyone_gets_the_schema_without_a_token() {
    Http.Response r = http.get(null, "/api/v1/treaty/schema");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/schema+json");
    JsonNode schema = r.json();
    assertThat(schema.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.get("required").toString()).contains("\"pledges\"", "\"plans\"");
    assertThat(r.body()).isEqualTo(TreatyFile.schema());
  }
}
