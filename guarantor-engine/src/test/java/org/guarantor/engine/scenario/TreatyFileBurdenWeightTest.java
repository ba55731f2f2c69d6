package org.guarantor.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.codec.Json;
import org.junit.jupiter.api.Test;

/**
 * The treaty file's {@code burdenWeight}: how much the online allocator weighs burden-sharing. One
 * field changed on the bundled treaty per test.
 */
class TreatyFileBurdenWeightTest {
  private static ObjectNode bundled() throws Exception {
    try (InputStream in = TreatyFile.class.getResourceAsStream(TreatyFile.BUNDLED)) {
      return (ObjectNode) Json.mapper().readTree(in);
    }
  }

  private static Treaty read(ObjectNode json) {
    byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
    return TreatyFile.read(new ByteArrayInputStream(bytes), "test.json");
  }

  @Test
  void the_bundled_treaty_names_a_weight_of_one() {
    assertThat(TreatyFile.bundled().burdenWeight()).isEqualTo(1.0);
  }

  @Test
  void a_file_written_before_the_field_existed_loads_with_the_default() throws Exception {
    ObjectNode json = bundled();
    json.remove("burdenWeight");

    assertThat(read(json).burdenWeight()).isEqualTo(Treaty.DEFAULT_BURDEN_WEIGHT);
  }

  @Test
  void zero_turns_burden_sharing_off_and_any_other_number_is_read_as_given() throws Exception {
    ObjectNode json = bundled();
    json.put("burdenWeight", 0);
    assertThat(read(json).burdenWeight()).isZero();

    json.put("burdenWeight", 2.5);
    assertThat(read(json).burdenWeight()).isEqualTo(2.5);
  }

  @Test
  void a_weight_that_is_not_a_number_is_refused_naming_the_field() throws Exception {
    ObjectNode json = bundled();
    json.put("burdenWeight", "heavy");

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(TreatyFile.InvalidTreatyFile.class)
        .hasMessageStartingWith("test.json: at /burdenWeight: ");
  }

  @Test
  void a_negative_weight_reads_but_names_the_field_when_the_treaty_is_checked() throws Exception {
    // Reading is syntax only; adoption checks values (see AdoptTreatyTest): /burdenWeight.
    ObjectNode json = bundled();
    json.put("burdenWeight", -1);

    assertThat(read(json).burdenWeight()).isEqualTo(-1.0);
  }
}
