package org.guarantor.engine.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The mapper reads and writes instants as before, through the hand-written text. */
class InstantTextTest {
  @Test
  void the_mapper_still_reads_offsets_and_names_bad_text() throws Exception {
    assertThat(Json.mapper().readValue("\"2026-01-01T01:00:00+01:00\"", Instant.class))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(Json.mapper().readValue("\"2026-01-01T00:00:00.5Z\"", Instant.class))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00.5Z"));
    assertThat(Json.mapper().writeValueAsString(Instant.parse("2026-01-01T00:00:00.120Z")))
        .isEqualTo("\"2026-01-01T00:00:00.120Z\"");
    Instant far = Instant.parse("+10000-01-01T00:00:00Z");
    assertThat(Json.mapper().writeValueAsString(java.util.List.of(far, Instant.EPOCH)))
        .isEqualTo("[\"+10000-01-01T00:00:00Z\",\"1970-01-01T00:00:00Z\"]");
    assertThatThrownBy(() -> Json.mapper().readValue("\"2026-02-30T00:00:00Z\"", Instant.class))
        .isInstanceOf(InvalidFormatException.class)
        .hasMessageContaining("2026-02-30T00:00:00Z");
  }

  @Test
  void equal_instants_read_on_one_thread_are_one_instance_and_others_stay_apart() throws Exception {
    Instant[] read =
        Json.mapper()
            .readValue(
                "[\"2026-01-01T00:00:00.5Z\",\"2026-01-01T01:00:00.5Z\",\"2026-01-01T00:00:00.5Z\"]",
                Instant[].class);
    assertThat(read[0]).isSameAs(read[2]).isEqualTo(Instant.parse("2026-01-01T00:00:00.5Z"));
    assertThat(read[1]).isEqualTo(Instant.parse("2026-01-01T01:00:00.5Z"));
    // many distinct instants through the same few slots: each still reads as its own text
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 1_000; i++) {
      json.append(i == 0 ? "" : ",")
          .append('"')
          .append(Instant.ofEpochSecond(i * 7_919L, i))
          .append('"');
    }
    Instant[] many = Json.mapper().readValue(json.append(']').toString(), Instant[].class);
    for (int i = 0; i < many.length; i++) {
      assertThat(many[i]).isEqualTo(Instant.ofEpochSecond(i * 7_919L, i));
    }
  }
}
