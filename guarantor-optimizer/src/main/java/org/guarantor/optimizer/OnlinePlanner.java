package org.guarantor.optimizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.guarantor.domain.allocation.Allocation;
import org.guarantor.domain.allocation.Allocator;
import org.guarantor.domain.allocation.Assignment;
import org.guarantor.domain.allocation.Need;
import org.guarantor.domain.pledge.PledgeId;

/**
 * The online allocator over a {@link Problem}: each line in turn, as at activation, with what the
 * lines before it took held ({@code Allocator.allocateInTurn}, which gives the same allocations as
 * one call per line, the way dispatch calls it). It is here so that both allocators can be measured
 * on the same problems. Stateless.
 */
public final class OnlinePlanner {
  private OnlinePlanner() {}

  public static Plan plan(Problem problem) {
    return plan(problem, Allocator.of(problem.hubs(), problem.pledges(), problem.burdenWeight()));
  }

  /**
   * With an allocator built beforehand (benchmarks keep indexing out of the measurement); its
   * burden weight, not the problem's, is used.
   */
  public static Plan plan(Problem problem, Allocator allocator) {
    Map<PledgeId, Long> held = new HashMap<>(problem.held());
    List<Plan.Placement> out = new ArrayList<>();
    List<Need> needs = problem.lines().stream().map(Problem.Line::need).toList();
    List<Allocation> allocations = allocator.allocateInTurn(needs, held, problem.standing());
    for (int i = 0; i < allocations.size(); i++) {
      for (Assignment as : allocations.get(i).assignments()) {
        out.add(
            new Plan.Placement(
                i, as.pledge().id(), as.pledge().guarantor(), as.amount(), as.arrival()));
      }
    }
    return new Plan(out);
  }
}
