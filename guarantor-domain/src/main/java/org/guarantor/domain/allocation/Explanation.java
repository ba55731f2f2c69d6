package org.guarantor.domain.allocation;

import java.util.List;

/**
 * Why a tasking went to its pledge, as recorded when it was issued: its place in the allocator's
 * order, how many pledges could have served on time, and the best of those that lost with the rule
 * they lost on. Arrival and deadline are on the tasking itself. Immutable.
 *
 * @param rank 1 when it was the allocator's first choice for the line, 2 for the next, …; 0 when
 *     unknown (taskings recorded before explanations were)
 * @param onTime how many pledges could have served the line on time
 * @param source who chose it when not the online allocator, e.g. the exact re-plan with the
 *     solver's status and bound; empty for the online allocator
 */
public record Explanation(int rank, int onTime, List<Alternative> alternatives, String source) {
  public Explanation {
    alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    source = source == null ? "" : source;
  }

  /** A choice of the online allocator. */
  public Explanation(int rank, int onTime, List<Alternative> alternatives) {
    this(rank, onTime, alternatives, "");
  }

  /** A tasking that the exact re-plan chose; {@code source} says so and with what proof. */
  public static Explanation replanned(String source) {
    return new Explanation(0, 0, List.of(), source);
  }

  /** For taskings issued before explanations were recorded. */
  public static Explanation unknown() {
    return new Explanation(0, 0, List.of());
  }

  /** The explanation of one assignment of an allocation. */
  public static Explanation of(Assignment assignment, Allocation allocation) {
    return new Explanation(assignment.rank(), assignment.onTime(), allocation.alternatives());
  }
}
