package org.guarantor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored text of a recorded time: one canonical form, lossless to the nanosecond. */
class RecordedTimeTest {

  @Test
  void alwaysNineFractionDigitsInUtc() {
    assertThat(RecordedTime.format(Instant.parse("2025-03-01T12:00:00Z")))
        .isEqualTo("2025-03-01T12:00:00.000000000Z");
    assertThat(RecordedTime.format(Instant.parse("2025-03-01T12:00:00.5Z")))
        .isEqualTo("2025-03-01T12:00:00.500000000Z");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-03-01T12:00:00Z",
        "2025-03-01T12:00:00.000000001Z",
        "1969-12-31T23:59:59.999999999Z",
        "0001-01-01T00:00:00Z",
        "+12025-03-01T12:00:00.123Z"
      })
  void readsBackTheSameInstant(String iso) {
    Instant instant = Instant.parse(iso);

    assertThat(RecordedTime.parse(RecordedTime.format(instant))).isEqualTo(instant);
  }

  @Test
  void theFastFormIsTheFormattersForEveryInstant() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    java.time.format.DateTimeFormatter formatter =
        new java.time.format.DateTimeFormatterBuilder()
            .appendInstant(9)
            .toFormatter(java.util.Locale.ROOT);
    for (int i = 0; i < 100_000; i++) {
      Instant t =
          Instant.ofEpochSecond(
              random.nextLong(-62_167_219_200L, 253_402_300_800L),
              i % 3 == 0 ? 0 : random.nextInt(1_000_000_000));
      String text = RecordedTime.format(t);
      assertThat(text).isEqualTo(formatter.format(t));
      assertThat(RecordedTime.parse(text)).isEqualTo(t);
    }
  }

  @Test
  void textOrderIsTimeOrderWithinTheFourDigitYears() {
    String earlier = RecordedTime.format(Instant.parse("2025-03-01T12:00:00.9Z"));
    String later = RecordedTime.format(Instant.parse("2025-03-01T12:00:01Z"));

    assertThat(earlier).isLessThan(later);
  }
}
