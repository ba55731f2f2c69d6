package org.guarantor.signing;

import java.util.List;
import org.guarantor.domain.dispatch.Reason;

/**
 * A request that cannot be read as a command, with the HTTP status that says so and every reason.
 * Thrown by {@link CommandReader}; an interface turns it into its own error answer.
 */
public final class RequestRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient List<Reason> reasons;

  public RequestRefused(int status, List<Reason> reasons) {
    super(reasons.isEmpty() ? "refused" : reasons.get(0).message(), null, false, false);
    this.status = status;
    this.reasons = List.copyOf(reasons);
  }

  static RequestRefused of(
      int status, String path, org.guarantor.domain.dispatch.ReasonType type, Object... params) {
    return new RequestRefused(status, List.of(Reason.of(path, type, params)));
  }

  public int status() {
    return status;
  }

  public List<Reason> reasons() {
    return reasons;
  }
}
