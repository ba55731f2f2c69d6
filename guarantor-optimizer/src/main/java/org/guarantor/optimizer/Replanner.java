package org.guarantor.optimizer;

import java.time.Duration;

/**
 * Re-planning: the exact optimizer's plan is adopted only when it covers at least as much as the
 * plan in force, and only when it came within the time budget. The caller decides what is in the
 * problem: taskings not yet acknowledged are re-planned, acknowledged ones are fixed (held).
 */
public final class Replanner {
  private Replanner() {}

  /** The outcome: which plan to use, and why. */
  public record Outcome(
      boolean adopted, Plan plan, ExactPlanner.Result exact, long currentCovered, String reason) {}

  public static Outcome replan(Problem problem, Plan current, Duration budget) {
    ExactPlanner.Result exact = ExactPlanner.plan(problem, budget);
    long now = current.covered();
    long proposed = exact.plan().covered();
    if (!exact.withinBudget()) {
      return new Outcome(
          false, current, exact, now, "the optimizer took " + exact.elapsed().toMillis() + " ms");
    }
    if (proposed < now) {
      return new Outcome(
          false, current, exact, now, "the new plan covers " + proposed + ", the current " + now);
    }
    return new Outcome(
        true, exact.plan(), exact, now, "covers " + proposed + " against " + now + " now");
  }
}
