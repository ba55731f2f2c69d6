package org.guarantor.domain.dispatch;

import java.time.Instant;
import java.util.Comparator;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.tasking.TaskingId;

/**
 * A due time in the engine's timer queue, ordered by time, then subject, then kind. The subject is
 * a tasking id, or an incident id for {@link DispatchEvent.Deadline#DECISION}. Immutable.
 */
public record Timer(Instant dueAt, String subject, DispatchEvent.Deadline deadline)
    implements Comparable<Timer> {
  private static final Comparator<Timer> ORDER =
      Comparator.comparing(Timer::dueAt)
          .thenComparing(Timer::subject)
          .thenComparing(Timer::deadline);

  static Timer of(Instant dueAt, TaskingId tasking, DispatchEvent.Deadline deadline) {
    return new Timer(dueAt, tasking.value(), deadline);
  }

  TaskingId tasking() {
    return new TaskingId(subject);
  }

  IncidentId incident() {
    return new IncidentId(subject);
  }

  @Override
  public int compareTo(Timer o) {
    return ORDER.compare(this, o);
  }
}
