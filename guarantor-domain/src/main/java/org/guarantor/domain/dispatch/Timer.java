package org.guarantor.domain.dispatch;

import java.time.Instant;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.tasking.TaskingId;

/**
 * A due time in the engine's timer queue, ordered by time, then subject, then kind. The subject is
 * a tasking id, or an incident id for {@link DispatchEvent.Deadline#DECISION}. Immutable.
 */
public record Timer(Instant dueAt, String subject, DispatchEvent.Deadline deadline)
    implements Comparable<Timer> {
  static Timer of(Instant dueAt, TaskingId tasking, DispatchEvent.Deadline deadline) {
    return new Timer(dueAt, tasking.value(), deadline);
  }

  TaskingId tasking() {
    return new TaskingId(subject);
  }

  IncidentId incident() {
    return new IncidentId(subject);
  }

  // Written out rather than chained comparators: the timer queue compares on every insert and
  // removal, and the chained lambdas were a visible share of the writer's time.
  @Override
  public int compareTo(Timer o) {
    int c = dueAt.compareTo(o.dueAt);
    if (c != 0) {
      return c;
    }
    c = subject.compareTo(o.subject);
    return c != 0 ? c : deadline.compareTo(o.deadline);
  }
}
