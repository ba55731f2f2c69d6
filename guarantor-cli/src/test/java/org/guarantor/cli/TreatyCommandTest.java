package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guarantor treaty validate}, and the commands that take a treaty file refusing a bad one.
 */
class TreatyCommandTest {
  private static final String BUNDLED =
      "../guarantor-engine/src/main/resources/scenarios/ukraine.json";
  private static final Path FIXTURES = Path.of("../guarantor-engine/src/test/resources/treaties");
  private static final String SEVERAL = FIXTURES.resolve("several-mistakes.json").toString();

  /** What the engine's golden test says of several-mistakes.json, as validate prints it. */
  private static final String[] SEVERAL_LINES = {
    "/name: required: a treaty needs name",
    "/hubs/1/colour: unknown-field: unknown field \"colour\" in a hub; its fields are id, name,"
        + " country, lat, lon",
    "/pledges/3/capability: unknown-code: unknown capability \"CYBER\"; known: ARMED_FORCES,"
        + " AIR_DEFENCE, WEAPONS, INTELLIGENCE, TRAINING",
    "/plans/1/lines/0/deadline: bad-duration: \"4h\" is not an ISO 8601 duration such as PT12H,"
        + " P2D or PT30M",
    "/parties/2/code: duplicate-id: party \"POL\" is listed twice",
    "/pledges/2/guarantor: unknown-code: unknown party GBR: not among the parties",
    "/pledges/4/guarantor: unknown-code: unknown party GBR: not among the parties",
    "/territory/exclude/1: unknown-code: unknown region or country code \"UA-99\": not in the atlas"
  };

  @TempDir Path dir;

  @Test
  void a_good_file_is_one_line_and_exit_0() {
    CliRun r = CliRun.of("treaty", "validate", BUNDLED);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            BUNDLED
                + ": valid: treaty ukraine-security-guarantees v1, 12 parties, 9 hubs, 47 pledges,"
                + " 25 plans\n");
  }

  @Test
  void a_bad_file_is_every_problem_one_line_each_and_exit_1() {
    CliRun r = CliRun.of("treaty", "validate", SEVERAL);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out().lines()).containsExactly(SEVERAL_LINES);
    assertThat(r.err()).isEqualTo(SEVERAL + ": 8 problems\n");
  }

  @Test
  void an_unreadable_file_is_exit_2() {
    CliRun r = CliRun.of("treaty", "validate", dir.resolve("none.json").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(dir.resolve("none.json") + ": cannot read: no such file\n");
    assertThat(CliRun.of("treaty", "validate", dir.toString()).exit()).isEqualTo(2);
  }

  @Test
  void territory_check_refuses_a_bad_file_with_every_problem() {
    CliRun r = CliRun.of("territory", "check", "--scenario", SEVERAL, "50.45", "30.52");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    refusal(r.err());
  }

  @Test
  void serve_refuses_a_bad_file_with_every_problem_before_it_makes_anything() {
    Path data = dir.resolve("data");
    CliRun r = CliRun.of("serve", "--port", "0", "--data", data.toString(), "--scenario", SEVERAL);

    assertThat(r.exit()).isEqualTo(2);
    refusal(r.err());
    assertThat(Files.exists(data)).isFalse();
  }

  private static void refusal(String err) {
    assertThat(err.lines().findFirst().orElse(""))
        .isEqualTo(
            SEVERAL
                + ": not a valid treaty file (8 problems; guarantor treaty validate says the"
                + " same):");
    assertThat(err.lines().skip(1).map(String::strip)).containsExactly(SEVERAL_LINES);
    assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
