package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
}
