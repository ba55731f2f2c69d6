package org.guarantor.server;

import java.util.List;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;

/**
 * A refusal on its way to the client: an HTTP status and the reasons. Thrown by controllers, turned
 * into one problem body in {@link Routes}.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final transient List<Reason> reasons;

  /** Seconds after which the same request may succeed (sent as Retry-After); 0 for none. */
  final long retryAfter;

  ApiError(int status, List<Reason> reasons) {
    this(status, reasons, 0);
  }

  private ApiError(int status, List<Reason> reasons, long retryAfter) {
    super(reasons.isEmpty() ? "error" : reasons.get(0).message(), null, false, false);
    this.status = status;
    this.reasons = List.copyOf(reasons);
    this.retryAfter = retryAfter;
  }

  /** The same refusal, saying when to try again. */
  ApiError retryAfter(long seconds) {
    return new ApiError(status, reasons, seconds);
  }

  static ApiError of(int status, String path, ReasonType type, Object... params) {
    return new ApiError(status, List.of(Reason.of(path, type, params)));
  }

  static int status(ReasonType.Category c) {
    return switch (c) {
      case INVALID -> 422;
      case NOT_FOUND -> 404;
      case FORBIDDEN -> 403;
      case CONFLICT -> 409;
      case UNAUTHENTICATED -> 401;
    };
  }
}
