package org.guarantor.domain;

/**
 * The text of a serial id such as {@code TSK-000042}: a prefix and the number zero-padded to six
 * digits (more when it needs them), exactly as {@code String.format(prefix + "%06d", n)} writes it,
 * without the formatter's parsing of its pattern on every call: the writer names a tasking or an
 * incident for every one it creates.
 */
public final class SerialText {
  private static final int WIDTH = 6;

  private SerialText() {}

  /**
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public static String of(String prefix, long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a serial number cannot be negative: " + n);
    }
    String digits = Long.toString(n);
    int pad = WIDTH - digits.length();
    if (pad <= 0) {
      return prefix + digits;
    }
    StringBuilder b = new StringBuilder(prefix.length() + WIDTH).append(prefix);
    for (int i = 0; i < pad; i++) {
      b.append('0');
    }
    return b.append(digits).toString();
  }
}
