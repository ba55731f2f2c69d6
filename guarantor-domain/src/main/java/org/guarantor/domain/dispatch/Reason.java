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

  public String message() {
    String m = type.template();
    for (int i = 0; i < params.size(); i++) {
      m = m.replace("{" + i + "}", params.get(i));
    }
    return m;
  }
}
