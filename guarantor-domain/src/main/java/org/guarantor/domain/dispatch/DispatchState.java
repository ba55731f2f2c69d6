package org.guarantor.domain.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.guarantor.domain.dispatch.DispatchEvent.Deadline;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentActivated;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentAwaitingCorroboration;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentClosed;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentCorroborated;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentOutOfScope;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentReported;
import org.guarantor.domain.dispatch.DispatchEvent.ShortfallRecorded;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingAcknowledged;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingDeclined;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingDelivered;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingIssued;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingMobilising;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingOverdue;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingReleased;
import org.guarantor.domain.dispatch.DispatchEvent.TreatyAdopted;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.Shortfall;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.treaty.Treaty;

/**
 * Everything the dispatch engine knows, built only by applying events in log order ({@link
 * #evolve}). Applying never rejects: events are facts.
 *
 * <p>Thread-safety: one writer thread applies events. Readers on other threads may call {@link
 * #incidents()}, {@link #incident}, {@link #incidentOfTasking} and {@link #treaty()} at any time:
 * incidents are immutable values in concurrent maps, so a reader sees each incident whole. Other
 * methods are for the writer (the decider) only.
 */
public final class DispatchState {
  private final Atlas atlas;
  private final List<Treaty> treaties = new CopyOnWriteArrayList<>();
  private final Map<String, CoveredTerritory> territories = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<IncidentId, Incident> incidents =
      new ConcurrentSkipListMap<>();
  private final Map<TaskingId, IncidentId> taskingIndex = new ConcurrentHashMap<>();
  private final Map<String, IncidentId> keys = new HashMap<>();
  private final Map<PledgeId, Long> held = new HashMap<>();
  private final NavigableSet<Timer> timers = new TreeSet<>();
  private long taskingCount;
  private volatile long eventCount;

  public DispatchState(Atlas atlas) {
    this.atlas = atlas;
  }

  // ---- reads ----------------------------------------------------------------------------------

  public Atlas atlas() {
    return atlas;
  }

  /** The latest adopted treaty version, if any. */
  public Optional<Treaty> treaty() {
    return treaties.isEmpty() ? Optional.empty() : Optional.of(treaties.get(treaties.size() - 1));
  }

  /** Every adopted version, oldest first. */
  public List<Treaty> treatyVersions() {
    return Collections.unmodifiableList(treaties);
  }

