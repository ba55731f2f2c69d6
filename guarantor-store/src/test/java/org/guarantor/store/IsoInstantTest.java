package org.guarantor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written instant text is exactly {@link Instant#toString()}, both ways. */
class IsoInstantTest {
  @Test
  void formats_exactly_as_instant_to_string_and_reads_it_back() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long second = random.nextLong(-62_167_219_200L, 253_402_300_800L);
      int nano =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant t = Instant.ofEpochSecond(second, nano);
      String text = IsoInstant.format(t);
      assertThat(text).isEqualTo(t.toString());
      char[] buffer = new char[IsoInstant.MAX_LENGTH];
      assertThat(new String(buffer, 0, IsoInstant.format(t, buffer))).isEqualTo(text);
      assertThat(IsoInstant.parseCanonical(text)).isEqualTo(t);
      // and from inside a larger buffer, as a JSON parser hands its text over
      char[] around = ("{\"at\":\"" + text + "\"}").toCharArray();
      assertThat(IsoInstant.parseCanonical(around, 7, text.length())).isEqualTo(t);
    }
  }

  @Test
  void edges_of_the_calendar_read_and_write_like_java_time() {
    for (String s :
        new String[] {
          "0000-01-01T00:00:00Z",
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59.999999999Z",
          "2000-02-29T12:00:00Z",
          "2100-02-28T23:59:59.1Z",
          "9999-12-31T23:59:59.999Z"
        }) {
      Instant expected = Instant.parse(s);
      assertThat(IsoInstant.parseCanonical(s)).as(s).isEqualTo(expected);
      assertThat(IsoInstant.format(expected)).isEqualTo(expected.toString());
    }
    Instant far = Instant.parse("+10000-01-01T00:00:00Z");
    assertThat(IsoInstant.format(far)).isEqualTo(far.toString());
    assertThat(IsoInstant.format(far, new char[IsoInstant.MAX_LENGTH])).isEqualTo(-1);
  }

  @Test
  void text_in_any_other_form_is_left_to_the_standard_reader() {
    for (String s :
        new String[] {
          "2026-02-29T00:00:00Z",
          "2026-13-01T00:00:00Z",
          "2026-01-01T24:00:00Z",
          "2026-01-01T00:60:00Z",
          "2026-01-01T00:00:00.Z",
          "2026-01-01T00:00:00.1234567890Z",
          "2026-01-01T00:00:00+01:00",
          "2026-01-0xT00:00:00Z",
          "2026-01-01 00:00:00Z",
          "+10000-01-01T00:00:00Z",
          "yesterday"
        }) {
      assertThat(IsoInstant.parseCanonical(s)).as(s).isNull();
      char[] around = ("\"" + s + "\"").toCharArray();
      assertThat(IsoInstant.parseCanonical(around, 1, s.length())).as(s).isNull();
    }
  }
}
