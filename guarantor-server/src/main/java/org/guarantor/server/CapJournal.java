package org.guarantor.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.engine.Engine;
import org.guarantor.engine.codec.EventCodec;
import org.guarantor.store.EventLog;

/**
 * The moments of the log that are CAP alerts: each activation, out-of-scope decision, escalation
 * and closing (stand-down or resolution) of an incident, in log order. Read from the log itself, so
 * every alert has a stable identifier (its event's position) and a restart changes none of them;
 * caught up lazily when asked, never further than what the engine has made durable. Thread-safe.
 */
final class CapJournal {
  /** What happened, and so which kind of CAP message says it. */
  enum Kind {
    ACTIVATED,
    OUT_OF_SCOPE,
    ESCALATED,
    STOOD_DOWN,
    RESOLVED
  }

  /**
   * One alert's source.
   *
   * @param tasking the escalated tasking; null for an alert about the incident as a whole
   * @param note the out-of-scope reason, the escalation's missed deadline, or the closing note
   */
  record Moment(
      long position,
      Instant at,
      IncidentId incident,
      Kind kind,
      TaskingId tasking,
      String note,
      String guarantor,
      Instant dueAt,
      Instant backfillAt) {}

  private static final Set<String> TYPES =
      Set.of("IncidentActivated", "IncidentOutOfScope", "TaskingEscalated", "IncidentClosed");

  private final EventLog log;
  private final Engine engine;
  private final EventCodec codec = new EventCodec();
  private final List<Moment> moments = new ArrayList<>();
  private long readTo;

  CapJournal(EventLog log, Engine engine) {
    this.log = log;
    this.engine = engine;
  }

  /**
   * Every moment so far, oldest first.
   *
   * @throws ApiError 503 until the engine has vouched for the log's chain (a start from a snapshot
   *     checks the events below it after it serves): alerts are read from the log itself
   */
  synchronized List<Moment> all() {
    long head = engine.lastPosition();
    if (head > readTo) {
      vouchedFor();
      log.readAfter(
          readTo,
          stored -> {
            if (stored.position() > head) {
              return;
            }
            readTo = stored.position();
            if (TYPES.contains(stored.type())) {
              moment(stored.position(), codec.decode(stored.type(), stored.payload()));
            }
          });
    }
    return List.copyOf(moments);
  }

  private void vouchedFor() {
    try {
      engine.chainChecked().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unchecked("interrupted");
    } catch (ExecutionException | TimeoutException e) {
      throw unchecked(String.valueOf(e.getMessage()));
    }
  }

  private static ApiError unchecked(String why) {
    return ApiError.of(
        503, "", ReasonType.INVALID_VALUE, "log", "chain vouched for", "CAP alerts wait: " + why);
  }

  /** The moments of one incident, oldest first. */
  List<Moment> of(IncidentId incident) {
    return all().stream().filter(m -> m.incident().equals(incident)).toList();
  }

  private void moment(long position, DispatchEvent e) {
    if (e instanceof DispatchEvent.IncidentActivated a) {
      moments.add(
          new Moment(position, a.at(), a.incident(), Kind.ACTIVATED, null, "", null, null, null));
    } else if (e instanceof DispatchEvent.IncidentOutOfScope o) {
      moments.add(
          new Moment(
              position,
              o.at(),
              o.incident(),
              Kind.OUT_OF_SCOPE,
              null,
              o.reason(),
              null,
              null,
              null));
    } else if (e instanceof DispatchEvent.TaskingEscalated x) {
      moments.add(
          new Moment(
              position,
              x.at(),
              x.incident(),
              Kind.ESCALATED,
              x.tasking(),
              x.missed().name(),
              x.guarantor().value(),
              x.dueAt(),
              x.backfillAt()));
    } else if (e instanceof DispatchEvent.IncidentClosed c) {
      Kind k = c.outcome() == IncidentState.STOOD_DOWN ? Kind.STOOD_DOWN : Kind.RESOLVED;
      moments.add(new Moment(position, c.at(), c.incident(), k, null, c.note(), null, null, null));
    }
  }
}
