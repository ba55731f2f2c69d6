package org.guarantor.domain.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.tasking.TaskingId;

/**
 * A re-plan proposed by the exact optimizer for one incident: which taskings not yet acknowledged
 * to withdraw and which to issue instead. It was computed off the writer thread against the state
 * after {@code basis} events, so by the time it is decided it may be stale; the decider checks
 * every part of it against the state then, never trusting the optimizer. Immutable.
 *
 * @param incident the incident re-planned for
 * @param basis the number of events the proposal was computed against
 * @param withdraw taskings to withdraw; those of another incident only in a re-prioritisation
 * @param issue new taskings, on the incident or on an incident that loses a withdrawn tasking
 */
public record Replan(
    IncidentId incident,
    Trigger trigger,
    long basis,
    List<TaskingId> withdraw,
    List<Issue> issue,
    Solver solver) {

  /** What started a re-plan. */
  public enum Trigger {
    /** A guarantor declined a tasking of the incident. */
    DECLINED,
    /** A tasking of the incident missed its acknowledgement or delivery deadline. */
    OVERDUE,
    /** The secretariat asked for it. */
    REQUESTED,
    /**
     * The incident is short, and the treaty lets it take quantity not yet acknowledged from open
     * incidents of strictly lower severity.
     */
    REPRIORITISED
  }

  /** A new tasking: this much of a pledge for one line of an incident. */
  public record Issue(IncidentId incident, int line, PledgeId pledge, long amount) {
    public Issue {
      Objects.requireNonNull(incident, "incident");
      Objects.requireNonNull(pledge, "pledge");
    }
  }

  /**
   * What the solver reported: its status (OPTIMAL is a proof), the bound on coverage it proved, the
   * time budget it had and the time it took.
   */
  public record Solver(String status, long bound, Duration budget, Duration elapsed) {
    public Solver {
      status = status == null ? "" : status;
      budget = budget == null ? Duration.ZERO : budget;
      elapsed = elapsed == null ? Duration.ZERO : elapsed;
    }
  }

  public Replan {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(trigger, "trigger");
    withdraw = withdraw == null ? List.of() : List.copyOf(withdraw);
    issue = issue == null ? List.of() : List.copyOf(issue);
    solver = solver == null ? new Solver("", 0, null, null) : solver;
  }
}
