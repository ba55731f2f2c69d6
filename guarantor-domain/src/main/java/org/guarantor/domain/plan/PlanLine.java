package org.guarantor.domain.plan;

import java.time.Duration;
import java.util.Objects;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Quantity;

/**
 * One line of a response plan: this much of this capability within this many hours of activation.
 */
public record PlanLine(int line, Capability capability, Quantity quantity, Duration deadline) {
  public PlanLine {
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(deadline, "deadline");
  }
}