  /**
   * The version in force at a time: the latest whose effective time is not after it; the first
   * version for times before any took effect.
   */
  public Optional<Treaty> treatyAt(Instant t) {
    Treaty found = null;
    for (Treaty tr : treaties) {
      if (found == null || !tr.effectiveFrom().isAfter(t)) {
        found = tr;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The covered territory of a treaty version, built once and kept. */
  public CoveredTerritory territory(Treaty treaty) {
    return territories.computeIfAbsent(
        treaty.id() + "#" + treaty.version(),
        k -> CoveredTerritory.build(atlas, treaty.territory()));
  }

  public Collection<Incident> incidents() {
    return incidents.values();
  }

  public Optional<Incident> incident(IncidentId id) {
    return Optional.ofNullable(incidents.get(id));
  }

  public Optional<Incident> incidentOfTasking(TaskingId id) {
    IncidentId i = taskingIndex.get(id);
    return i == null ? Optional.empty() : incident(i);
  }

  public Optional<Tasking> tasking(TaskingId id) {
    return incidentOfTasking(id).flatMap(i -> i.tasking(id));
  }

  Optional<IncidentId> incidentForKey(PartyCode reporter, String key) {
    return Optional.ofNullable(keys.get(reporter.value() + "/" + key));
  }

  /** Quantity of each pledge in use by open or delivered taskings. Writer only. */
  public Map<PledgeId, Long> held() {
    return Collections.unmodifiableMap(held);
  }

  long incidentCount() {
    return incidents.size();
  }

  long taskingCount() {
    return taskingCount;
  }

  /** Timers due at or before {@code t}, in order. Writer only. */
  List<Timer> dueTimers(Instant t) {
    return new ArrayList<>(
        timers.headSet(new Timer(t, new TaskingId("\uffff"), Deadline.DELIVERY), true));
  }

  /** The earliest pending due time, if any. Writer only. */
  public Optional<Instant> nextDue() {
    return timers.isEmpty() ? Optional.empty() : Optional.of(timers.first().dueAt());
  }

  public int pendingTimers() {
    return timers.size();
  }

  /** Number of events applied since the state was created. */
  public long eventCount() {
    return eventCount;
  }

  // ---- evolve ---------------------------------------------------------------------------------

  /** Applies one stored event. Never rejects; a failure here is a bug and stops the writer. */
  public void evolve(DispatchEvent event) {
    if (event instanceof TreatyAdopted e) {
      treaties.add(e.treaty());

    } else if (event instanceof IncidentReported e) {
      IncidentState initial =
          e.scope().inScope() ? IncidentState.ACTIVATED : IncidentState.OUT_OF_SCOPE;
      incidents.put(
          e.incident(),
          Incident.reported(
              e.incident(), e.key(), e.reporter(), e.report(), e.at(), e.scope(), initial));
      keys.put(e.reporter().value() + "/" + e.key(), e.incident());

    } else if (event instanceof IncidentOutOfScope e) {
      update(e.incident(), i -> i.withState(IncidentState.OUT_OF_SCOPE));

    } else if (event instanceof IncidentAwaitingCorroboration e) {
      update(e.incident(), i -> i.withState(IncidentState.AWAITING_CORROBORATION));

    } else if (event instanceof IncidentCorroborated e) {
      update(e.incident(), i -> i.corroboratedBy(e.by()));

    } else if (event instanceof IncidentActivated e) {
      update(e.incident(), i -> i.activated(e.at(), e.planId(), e.requirements()));

    } else if (event instanceof TaskingIssued e) {
      Tasking t =
          new Tasking(
              e.tasking(),
              e.incident(),
              e.line(),
              e.guarantor(),
              e.pledge(),
              e.hub(),
              e.capability(),
              e.quantity(),
              TaskingState.ISSUED,
              e.at(),
              e.acknowledgeBy(),
              e.deliverBy(),
              e.estimatedArrival(),
              e.distanceKm(),
              0,
              null,
              e.at(),
              "");
      taskingCount++;
      taskingIndex.put(t.id(), t.incident());
      held.merge(t.pledge(), t.quantity().amount(), Long::sum);
      timers.add(new Timer(t.acknowledgeBy(), t.id(), Deadline.ACKNOWLEDGEMENT));
      timers.add(new Timer(t.deliverBy(), t.id(), Deadline.DELIVERY));
      update(e.incident(), i -> i.withTasking(t));

    } else if (event instanceof ShortfallRecorded e) {
      update(
          e.incident(),
          i ->
              i.withShortfall(
                  new Shortfall(e.line(), e.capability(), e.missing(), e.at(), e.reason())));

    } else if (event instanceof TaskingAcknowledged e) {
      changeTasking(e.tasking(), t -> t.with(TaskingState.ACKNOWLEDGED, e.at()));

    } else if (event instanceof TaskingMobilising e) {
      changeTasking(e.tasking(), t -> t.with(TaskingState.MOBILISING, e.at()));

    } else if (event instanceof TaskingDeclined e) {
      changeTasking(e.tasking(), t -> t.declined(e.reason(), e.at()));

    } else if (event instanceof TaskingDelivered e) {
      changeTasking(e.tasking(), t -> t.delivering(e.totalDelivered(), e.at()));

    } else if (event instanceof TaskingOverdue e) {
      timers.remove(new Timer(e.dueAt(), e.tasking(), e.deadline()));
      if (e.deadline() == Deadline.ACKNOWLEDGEMENT) {
        changeTasking(e.tasking(), t -> t.with(TaskingState.OVERDUE, e.at()));
      }

    } else if (event instanceof TaskingReleased e) {
      changeTasking(e.tasking(), t -> t.with(TaskingState.RELEASED, e.at()));

    } else if (event instanceof IncidentClosed e) {
      update(e.incident(), i -> i.closed(e.outcome(), e.at(), e.note()));
    } else {
      throw new IllegalStateException("no evolve rule for " + event.getClass().getSimpleName());
    }
    eventCount++;
  }

  private void update(IncidentId id, java.util.function.UnaryOperator<Incident> f) {
    Incident i = incidents.get(id);
    if (i == null) {
      throw new IllegalStateException("event for unknown incident " + id);
    }
    incidents.put(id, f.apply(i));
  }

  private void changeTasking(TaskingId id, java.util.function.UnaryOperator<Tasking> f) {
    Incident i =
        incidentOfTasking(id)
            .orElseThrow(() -> new IllegalStateException("event for unknown tasking " + id));
    Tasking before = i.tasking(id).orElseThrow();
    Tasking after = f.apply(before);
    long delta = after.holding() - before.holding();
    if (delta != 0) {
      held.merge(after.pledge(), delta, Long::sum);
    }
    if (before.state().awaitingAcknowledgement() && !after.state().awaitingAcknowledgement()) {
      timers.remove(new Timer(before.acknowledgeBy(), id, Deadline.ACKNOWLEDGEMENT));
    }
    if (before.state().open() && !after.state().open()) {
      timers.remove(new Timer(before.acknowledgeBy(), id, Deadline.ACKNOWLEDGEMENT));
      timers.remove(new Timer(before.deliverBy(), id, Deadline.DELIVERY));
    }
    incidents.put(i.id(), i.withTasking(after));
  }
}
