package org.guarantor.store;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * The one text form of a recorded time: ISO-8601 UTC with exactly nine fraction digits, e.g. {@code
 * 2025-03-01T12:00:00.000000000Z}. A fixed width keeps the text canonical (one instant, one string,
 * as the hash chain needs), lossless to the nanosecond, and sortable as text in any database.
 */
final class RecordedTime {
  private static final DateTimeFormatter CANONICAL =
      new DateTimeFormatterBuilder().appendInstant(9).toFormatter(Locale.ROOT);

  private RecordedTime() {}

  static String format(Instant at) {
    String fast = IsoInstant.formatNanos(at);
    return fast != null ? fast : CANONICAL.format(at);
  }

  static Instant parse(String text) {
    // Stored times are canonical, so the fast reader almost always applies (one per row on
    // replay); anything else, including damage, goes through the formatter and its error.
    if (text.length() == 30) {
      Instant fast = IsoInstant.parseCanonical(text);
      if (fast != null) {
        return fast;
      }
    }
    return CANONICAL.parse(text, Instant::from);
  }
}
