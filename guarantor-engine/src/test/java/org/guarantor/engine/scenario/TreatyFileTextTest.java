package org.guarantor.engine.scenario;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.guarantor.engine.codec.Json;
import org.junit.jupiter.api.Test;

/** A treaty file whose text could not be stored is refused with the field, not adopted. */
class TreatyFileTextTest {
  private static void read(String json) {
    TreatyFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "treaty.json");
  }

  @Test
  void a_lone_surrogate_in_any_name_is_refused_with_its_pointer() throws Exception {
    ObjectNode treaty;
    try (InputStream in = TreatyFile.class.getResourceAsStream(TreatyFile.BUNDLED)) {
      treaty = (ObjectNode) Json.mapper().readTree(in);
    }
    ((ObjectNode) treaty.get("hubs").get(1)).put("name", "Rzesz@w");
    // the file's text holds the JSON escape, as a hand-edited file would
    String text = treaty.toString().replace("Rzesz@w", "Rzesz\\ud800w");

    assertThatThrownBy(() -> read(text))
        .isInstanceOf(TreatyFile.InvalidTreatyFile.class)
        .hasMessage(
            "treaty.json: at /hubs/1/name: character 5 is an unpaired UTF-16 surrogate"
                + " (\\uD800), which no text encoding can store");
  }

  @Test
  void a_file_that_holds_no_object_says_what_it_found() {
    assertThatThrownBy(() -> read(""))
        .isInstanceOf(TreatyFile.InvalidTreatyFile.class)
        .hasMessage("treaty.json: expected a treaty as a JSON object, found nothing");
    assertThatThrownBy(() -> read("[1]"))
        .isInstanceOf(TreatyFile.InvalidTreatyFile.class)
        .hasMessage("treaty.json: expected a treaty as a JSON object, found ARRAY");
  }
}
