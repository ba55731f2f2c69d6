package org.guarantor.domain.treaty;

import java.time.Duration;
import java.util.Objects;

/**
 * When a report in scope becomes an activated incident.
 *
 * @param kind automatic, or after corroboration by guarantors
 * @param corroborations how many distinct guarantors must corroborate (for {@link
 *     Kind#CORROBORATION})
 * @param within the window after the report in which they must do so
 */
public record ActivationRule(Kind kind, int corroborations, Duration within) {
  /** Activation kinds. */
  public enum Kind {
    AUTOMATIC,
    CORROBORATION
  }

  public ActivationRule {
    Objects.requireNonNull(kind, "kind");
    within = within == null ? Duration.ofHours(24) : within;
  }

  public static ActivationRule automatic() {
    return new ActivationRule(Kind.AUTOMATIC, 0, Duration.ofHours(24));
  }
}
