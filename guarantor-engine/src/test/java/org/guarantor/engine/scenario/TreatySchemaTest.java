package org.guarantor.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Transport;
import org.guarantor.engine.codec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The treaty file's JSON Schema, checked by an independent validator (networknt, draft 2020-12):
 * every scenario shipped passes it, and it and the check of shape that reads the same schema agree
 * on every golden fixture: a fixture the check finds a problem of shape in, the validator refuses,
 * at the same places; a fixture with none (its mistakes are beyond any schema: a code that names
 * nothing, a plan missing), the validator passes.
 */
class TreatySchemaTest {
  // With formats asserted, as the check of shape does: "date-time" refuses a 30 February.
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_2020_12,
              b ->
                  b.schemaRegistryConfig(
                      SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
          .getSchema(TreatyFile.class.getResourceAsStream(TreatyFile.SCHEMA));

  static Stream<Path> scenarios() throws IOException {
    // Every file in the folder, so a scenario added later is covered without a change here.
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/scenarios"))) {
      return files.sorted().toList().stream();
    }
  }

  @Test
  void the_scenarios_folder_is_not_empty() throws IOException {
    assertThat(scenarios()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void every_bundled_scenario_passes_the_schema(Path scenario) throws IOException {
    List<Error> errors = SCHEMA.validate(Json.mapper().readTree(scenario.toFile()));

    assertThat(errors).as(scenario.toString()).isEmpty();
  }

  static Stream<String> fixtures() throws IOException {
    return TreatyFileCheckTest.fixtures().filter(f -> !f.equals("malformed"));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void the_schema_and_the_check_of_shape_agree(String fixture) throws IOException {
    JsonNode doc =
        Json.mapper().readTree(TreatyFileCheckTest.FIXTURES.resolve(fixture + ".json").toFile());
    List<TreatyProblem> shape = SchemaWalk.schemaOnly(doc);
    List<Error> errors = SCHEMA.validate(doc);

    // The validator names the object for a field missing or not allowed, the field itself for
    // a value it refuses; the check names the field in every case.
    Set<String> refused =
        errors.stream().map(e -> pointer(e.getInstanceLocation())).collect(Collectors.toSet());
    Set<String> found =
        shape.stream()
            .map(
                p ->
                    refused.contains(p.pointer())
                        ? p.pointer()
                        : p.pointer().substring(0, p.pointer().lastIndexOf('/')))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(refused).as(errors.toString()).isEqualTo(found);
  }

  @Test
  void a_fixture_of_each_problem_of_shape_is_caught_by_the_schema() throws IOException {
    for (String fixture :
        List.of(
            "missing-field",
            "missing-speed",
            "unknown-field",
            "wrong-type",
            "bad-date",
            "impossible-date",
            "bad-duration",
            "out-of-range",
            "several-mistakes")) {
      JsonNode doc =
          Json.mapper().readTree(TreatyFileCheckTest.FIXTURES.resolve(fixture + ".json").toFile());
      assertThat(SCHEMA.validate(doc)).as(fixture).isNotEmpty();
    }
  }

  @Test
  void the_schemas_codes_are_the_domains() {
    JsonNode defs = Json.mapper().valueToTree(SchemaWalk.schema()).get("$defs");
    for (String code : List.of("code", "capability", "unit", "threatType")) {
      assertThat(defs.get(code).get("pattern").asText())
          .as(code)
          .isEqualTo("^" + ThreatType.CODE.pattern() + "$");
    }
    assertThat(names(defs.get("role"))).isEqualTo(names(Role.values()));
    assertThat(names(defs.get("transportMode"))).isEqualTo(names(Transport.Mode.values()));
  }

  private static List<String> names(JsonNode def) {
    return Json.mapper().convertValue(def.get("enum"), List.class);
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  private static String pointer(NodePath path) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      sb.append('/').append(SchemaWalk.escape(String.valueOf(path.getElement(i))));
    }
    return sb.toString();
  }
}
