package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.engine.codec.Json;
import org.guarantor.engine.scenario.TreatyFile;
import org.guarantor.optimizer.Instance;
import org.guarantor.optimizer.InstanceGenerator;
import org.guarantor.optimizer.Instances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  @TempDir Path dir;

  private String run(String... args) {
    PrintStream before = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).isZero();
    } finally {
      System.setOut(before);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void an_instance_file_is_planned_by_both_allocators() throws Exception {
    Path file = dir.resolve("instance.json");
    Instances.write(InstanceGenerator.generate(5, 20, 100), file);

    String out = run("plan", "--instance", file.toString());

    assertThat(out).contains("instance generated-5-20x100: ");
    assertThat(out).containsPattern("(?m)^online +\\d+ +\\d+ ");
    assertThat(out).containsPattern("(?m)^exact +\\d+ +\\d+ ");
    assertThat(out).contains("solver status OPTIMAL");
  }

  @Test
  void a_generated_instance_can_be_written_and_read_back() throws Exception {
    Path file = dir.resolve("written.json");

    run("plan", "--generate", "12x60", "--seed", "9", "--write", file.toString());

    assertThat(Instances.read(file)).isEqualTo(InstanceGenerator.generate(9, 12, 60));
  }

  @Test
  void the_bundled_scenario_gives_concurrent_incidents() {
    assertThat(run("plan", "--scenario", "--incidents", "3")).contains("3 incidents");
  }

  @Test
  void a_treaty_file_gives_incidents_inside_its_own_territory() throws Exception {
    // The bundled treaty narrowed to Lviv Oblast: every incident must lie there, not in a box
    // over Ukraine.
    ObjectNode tree;
    try (InputStream in = TreatyFile.class.getResourceAsStream(TreatyFile.BUNDLED)) {
      tree = (ObjectNode) Json.mapper().readTree(in);
    }
    ObjectNode territory = (ObjectNode) tree.get("territory");
    territory.putArray("include").add("UA-46");
    territory.putArray("exclude");
    Path treaty = dir.resolve("lviv.json");
    Files.writeString(treaty, tree.toString());
    Path written = dir.resolve("lviv-instance.json");

    String out =
        run(
            "plan",
            "--scenario",
            treaty.toString(),
            "--incidents",
            "8",
            "--write",
            written.toString(),
            "--budget",
            "PT0.5S");

    assertThat(out).contains("8 incidents");
    CoveredTerritory lviv =
        CoveredTerritory.build(NaturalEarthAtlas.load(), TreatyFile.read(treaty).territory());
    Instance instance = Instances.read(written);
    assertThat(instance.incidents()).hasSize(8);
    for (Instance.IncidentSpec i : instance.incidents()) {
      ScopeAnswer a = lviv.check(i.lat(), i.lon());
      assertThat(a.cause()).as(i.toString()).isEqualTo(ScopeAnswer.Cause.IN_COVERED_TERRITORY);
      assertThat(i.region()).isEqualTo("UA-46");
    }
  }
}
