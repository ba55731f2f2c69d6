package org.guarantor.domain.plan;

import java.util.List;
import java.util.Objects;

/** What the treaty sends, agreed in advance, for one threat type and severity. Immutable. */
public record ResponsePlan(ThreatType threat, int severity, List<PlanLine> lines) {
  public ResponsePlan {
    Objects.requireNonNull(threat, "threat");
    lines = List.copyOf(lines);
  }

  public String id() {
    return threat + "/" + severity;
  }
}
