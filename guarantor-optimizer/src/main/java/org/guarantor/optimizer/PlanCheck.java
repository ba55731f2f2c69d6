package org.guarantor.optimizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.guarantor.domain.allocation.Allocator;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;

/**
 * The rules every plan must keep, whichever allocator made it: no pledge over its quantity (with
 * what is held), no line over its amount, only servable pledges, and every arrival by the line's
 * deadline and as the arrival model computes it.
 */
public final class PlanCheck {
  private PlanCheck() {}

  /** What is wrong with a plan; empty when nothing is. */
  public static List<String> violations(Problem problem, Plan plan) {
    Allocator arrivals = Allocator.of(problem.hubs(), problem.pledges());
    Map<PledgeId, Pledge> pledges = new HashMap<>();
    for (Pledge p : problem.pledges()) {
      pledges.put(p.id(), p);
    }
    Map<PledgeId, Long> used = new HashMap<>(problem.held());
    long[] perLine = new long[problem.lines().size()];
    List<String> out = new ArrayList<>();
    for (Plan.Placement x : plan.placements()) {
      Problem.Line line = problem.lines().get(x.line());
      Pledge p = pledges.get(x.pledge());
      if (p == null) {
        out.add(x.pledge() + " is no pledge");
        continue;
      }
      if (x.amount() <= 0) {
        out.add(x.pledge() + " placed " + x.amount() + " on " + line.key());
      }
      if (!Allocator.servable(p, line.need())) {
        out.add(x.pledge() + " may not serve " + line.key());
      }
      if (!arrivals.arrival(p, line.need()).equals(x.arrival())) {
        out.add(
            x.pledge() + " on " + line.key() + ": arrival " + x.arrival() + " is not the model's");
      }
      if (x.arrival().isAfter(line.need().dueAt())) {
        out.add(x.pledge() + " arrives after the deadline of " + line.key());
      }
      used.merge(x.pledge(), x.amount(), Long::sum);
      perLine[x.line()] += x.amount();
    }
    for (Pledge p : problem.pledges()) {
      long u = used.getOrDefault(p.id(), 0L);
      long before = problem.held().getOrDefault(p.id(), 0L);
      if (u > Math.max(p.quantity().amount(), before)) {
        out.add(p.id() + " over-allocated: " + u + " of " + p.quantity().amount());
      }
    }
    for (int i = 0; i < perLine.length; i++) {
      if (perLine[i] > problem.lines().get(i).need().amount()) {
        out.add(problem.lines().get(i).key() + " over-covered: " + perLine[i]);
      }
    }
    return out;
  }
}
