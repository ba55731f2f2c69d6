package org.guarantor.server;

import java.util.List;
import org.guarantor.domain.dispatch.Reason;

/**
 * The one error body (in the spirit of RFC 9457 problem details): a title, the status, a detail
 * line, and every reason with the path of the offending field.
 */
record Problem(String type, String title, int status, String detail, List<Item> errors) {

  /** One reason: where, what kind, and in words. */
  record Item(String path, String type, String message) {}

  static Problem of(int status, List<Reason> reasons) {
    List<Item> items =
        reasons.stream().map(r -> new Item(r.path(), r.type().name(), r.message())).toList();
    String detail =
        reasons.isEmpty()
            ? title(status)
            : reasons.stream()
                .map(r -> (r.path().isEmpty() ? "" : r.path() + ": ") + r.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
    return new Problem("about:blank", title(status), status, detail, items);
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Unauthenticated";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 408 -> "Request timeout";
      case 409 -> "Conflict";
      case 413 -> "Request body too large";
      case 415 -> "Unsupported media type";
      case 422 -> "Unprocessable request";
      case 429 -> "Too many requests";
      case 503 -> "Service unavailable";
      default -> status >= 500 ? "Internal error" : "Error";
    };
  }
}
