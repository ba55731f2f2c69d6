package org.guarantor.domain.dispatch;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.guarantor.domain.allocation.Need;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.Requirement;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.domain.treaty.Treaty;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * What one line of an incident asks of the allocators, the same for the online allocator at
 * activation, a backfill and the exact re-plan, so that the decider checks a re-plan by exactly the
 * rules it was made by. Stateless.
 */
public final class Needs {
  private Needs() {}

  /** The requirement of a line, if the incident has it. */
  public static Optional<Requirement> requirement(Incident incident, int line) {
    return incident.requirements().stream().filter(r -> r.line() == line).findFirst();
  }

  /**
   * The requirement a replacement must meet: the line's own deadline while it lies ahead, else the
   * treaty's backfill window from now (a deadline already passed could never be met).
   */
  public static Requirement target(Requirement req, Instant at, Treaty treaty) {
    return req.dueAt().isAfter(at)
        ? req
        : new Requirement(
            req.line(), req.capability(), req.quantity(), at.plus(treaty.backfillWindow()));
  }

  /** Pledges that may not serve a line again: those that declined or breached it. */
  public static Set<PledgeId> excluded(Incident incident, int line) {
    Set<PledgeId> out = new HashSet<>();
    for (Tasking t : incident.taskings()) {
      if (t.line() == line
          && (t.state() == TaskingState.DECLINED || t.state() == TaskingState.BREACHED)) {
        out.add(t.pledge());
      }
    }
    return out;
  }

  /** {@code amount} of a requirement, to be placed from {@code at}. */
  public static Need of(
      Incident incident, Requirement req, long amount, Instant at, Set<PledgeId> excluded) {
    // Help goes to the covered part of an area report, not to its middle, which may lie outside.
    Geometry covered = incident.scope().coveredPart();
    Point p =
        (covered != null && !covered.isEmpty() ? covered : incident.report().location())
            .getInteriorPoint();
    return new Need(
        req.capability(),
        req.quantity().unit(),
        amount,
        p.getY(),
        p.getX(),
        at,
        req.dueAt(),
        incident.report().type(),
        incident.report().severity(),
        incident.scope().code(),
        excluded);
  }

  /**
   * Whether a tasking may be re-planned: open, not yet acknowledged, nothing delivered. Anything
   * acknowledged, mobilising or delivered is fixed.
   */
  public static boolean replannable(Tasking t) {
    return t.state().open() && t.state().awaitingAcknowledgement() && t.delivered() == 0;
  }
}
