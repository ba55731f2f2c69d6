package org.guarantor.store;

import java.time.Instant;

/**
 * Instants as ISO-8601 UTC text exactly as {@link Instant#toString()} writes them ({@code
 * 2026-11-28T08:43:12.5Z}: fraction digits in groups of three, none when zero), formatted and
 * parsed without {@code java.time.format}, which costs about a microsecond per call: the log holds
 * a dozen instants per tasking event, and replay and the writer handle hundreds of thousands of
 * events. Only the years 0000–9999 take the fast way; {@link #format} hands any other instant to
 * {@code Instant.toString}, and {@link #parseCanonical} answers null for text in any other form so
 * that the caller can use a general parser (and its error messages). Stateless and thread-safe.
 */
public final class IsoInstant {
  private IsoInstant() {}

  private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
  private static final long MAX_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

  /** The text of {@link Instant#toString()}. */
  public static String format(Instant t) {
    return format(t, false);
  }

  /**
   * The text with exactly nine fraction digits ({@code 2026-11-28T08:43:12.500000000Z}), or null
   * for years outside 0000–9999.
   */
  static String formatNanos(Instant t) {
    return format(t, true);
  }

  /** Characters {@link #format(Instant, char[])} may need. */
  public static final int MAX_LENGTH = 30;

  private static String format(Instant t, boolean nineDigits) {
    long s = t.getEpochSecond();
    if (s < MIN_SECOND || s > MAX_SECOND) {
      return nineDigits ? null : t.toString();
    }
    char[] out = new char[MAX_LENGTH];
    return new String(out, 0, write(t, nineDigits, out));
  }

  /**
   * Writes the text of {@link Instant#toString()} into {@code out} (at least {@link #MAX_LENGTH}
   * long) and answers its length, or -1 for years outside 0000–9999, which the caller formats the
   * slow way. For callers that copy the text on (a JSON generator) and need no string of it.
   */
  public static int format(Instant t, char[] out) {
    long s = t.getEpochSecond();
    return s < MIN_SECOND || s > MAX_SECOND ? -1 : write(t, false, out);
  }

  private static int write(Instant t, boolean nineDigits, char[] out) {
    long s = t.getEpochSecond();
    long days = Math.floorDiv(s, 86_400L);
    int secOfDay = (int) Math.floorMod(s, 86_400L);
    // Civil date from days since 1970-01-01 (proleptic Gregorian calendar).
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
    out[10] = 'T';
    digits(out, 11, secOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, secOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secOfDay % 60, 2);
    int n = 19;
    int nano = t.getNano();
    if (nineDigits) {
      out[n++] = '.';
      digits(out, n, nano, 9);
      n += 9;
    } else if (nano > 0) {
      out[n++] = '.';
      if (nano % 1_000_000 == 0) {
        digits(out, n, nano / 1_000_000, 3);
        n += 3;
      } else if (nano % 1_000 == 0) {
        digits(out, n, nano / 1_000, 6);
        n += 6;
      } else {
        digits(out, n, nano, 9);
        n += 9;
      }
    }
    out[n++] = 'Z';
    return n;
  }

  /**
   * The instant of canonical text {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null when the text is
   * in any other form (the caller then uses the standard reader).
   */
  public static Instant parseCanonical(String s) {
    int n = s.length();
    return n < 20 || n > 30 ? null : parseCanonical(s.toCharArray(), 0, n);
  }

  /**
   * As {@link #parseCanonical(String)}, from {@code length} characters of {@code text} at {@code
   * offset}: a JSON parser's own buffer, so that no string is made of every instant read.
   */
  public static Instant parseCanonical(char[] text, int offset, int length) {
    int n = length;
    int o = offset;
    if (n < 20
        || n > 30
        || text[o + 4] != '-'
        || text[o + 7] != '-'
        || text[o + 10] != 'T'
        || text[o + 13] != ':'
        || text[o + 16] != ':'
        || text[o + n - 1] != 'Z') {
      return null;
    }
    int year = number(text, o, o + 4);
    int month = number(text, o + 5, o + 7);
    int day = number(text, o + 8, o + 10);
    int hour = number(text, o + 11, o + 13);
    int minute = number(text, o + 14, o + 16);
    int second = number(text, o + 17, o + 19);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > lengthOfMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nano = 0;
    if (n > 20) {
      if (text[o + 19] != '.' || n == 21) {
        return null;
      }
      nano = number(text, o + 20, o + n - 1);
      if (nano < 0) {
        return null;
      }
      for (int i = n - 21; i < 9; i++) {
        nano *= 10;
      }
    }
    long days = epochDay(year, month, day);
    return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second, nano);
  }

  private static int number(char[] s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = s[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static boolean leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  }

  private static int lengthOfMonth(int y, int m) {
    switch (m) {
      case 2:
        return leap(y) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  private static long epochDay(int y, int m, int d) {
    long yy = m <= 2 ? y - 1 : y;
    long era = Math.floorDiv(yy, 400);
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
