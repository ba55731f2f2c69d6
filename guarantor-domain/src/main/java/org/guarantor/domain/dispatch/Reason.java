package org.guarantor.domain.dispatch;

import java.util.List;

/**
 * One reason for a refusal: where (a JSON-pointer-like path to the offending field, e.g. {@code
 * /location/lat}), what kind, and the parameters of its message.
 */
public record Reason(String path, ReasonType type, List<String> params) {
  public Reason {
    params = List.copyOf(params);
  }

  public static Reason of(String path, ReasonType type, Object... params) {
    return new Reason(path, type, java.util.Arrays.stream(params).map(String::valueOf).toList());
  }

  /**
   * The template with each {@code {n}} replaced by parameter n, in one pass: a parameter that
   * itself contains "{1}" (a user's key or reason) is copied as is, never substituted again.
   */
  public String message() {
    String t = type.template();
    StringBuilder m = new StringBuilder(t.length() + 32);
    int i = 0;
    while (i < t.length()) {
      char ch = t.charAt(i);
      int close = ch == '{' ? t.indexOf('}', i) : -1;
      if (close > i + 1 && t.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
        int n = Integer.parseInt(t.substring(i + 1, close));
        m.append(n < params.size() ? params.get(n) : t.substring(i, close + 1));
        i = close + 1;
      } else {
        m.append(ch);
        i++;
      }
    }
    return m.toString();
  }
}
