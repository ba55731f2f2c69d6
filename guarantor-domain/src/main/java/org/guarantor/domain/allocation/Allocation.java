package org.guarantor.domain.allocation;

import java.util.List;

/**
 * The result of allocating one requirement: assignments, the quantity left uncovered, and the
 * pledges that lost (a few of each kind, best first) so that every tasking can say why.
 */
public record Allocation(
    List<Assignment> assignments,
    long shortfall,
    String shortfallReason,
    List<Alternative> alternatives) {
  public Allocation {
    assignments = List.copyOf(assignments);
    alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
  }

  public Allocation(List<Assignment> assignments, long shortfall, String shortfallReason) {
    this(assignments, shortfall, shortfallReason, List.of());
  }

  /** Quantity covered: the sum of the assignments. */
  public long covered() {
    return assignments.stream().mapToLong(Assignment::amount).sum();
  }
}
