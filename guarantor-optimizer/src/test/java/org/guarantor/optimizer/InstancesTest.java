package org.guarantor.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstancesTest {
  @Test
  void the_same_seed_gives_the_same_instance() {
    assertThat(InstanceGenerator.generate(7, 40, 200))
        .isEqualTo(InstanceGenerator.generate(7, 40, 200));
    assertThat(InstanceGenerator.generate(7, 40, 200))
        .isNotEqualTo(InstanceGenerator.generate(8, 40, 200));
  }

  @Test
  void an_instance_has_the_sizes_asked_for() {
    Instance i = InstanceGenerator.generate(1, 100, 1000);

    assertThat(i.lineCount()).isEqualTo(100);
    assertThat(i.pledges()).hasSize(1000);
    assertThat(i.problem().lines()).hasSize(100);
  }

  @Test
  void json_round_trip_is_lossless() throws Exception {
    Instance i = InstanceGenerator.generate(3, 30, 120);

    assertThat(Instances.fromJson(Instances.toJson(i))).isEqualTo(i);
  }
}
