package org.guarantor.domain.allocation;

import java.util.List;

/** The result of allocating one requirement: assignments and the quantity left uncovered. */
public record Allocation(List<Assignment> assignments, long shortfall, String shortfallReason) {
  public Allocation {
    assignments = List.copyOf(assignments);
  }
}
