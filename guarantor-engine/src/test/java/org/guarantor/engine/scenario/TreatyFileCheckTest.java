package org.guarantor.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden fixtures: {@code treaties/valid.json} is a small treaty with no problem, and every other
 * file there is that treaty with one mistake (or, {@code several-mistakes.json}, six), and the
 * check names exactly these problems, by pointer and code.
 */
class TreatyFileCheckTest {
  static final Path FIXTURES = Path.of("src/test/resources/treaties");

  /** Each fixture's problems, as "pointer code", in the order the check reports them. */
  static final Map<String, List<String>> EXPECTED =
      Map.ofEntries(
          Map.entry("valid", List.of()),
          // A treaty in its own words (vocabulary.json), and that treaty with one mistake.
          Map.entry("vocabulary", List.of()),
          Map.entry("vocabulary-unknown-capability", List.of("/pledges/0/capability unknown-code")),
          Map.entry(
              "vocabulary-wrong-unit",
              List.of(
                  "/pledges/1/quantity/unit wrong-unit",
                  // the only pledge of air defence in systems was that one
                  "/plans/5/lines/0 unservable-line",
                  "/plans/6/lines/0 unservable-line",
                  "/plans/7/lines/0 unservable-line",
                  "/plans/8/lines/0 unservable-line",
                  "/plans/9/lines/0 unservable-line")),
          Map.entry("vocabulary-duplicate-code", List.of("/vocabulary/units/2/code duplicate-id")),
          Map.entry(
              "vocabulary-undeclared-unit",
              List.of("/vocabulary/capabilities/0/units/1 unknown-code")),
          Map.entry("vocabulary-unknown-threat", List.of("/plans/0/threat unknown-code")),
          Map.entry("malformed", List.of(" malformed-json")),
          Map.entry("missing-field", List.of("/pledges/0/readiness required")),
          Map.entry("missing-speed", List.of("/pledges/2/transport/speedKmh required")),
          Map.entry("unknown-field", List.of("/colour unknown-field")),
          Map.entry("wrong-type", List.of("/version wrong-type")),
          Map.entry("unknown-capability", List.of("/pledges/3/capability unknown-code")),
          Map.entry("unknown-unit", List.of("/plans/0/lines/0/quantity/unit unknown-code")),
          Map.entry(
              "unknown-threat-type", List.of("/pledges/5/caveats/threatTypes/0 unknown-code")),
          Map.entry("unknown-party", List.of("/pledges/0/guarantor unknown-code")),
          Map.entry("wrong-role", List.of("/pledges/0/guarantor wrong-role")),
          Map.entry("unknown-hub", List.of("/pledges/0/hub unknown-code")),
          Map.entry("unknown-hub-country", List.of("/hubs/0/country unknown-code")),
          Map.entry("unknown-region", List.of("/territory/exclude/0 unknown-code")),
          Map.entry(
              "unknown-caveat-region",
              List.of("/pledges/5/caveats/excludedRegions/0 unknown-code")),
          Map.entry("no-plan", List.of("/plans no-plan")),
          Map.entry("unservable-no-pledge", List.of("/plans/0/lines/0 unservable-line")),
          Map.entry("unservable-caveats", List.of("/plans/15/lines/1 unservable-line")),
          Map.entry("unservable-deadline", List.of("/plans/7/lines/1 unservable-line")),
          Map.entry("duplicate-id", List.of("/pledges/1/id duplicate-id")),
          Map.entry("bad-date", List.of("/effectiveFrom bad-date")),
          Map.entry("impossible-date", List.of("/effectiveFrom bad-date")),
          Map.entry("bad-duration", List.of("/pledges/0/readiness bad-duration")),
          Map.entry("out-of-range", List.of("/plans/2/severity out-of-range")),
          Map.entry(
              "wrong-unit",
              List.of(
                  "/pledges/0/quantity/unit wrong-unit",
                  // the only pledge of armed forces in people was that one
                  "/plans/7/lines/1 unservable-line",
                  "/plans/8/lines/1 unservable-line",
                  "/plans/9/lines/1 unservable-line")),
          Map.entry(
              "several-mistakes",
              List.of(
                  "/name required",
                  "/hubs/1/colour unknown-field",
                  "/pledges/3/capability unknown-code",
                  "/plans/1/lines/0/deadline bad-duration",
                  "/parties/2/code duplicate-id",
                  // GBR is no party once its entry says POL
                  "/pledges/2/guarantor unknown-code",
                  "/pledges/4/guarantor unknown-code",
                  "/territory/exclude/1 unknown-code")));

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      return files
          .map(f -> f.getFileName().toString().replaceFirst("\\.json$", ""))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void every_fixture_has_its_expected_problems_and_every_expectation_its_fixture()
      throws IOException {
    assertThat(new TreeSet<>(fixtures().toList())).isEqualTo(new TreeSet<>(EXPECTED.keySet()));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void the_check_names_exactly_the_fixtures_problems(String fixture) throws IOException {
    List<TreatyProblem> problems =
        TreatyFile.check(FIXTURES.resolve(fixture + ".json"), NaturalEarthAtlas.load());

    assertThat(problems.stream().map(p -> p.pointer() + " " + p.code().id()).toList())
        .as(problems.toString())
        .isEqualTo(EXPECTED.get(fixture));
    assertThat(problems)
        .allSatisfy(
            p ->
                assertThat(p.message())
                    .as("no Java class name, no exception in " + p)
                    .doesNotContainPattern("\\b(java|com|org)\\.[a-z]")
                    .doesNotContain("Exception"));
  }

  @Test
  void an_unknown_code_lists_the_codes_the_files_own_vocabulary_declares() throws IOException {
    List<TreatyProblem> capability =
        TreatyFile.check(
            FIXTURES.resolve("vocabulary-unknown-capability.json"), NaturalEarthAtlas.load());
    List<TreatyProblem> unit =
        TreatyFile.check(
            FIXTURES.resolve("vocabulary-undeclared-unit.json"), NaturalEarthAtlas.load());
    List<TreatyProblem> threat =
        TreatyFile.check(
            FIXTURES.resolve("vocabulary-unknown-threat.json"), NaturalEarthAtlas.load());

    assertThat(capability.get(0).line())
        .isEqualTo(
            "/pledges/0/capability: unknown-code: unknown capability \"ARMED_FORCES\"; known:"
                + " DEMINING, AIR_DEFENCE");
    assertThat(unit.get(0).line())
        .isEqualTo(
            "/vocabulary/capabilities/0/units/1: unknown-code: unknown unit \"PERSONNEL\"; known:"
                + " TEAMS, SYSTEMS");
    assertThat(threat.get(0).line())
        .isEqualTo(
            "/plans/0/threat: unknown-code: unknown threat type \"SABOTAGE\"; known:"
                + " HYBRID_ATTACK, AIR_ATTACK");
  }

  @Test
  void a_code_declared_twice_and_a_unit_a_capability_is_not_counted_in_are_named()
      throws IOException {
    List<TreatyProblem> twice =
        TreatyFile.check(
            FIXTURES.resolve("vocabulary-duplicate-code.json"), NaturalEarthAtlas.load());
    List<TreatyProblem> wrong =
        TreatyFile.check(FIXTURES.resolve("vocabulary-wrong-unit.json"), NaturalEarthAtlas.load());

    assertThat(twice.get(0).line())
        .isEqualTo("/vocabulary/units/2/code: duplicate-id: unit \"TEAMS\" is listed twice");
    assertThat(wrong.get(0).line())
        .isEqualTo(
            "/pledges/1/quantity/unit: wrong-unit: AIR_DEFENCE is not counted in TEAMS; it is"
                + " counted in SYSTEMS");
  }

  @Test
  void the_treaty_in_its_own_words_reads_with_its_vocabulary() {
    org.guarantor.domain.treaty.Treaty t = TreatyFile.read(FIXTURES.resolve("vocabulary.json"));

    assertThat(t.vocabulary().threatTypeCodes())
        .extracting(org.guarantor.domain.plan.ThreatType::code)
        .containsExactly("HYBRID_ATTACK", "AIR_ATTACK");
    assertThat(t.vocabulary().threatType(org.guarantor.domain.plan.ThreatType.of("HYBRID_ATTACK")))
        .hasValueSatisfying(h -> assertThat(h.label()).isEqualTo("Hybrid attack"));
    assertThat(
            t.vocabulary()
                .countsIn(
                    org.guarantor.domain.pledge.Capability.of("DEMINING"),
                    org.guarantor.domain.pledge.Unit.of("TEAMS")))
        .isTrue();
    assertThat(t.vocabulary().countsPeople(org.guarantor.domain.pledge.Unit.of("TEAMS"))).isFalse();
    assertThat(TreatyFile.read(FIXTURES.resolve("valid.json")).vocabulary())
        .as("a file without a vocabulary speaks the bundled one")
        .isSameAs(org.guarantor.domain.treaty.Vocabulary.DEFAULT);
  }

  @Test
  void a_problem_prints_as_one_line_with_its_pointer_and_code() throws IOException {
    List<TreatyProblem> problems =
        TreatyFile.check(FIXTURES.resolve("unknown-capability.json"), NaturalEarthAtlas.load());

    assertThat(problems.get(0).line())
        .isEqualTo(
            "/pledges/3/capability: unknown-code: unknown capability \"CYBER\"; known:"
                + " ARMED_FORCES, AIR_DEFENCE, WEAPONS, INTELLIGENCE, TRAINING");
  }

  @Test
  void the_bundled_scenario_has_no_problem_and_still_reads() throws IOException {
    try (InputStream in = TreatyFile.class.getResourceAsStream(TreatyFile.BUNDLED)) {
      assertThat(TreatyFile.check(in, NaturalEarthAtlas.load())).isEmpty();
    }
    assertThat(TreatyFile.bundled().pledges()).isNotEmpty();
  }

  @Test
  void a_file_that_holds_no_object_is_one_problem() throws IOException {
    assertThat(check("")).containsExactly(" malformed-json");
    assertThat(check("[1]")).containsExactly(" wrong-type");
    assertThat(check("{\"id\": 1} trailing")).containsExactly(" malformed-json");
    assertThat(check("{\"id\": \"a\", \"id\": \"b\"}")).containsExactly(" malformed-json");
  }

  private static List<String> check(String json) throws IOException {
    return TreatyFile.check(
            new java.io.ByteArrayInputStream(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            NaturalEarthAtlas.load())
        .stream()
        .map(p -> p.pointer() + " " + p.code().id())
        .toList();
  }
}
