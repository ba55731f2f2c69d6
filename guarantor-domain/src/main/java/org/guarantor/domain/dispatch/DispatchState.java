package org.guarantor.domain.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.guarantor.domain.dispatch.DispatchEvent.ConsequenceApplied;
import org.guarantor.domain.dispatch.DispatchEvent.Deadline;
import org.guarantor.domain.dispatch.DispatchEvent.GuarantorReinstated;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentActivated;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentAwaitingCorroboration;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentClosed;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentCorroborated;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentDecisionOverdue;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentOutOfScope;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentReported;
import org.guarantor.domain.dispatch.DispatchEvent.ShortfallRecorded;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingAcknowledged;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingBackfilled;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingBreached;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingDeclined;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingDelivered;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingEscalated;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingIssued;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingLate;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingMobilising;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingOverdue;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingReleased;
import org.guarantor.domain.dispatch.DispatchEvent.TreatyAdopted;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.Shortfall;
import org.guarantor.domain.keys.Enrolment;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.Keyring;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.keys.RegisteredKey;
import org.guarantor.domain.ledger.Ledger;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Certification;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.treaty.Accession;
import org.guarantor.domain.treaty.Proposal;
import org.guarantor.domain.treaty.ProposalId;
import org.guarantor.domain.treaty.Treaty;

/**
 * Everything the dispatch engine knows, built only by applying events in log order ({@link
 * #evolve}). Applying never rejects: events are facts.
 *
 * <p>Allocation explanations are not kept here: they stay in the log, on each {@link
 * DispatchEvent.TaskingIssued}, and are read from there when someone asks why. They are most of a
 * tasking's bytes, needed rarely, and never by a decision; keeping them out keeps memory flat and
 * lets replay skip them.
 *
 * <p>Thread-safety: one writer thread applies events. Readers on other threads may call {@link
 * #incidents()}, {@link #incident}, {@link #incidentOfTasking}, {@link #treaty()}, {@link
 * #treatyAt} and {@link #eventCount()} at any time: incidents are immutable values in concurrent
 * maps, so a reader sees each incident whole (a reader that needs several incidents as of one
 * moment reads {@link #eventCount()} before and after, and reads again if it moved). Other methods
 * are for the writer (the decider) only, except {@link #ledger()}, which is synchronized.
 */
public final class DispatchState {
  private final Atlas atlas;
  private final List<Treaty> treaties = new CopyOnWriteArrayList<>();
  private final Map<String, CoveredTerritory> territories = new ConcurrentHashMap<>();
  private final Map<String, org.guarantor.domain.allocation.Allocator> allocators =
      new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<IncidentId, Incident> incidents =
      new ConcurrentSkipListMap<>();
  private final Map<TaskingId, IncidentId> taskingIndex = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<ProposalId, Proposal> proposals =
      new ConcurrentSkipListMap<>();
  private final Map<String, IncidentId> keys = new HashMap<>();
  private final Map<PledgeId, Long> held = new HashMap<>();
  private final TimerQueue timers;
  private final Ledger ledger;
  private final Keyring keyring;
  private long taskingCount;
  private volatile long eventCount;
  private volatile Instant exerciseTime;

  public DispatchState(Atlas atlas) {
    this(atlas, new Ledger(), new TimerQueue(), new Keyring());
  }

  private DispatchState(Atlas atlas, Ledger ledger, TimerQueue timers, Keyring keyring) {
    this.atlas = atlas;
    this.ledger = ledger;
    this.timers = timers;
    this.keyring = keyring;
  }

  // ---- image and restore ----------------------------------------------------------------------

  /**
   * Everything this state knows except caches, as an immutable value (see {@link StateImage}).
   * Writer only, between events; costs a copy of the timers and the ledger, and references to the
   * incidents, which are immutable.
   */
  public StateImage image() {
    return new StateImage(
        treaties,
        new ArrayList<>(incidents.values()),
        held,
        timers.ascending(),
        ledger.image(),
        taskingCount,
        eventCount,
        keyring.image(),
        exerciseTime,
        new ArrayList<>(proposals.values()));
  }

  /**
   * The state that {@code image} was taken from, over {@code atlas}: equal to it in everything it
   * knows, so that applying the rest of the log to it gives the state a full replay gives. The
   * caches (idempotency keys, the tasking index, timers by subject, territories and allocators) are
   * rebuilt here or on first use.
   *
   * @throws IllegalArgumentException if the image is inconsistent (timers out of order, a tasking
   *     in two incidents): it was not taken from a state
   */
  public static DispatchState restore(Atlas atlas, StateImage image) {
    DispatchState s =
        new DispatchState(
            atlas,
            Ledger.restore(image.ledger()),
            TimerQueue.ofAscending(image.timers()),
            Keyring.restore(image.keyring()));
    s.treaties.addAll(image.treaties());
    for (Incident i : image.incidents()) {
      if (s.incidents.put(i.id(), i) != null) {
        throw new IllegalArgumentException("incident " + i.id() + " appears twice in the image");
      }
      s.keys.put(i.reporter().value() + "/" + i.key(), i.id());
      for (Tasking t : i.taskings()) {
        if (s.taskingIndex.put(t.id(), i.id()) != null) {
          throw new IllegalArgumentException("tasking " + t.id() + " appears twice in the image");
        }
      }
    }
    for (Proposal p : image.proposals()) {
      s.proposals.put(p.id(), p);
    }
    s.held.putAll(image.held());
    s.taskingCount = image.taskingCount();
    s.eventCount = image.eventCount();
    s.exerciseTime = image.exerciseTime();
    return s;
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

  /**
   * Gives this state the covered territory of a treaty version, built once elsewhere from the same
   * atlas and {@code treaty.territory()}: for simulations that run many fresh states over one
   * treaty and cannot afford to build its territory for each. Writer only, before the version is
   * used.
   *
   * @throws IllegalArgumentException if {@code territory} was built from another definition
   */
  public void knowTerritory(Treaty treaty, CoveredTerritory territory) {
    if (!territory.definition().equals(treaty.territory())) {
      throw new IllegalArgumentException("territory built from another definition");
    }
    territories.putIfAbsent(treaty.id() + "#" + treaty.version(), territory);
  }

  /** The allocator of a treaty version (its pledges indexed by capability), built once and kept. */
  public org.guarantor.domain.allocation.Allocator allocator(Treaty treaty) {
    return allocators.computeIfAbsent(
        treaty.id() + "#" + treaty.version(),
        k -> org.guarantor.domain.allocation.Allocator.of(treaty));
  }

  /** Every amendment proposed, in the order filed. Any thread. */
  public Collection<Proposal> proposals() {
    return Collections.unmodifiableCollection(proposals.values());
  }

  public Optional<Proposal> proposal(ProposalId id) {
    return Optional.ofNullable(proposals.get(id));
  }

  long proposalCount() {
    return proposals.size();
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
    return timers.dueBy(t);
  }

  /** The compliance ledger, as of the last applied event. Any thread. */
  public Ledger ledger() {
    return ledger;
  }

  /** The earliest pending due time, if any. Writer only. */
  public Optional<Instant> nextDue() {
    Timer first = timers.first();
    return first == null ? Optional.empty() : Optional.of(first.dueAt());
  }

  public int pendingTimers() {
    return timers.size();
  }

  /** The keys, enrolments and recent nonces (see {@link Keyring} on what readers may call). */
  public Keyring keyring() {
    return keyring;
  }

  /** Where an exercise's virtual clock was last moved to, if it ever was. Any thread. */
  public Optional<Instant> exerciseTime() {
    return Optional.ofNullable(exerciseTime);
  }

  /** Number of events applied since the state was created. */
  public long eventCount() {
    return eventCount;
  }

  // ---- evolve ---------------------------------------------------------------------------------

  /**
   * A certification holds for the pledge in every version that has it, so that the version in force
   * at any time and every later amendment carry it; the allocators built before it are dropped.
   */
  private void certify(PledgeId pledge, Certification certification) {
    for (int i = 0; i < treaties.size(); i++) {
      Treaty t = treaties.get(i);
      if (t.pledge(pledge).isEmpty()) {
        continue;
      }
      List<Pledge> pledges = new ArrayList<>(t.pledges().size());
      for (Pledge p : t.pledges()) {
        pledges.add(p.id().equals(pledge) ? p.withCertification(certification) : p);
      }
      treaties.set(i, t.withPledges(pledges));
      allocators.remove(t.id() + "#" + t.version());
    }
  }

  /** Applies one stored event. Never rejects; a failure here is a bug and stops the writer. */
  public void evolve(DispatchEvent event) {
    if (event instanceof TreatyAdopted e) {
      treaties.add(e.treaty());

    } else if (event instanceof DispatchEvent.AmendmentProposed e) {
      proposals.put(e.proposal().id(), e.proposal());

    } else if (event instanceof DispatchEvent.AmendmentVoted e) {
      proposals.computeIfPresent(
          e.proposal(), (k, p) -> p.withVote(e.voter(), e.approve(), e.at()));

    } else if (event instanceof DispatchEvent.AmendmentDecided e) {
      Proposal p =
          proposals.computeIfPresent(
              e.proposal(), (k, x) -> x.decided(e.outcome(), e.version(), e.at(), e.reason()));
      if (p != null && e.outcome() == Proposal.Status.ADOPTED) {
        for (Accession a : p.amendment().accessions()) {
          for (PublicKey key : a.rootKeys()) {
            keyring.register(
                new RegisteredKey(
                    key.id(),
                    a.code(),
                    KeyRole.ROOT,
                    key,
                    "root, on accession by " + p.id(),
                    e.at(),
                    null,
                    null,
                    null));
          }
        }
      }

    } else if (event instanceof DispatchEvent.PledgeCertified e) {
      certify(e.pledge(), e.certification());

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
      timers.add(new Timer(e.decideBy(), e.incident().value(), Deadline.DECISION));

    } else if (event instanceof IncidentCorroborated e) {
      update(e.incident(), i -> i.corroboratedBy(e.by()));

    } else if (event instanceof IncidentActivated e) {
      update(e.incident(), i -> i.activated(e.at(), e.planId(), e.requirements()));
      timers.removeSubject(e.incident().value());

    } else if (event instanceof TaskingIssued e) {
      // The incident's own id object, not the event's equal copy: a tasking lives as long as the
      // state, and an object per tasking less is one less for the collector to copy.
      IncidentId incident = known(e.incident()).id();
      Tasking t =
          new Tasking(
              e.tasking(),
              incident,
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
      timers.add(Timer.of(t.acknowledgeBy(), t.id(), Deadline.ACKNOWLEDGEMENT));
      Instant readyBy = readyBy(e);
      if (readyBy.isAfter(e.at()) && readyBy.isBefore(e.deliverBy())) {
        timers.add(Timer.of(readyBy, t.id(), Deadline.READINESS));
      }
      timers.add(Timer.of(t.deliverBy(), t.id(), Deadline.DELIVERY));
      update(incident, i -> i.withTasking(t));
      ledger.issued(t.id(), t.guarantor(), t.quantity(), e.at(), e.acknowledgeBy(), e.deliverBy());

    } else if (event instanceof ShortfallRecorded e) {
      update(
          e.incident(),
          i ->
              i.withShortfall(
                  new Shortfall(e.line(), e.capability(), e.missing(), e.at(), e.reason())));

    } else if (event instanceof TaskingAcknowledged e) {
      changeTasking(e.tasking(), t -> t.with(TaskingState.ACKNOWLEDGED, e.at()));
      ledger.acknowledged(e.tasking(), e.at());

    } else if (event instanceof TaskingMobilising e) {
      changeTasking(e.tasking(), t -> t.with(TaskingState.MOBILISING, e.at()));

    } else if (event instanceof TaskingDeclined e) {
      changeTasking(e.tasking(), t -> t.declined(e.reason(), e.at()));
      ledger.declined(e.tasking(), e.at(), e.reason());

    } else if (event instanceof TaskingDelivered e) {
      changeTasking(e.tasking(), t -> t.delivering(e.totalDelivered(), e.at()));
      ledger.delivered(e.tasking(), e.at(), e.amount());

    } else if (event instanceof TaskingOverdue e) {
      timers.remove(Timer.of(e.dueAt(), e.tasking(), e.deadline()));
      if (e.deadline() == Deadline.ACKNOWLEDGEMENT) {
        changeTasking(e.tasking(), t -> t.with(TaskingState.OVERDUE, e.at()));
      }

    } else if (event instanceof TaskingEscalated e) {
      timers.add(
          Timer.of(
              e.backfillAt(),
              e.tasking(),
              e.missed() == Deadline.ACKNOWLEDGEMENT
                  ? Deadline.ACKNOWLEDGEMENT_GRACE
                  : Deadline.DELIVERY_GRACE));

    } else if (event instanceof TaskingBreached e) {
      changeTasking(e.tasking(), t -> t.with(TaskingState.BREACHED, e.at()));
      ledger.breached(e.tasking(), e.at(), e.undelivered().amount(), e.hoursLate());

    } else if (event instanceof TaskingBackfilled e) {
      // The replacements and any shortfall were applied as their own events.
      incident(e.incident()).orElseThrow(() -> new IllegalStateException("unknown incident"));

    } else if (event instanceof TaskingLate e) {
      changeTasking(e.tasking(), t -> t.with(TaskingState.LATE, e.at()));

    } else if (event instanceof ConsequenceApplied e) {
      ledger.consequence(e.guarantor(), e.at(), e.kind().name(), e.amount(), e.currency());

    } else if (event instanceof GuarantorReinstated e) {
      ledger.reinstated(e.guarantor(), e.at());

    } else if (event instanceof IncidentDecisionOverdue e) {
      timers.remove(new Timer(e.dueAt(), e.incident().value(), Deadline.DECISION));

    } else if (event instanceof TaskingReleased e) {
      changeTasking(e.tasking(), t -> t.with(TaskingState.RELEASED, e.at()));
      ledger.released(e.tasking());

    } else if (event instanceof DispatchEvent.TaskingWithdrawn e) {
      changeTasking(e.tasking(), t -> t.with(TaskingState.WITHDRAWN, e.at()));
      // Taken back before it was acknowledged: like a release, never a breach.
      ledger.released(e.tasking());

    } else if (event instanceof DispatchEvent.ReplanAdopted e) {
      // The re-plan's own shortfall events that follow say what is still short.
      for (DispatchEvent.LineCoverage l : e.lines()) {
        update(l.incident(), i -> i.withoutShortfalls(l.line()));
      }

    } else if (event instanceof IncidentClosed e) {
      update(e.incident(), i -> i.closed(e.outcome(), e.at(), e.note()));
      timers.removeSubject(e.incident().value());

    } else if (event instanceof DispatchEvent.CommandSigned e) {
      keyring.signed(e.signature().key(), e.signature().nonce(), e.signature().signedAt());

    } else if (event instanceof DispatchEvent.KeyringAdopted e) {
      keyring.adopt(e.roots(), e.demo(), e.at());

    } else if (event instanceof DispatchEvent.KeyRegistered e) {
      keyring.register(
          new RegisteredKey(
              e.key(), e.party(), e.role(), e.publicKey(), e.label(), e.at(), e.by(), null, null));
      if (e.enrolment() != null) {
        keyring.enrolled(e.enrolment(), e.key());
      }

    } else if (event instanceof DispatchEvent.KeyRevoked e) {
      keyring.revoke(e.key(), e.at(), e.reason());

    } else if (event instanceof DispatchEvent.EnrolmentOffered e) {
      keyring.offer(
          new Enrolment(e.codeHash(), e.party(), e.label(), e.at(), e.expiresAt(), e.by(), null));

    } else if (event instanceof DispatchEvent.ReplanRequested e) {
      known(e.incident());

    } else if (event instanceof DispatchEvent.ExerciseClockMoved e) {
      exerciseTime = e.to();

    } else {
      throw new IllegalStateException("no evolve rule for " + event.getClass().getSimpleName());
    }
    eventCount++;
  }

  private void update(IncidentId id, java.util.function.UnaryOperator<Incident> f) {
    Incident i = known(id);
    incidents.put(i.id(), f.apply(i));
  }

  private Incident known(IncidentId id) {
    Incident i = incidents.get(id);
    if (i == null) {
      throw new IllegalStateException("event for unknown incident " + id);
    }
    return i;
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
    for (Timer x : timers.ofSubject(id.value())) {
      if (!applies(x.deadline(), after)) {
        timers.remove(x);
      }
    }
    incidents.put(i.id(), i.withTasking(after));
  }

  /**
   * Whether a deadline of a tasking still means anything in the tasking's state. A timer that no
   * longer applies is dropped at once, so every pending timer fires an event when due.
   */
  static boolean applies(Deadline d, Tasking t) {
    switch (d) {
      case ACKNOWLEDGEMENT:
        return t.state() == TaskingState.ISSUED;
      case ACKNOWLEDGEMENT_GRACE:
        return t.state().awaitingAcknowledgement();
      case READINESS:
        return t.state().awaitingAcknowledgement() || t.state() == TaskingState.ACKNOWLEDGED;
      case DELIVERY:
      case DELIVERY_GRACE:
        return t.state().open() && t.outstanding() > 0;
      default:
        return false;
    }
  }

  /**
   * The readiness deadline: the delivery deadline less the travel from the hub, where travel is the
   * estimated arrival less the issue time less the pledge's readiness (in the version in force).
   */
  private Instant readyBy(TaskingIssued e) {
    Optional<Pledge> p = treatyAt(e.at()).flatMap(t -> allocator(t).pledge(e.pledge()));
    if (p.isEmpty()) {
      return e.deliverBy();
    }
    java.time.Duration travel =
        java.time.Duration.between(e.at().plus(p.get().readiness()), e.estimatedArrival());
    return travel.isNegative() ? e.deliverBy() : e.deliverBy().minus(travel);
  }
}
