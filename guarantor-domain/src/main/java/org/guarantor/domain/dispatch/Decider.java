package org.guarantor.domain.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.allocation.Allocation;
import org.guarantor.domain.allocation.Allocator;
import org.guarantor.domain.allocation.Assignment;
import org.guarantor.domain.allocation.Explanation;
import org.guarantor.domain.allocation.Need;
import org.guarantor.domain.allocation.Standing;
import org.guarantor.domain.dispatch.DispatchCommand.Acknowledge;
import org.guarantor.domain.dispatch.DispatchCommand.AdoptTreaty;
import org.guarantor.domain.dispatch.DispatchCommand.Corroborate;
import org.guarantor.domain.dispatch.DispatchCommand.Decline;
import org.guarantor.domain.dispatch.DispatchCommand.FileReport;
import org.guarantor.domain.dispatch.DispatchCommand.Reinstate;
import org.guarantor.domain.dispatch.DispatchCommand.ReportDelivered;
import org.guarantor.domain.dispatch.DispatchCommand.ReportMobilising;
import org.guarantor.domain.dispatch.DispatchCommand.Resolve;
import org.guarantor.domain.dispatch.DispatchCommand.StandDown;
import org.guarantor.domain.dispatch.DispatchCommand.Tick;
import org.guarantor.domain.dispatch.DispatchEvent.Deadline;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.Requirement;
import org.guarantor.domain.incident.Scope;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.ledger.Ledger;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.plan.PlanLine;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.domain.treaty.ActivationRule;
import org.guarantor.domain.treaty.Consequences;
import org.guarantor.domain.treaty.Treaty;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * {@code decide(command, state) → events | rejection}: validates a command completely against the
 * state and returns the events it causes, or the reasons it is refused. Reads the state, never
 * changes it; reads no clock (time comes on the command). Stateless and thread-safe given a state
 * that is not being changed meanwhile.
 */
public final class Decider {
  /** Reports may be observed at most this far ahead of the command time (clock skew). */
  static final Duration SKEW = Duration.ofMinutes(5);

  static final int MAX_KEY = 200;
  static final int MAX_TEXT = 4000;

  private Decider() {}

  public static Decision decide(DispatchCommand command, DispatchState state) {
    if (command instanceof DispatchCommand.Signed c) {
      return SignatureRules.decide(c, state);
    }
    return decideUnsigned(command, state, null);
  }

  /**
   * Decides a command; {@code signature} is the one it came with, or null. Key changes are decided
   * only signed: the key that signed them is what authorises them.
   */
  static Decision decideUnsigned(
      DispatchCommand command, DispatchState state, org.guarantor.domain.keys.Signature signature) {
    if (command instanceof AdoptTreaty c) {
      return adopt(c, state);
    }
    if (command instanceof DispatchCommand.AdoptKeyring c) {
      return KeyRules.adoptKeyring(c, state);
    }
    if (KeyRules.isKeyChange(command)) {
      return signature == null
          ? Decision.reject(
              "",
              ReasonType.SIGNATURE_REQUIRED,
              "a key change",
              "sign it with" + " the party's root key (or, to enrol, with the new key)")
          : KeyRules.decide(command, signature, state);
    }
    // The version in force when the command is decided, not merely the latest adopted: an
    // amendment adopted today that takes effect next week must not move pledges or rules today.
    Optional<Treaty> current = state.treatyAt(command.at());
    if (current.isEmpty()) {
      return Decision.reject("", ReasonType.NO_TREATY);
    }
    Treaty treaty = current.get();
    if (command instanceof FileReport c) {
      return report(c, state, treaty);
    } else if (command instanceof Corroborate c) {
      return corroborate(c, state, treaty);
    } else if (command instanceof Acknowledge c) {
      return onTasking(c, c.tasking(), state, treaty, "acknowledge", (t, i) -> acknowledge(c, t));
    } else if (command instanceof Decline c) {
      return onTasking(
          c, c.tasking(), state, treaty, "decline", (t, i) -> decline(c, t, i, state, treaty));
    } else if (command instanceof ReportMobilising c) {
      return onTasking(
          c, c.tasking(), state, treaty, "report mobilising", (t, i) -> mobilising(c, t));
    } else if (command instanceof ReportDelivered c) {
      return onTasking(
          c, c.tasking(), state, treaty, "report delivered", (t, i) -> delivered(c, t));
    } else if (command instanceof Resolve c) {
      return close(c, c.incident(), IncidentState.RESOLVED, c.note(), state, treaty);
    } else if (command instanceof StandDown c) {
      return close(c, c.incident(), IncidentState.STOOD_DOWN, c.note(), state, treaty);
    } else if (command instanceof Tick c) {
      return tick(c, state, treaty);
    } else if (command instanceof Reinstate c) {
      return reinstate(c, state, treaty);
    } else if (command instanceof DispatchCommand.AdoptReplan c) {
      return ReplanRules.decide(c, state, treaty);
    } else if (command instanceof DispatchCommand.RequestReplan c) {
      return ReplanRules.request(c, state, treaty);
    } else if (command instanceof DispatchCommand.MoveExerciseClock c) {
      return ExerciseRules.move(c);
    } else if (command instanceof DispatchCommand.ProposeAmendment c) {
      return AmendmentRules.propose(c, state, treaty);
    } else if (command instanceof DispatchCommand.VoteOnAmendment c) {
      return AmendmentRules.vote(c, state, treaty);
    } else if (command instanceof DispatchCommand.CertifyPledge c) {
      return AmendmentRules.certify(c, state, treaty);
    }
    throw new IllegalArgumentException("no rule for " + command.getClass().getSimpleName());
  }

  // ---- treaty ---------------------------------------------------------------------------------

  private static Decision adopt(AdoptTreaty c, DispatchState state) {
    if (!Access.mayAdministrate(c.actor())) {
      return Decision.reject("", ReasonType.FORBIDDEN, c.actor().party(), "adopt a treaty");
    }
    if (c.treaty() == null) {
      return Decision.reject("/treaty", ReasonType.REQUIRED, "treaty");
    }
    int expected = state.treaty().map(t -> t.version() + 1).orElse(1);
    if (c.treaty().version() != expected) {
      return Decision.reject("/version", ReasonType.TREATY_VERSION, expected, c.treaty().version());
    }
    List<Reason> problems = new ArrayList<>(TreatyCheck.check(c.treaty(), state.atlas()));
    if (!problems.isEmpty()) {
      return new Decision.Rejected(problems);
    }
    return accepted(List.of(new DispatchEvent.TreatyAdopted(c.at(), c.treaty())), c.treaty().id());
  }

  // ---- the call -------------------------------------------------------------------------------

  private static Decision report(FileReport c, DispatchState state, Treaty treaty) {
    if (!Access.mayReport(c.actor(), treaty)) {
      return Decision.reject("", ReasonType.FORBIDDEN, c.actor().party(), "file threat reports");
    }
    List<Reason> problems = validate(c, treaty);
    if (!problems.isEmpty()) {
      return new Decision.Rejected(problems);
    }
    Optional<IncidentId> earlier = state.incidentForKey(c.actor().party(), c.key());
    if (earlier.isPresent()) {
      Incident i = state.incident(earlier.get()).orElseThrow();
      return i.report().sameAs(c.report())
          ? new Decision.Accepted(List.of(), i.id().value(), true)
          : Decision.reject("/key", ReasonType.KEY_REUSED, c.key(), i.id());
    }
    IncidentId id = IncidentId.number(state.incidentCount() + 1);
    Treaty judgedBy = state.treatyAt(c.report().observedAt()).orElse(treaty);
    Geometry where = c.report().location();
    Scope scope =
        where instanceof Point
            ? Scope.of(
                state.territory(judgedBy).check(where),
                judgedBy.territory().version(),
                judgedBy.version())
            : Scope.of(
                state.territory(judgedBy).checkArea(where),
                judgedBy.territory().version(),
                judgedBy.version());
    List<DispatchEvent> events = new ArrayList<>();
    events.add(
        new DispatchEvent.IncidentReported(
            c.at(), id, c.key(), c.actor().party(), c.report(), scope));
    if (!scope.inScope()) {
      events.add(new DispatchEvent.IncidentOutOfScope(c.at(), id, scope.explanation()));
      return accepted(events, id.value());
    }
    ActivationRule rule = treaty.activation();
    if (rule.kind() == ActivationRule.Kind.CORROBORATION && rule.corroborations() > 0) {
      events.add(
          new DispatchEvent.IncidentAwaitingCorroboration(
              c.at(), id, rule.corroborations(), c.at().plus(decisionWindow(treaty))));
      return accepted(events, id.value());
    }
    Incident draft =
        Incident.reported(id, c.key(), c.actor().party(), c.report(), c.at(), scope, null);
    activate(draft, c.at(), treaty, state, events);
    return accepted(events, id.value());
  }

  private static List<Reason> validate(FileReport c, Treaty treaty) {
    List<Reason> r = new ArrayList<>();
    if (c.key() == null || c.key().isBlank()) {
      r.add(Reason.of("/key", ReasonType.REQUIRED, "key"));
    } else {
      FreeText.problem("/key", "key", c.key(), MAX_KEY).ifPresent(r::add);
    }
    ThreatReport rep = c.report();
    if (rep == null) {
      r.add(Reason.of("/report", ReasonType.REQUIRED, "report"));
      return r;
    }
    if (!treaty.vocabulary().knows(rep.type())) {
      r.add(
          Reason.of(
              "/type",
              ReasonType.UNKNOWN_CODE,
              rep.type(),
              "threat type",
              join(treaty.vocabulary().threatTypeCodes())));
    }
    if (rep.severity() < 1 || rep.severity() > 5) {
      r.add(Reason.of("/severity", ReasonType.OUT_OF_RANGE, "severity", 1, 5, rep.severity()));
    }
    if (rep.observedAt().isAfter(c.at().plus(SKEW))) {
      r.add(
          Reason.of(
              "/observedAt",
              ReasonType.INVALID_VALUE,
              "observedAt",
              "time",
              "it lies in the future (" + rep.observedAt() + ")"));
    }
    FreeText.problem("/description", "description", rep.description(), MAX_TEXT).ifPresent(r::add);
    r.addAll(LocationCheck.check("/location", rep.location()));
    return r;
  }

  private static String join(List<?> codes) {
    return codes.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
  }

  private static void activate(
      Incident incident, Instant at, Treaty treaty, DispatchState state, List<DispatchEvent> out) {
    int severity = incident.report().severity();
    Optional<ResponsePlan> plan = treaty.plan(incident.report().type(), severity);
    List<Requirement> reqs = new ArrayList<>();
    for (PlanLine l : plan.map(ResponsePlan::lines).orElse(List.of())) {
      reqs.add(new Requirement(l.line(), l.capability(), l.quantity(), at.plus(l.deadline())));
    }
    out.add(
        new DispatchEvent.IncidentActivated(
            at, incident.id(), plan.map(ResponsePlan::id).orElse(""), reqs));
    Map<PledgeId, Long> held = new HashMap<>(state.held());
    long[] nextTasking = {state.taskingCount()};
    // The whole plan in one call: the same allocations as one call per line in order (a property
    // test says so), with what each pledge holds read once per unit instead of once per line.
    List<Need> needs = new ArrayList<>(reqs.size());
    for (Requirement req : reqs) {
      needs.add(Needs.of(incident, req, req.quantity().amount(), at, Set.of()));
    }
    List<Allocation> allocations =
        state.allocator(treaty).allocateInTurn(needs, held, state.ledger());
    for (int i = 0; i < reqs.size(); i++) {
      issue(incident, reqs.get(i), allocations.get(i), at, treaty, nextTasking, out);
    }
  }

  private static void allocate(
      Incident incident,
      Requirement req,
      long amount,
      Set<PledgeId> excluded,
      Instant at,
      Treaty treaty,
      Map<PledgeId, Long> held,
      long[] nextTasking,
      List<DispatchEvent> out,
      Standing standing,
      Allocator allocator) {
    Need need = Needs.of(incident, req, amount, at, excluded);
    issue(incident, req, allocator.allocate(need, held, standing), at, treaty, nextTasking, out);
  }

  /** The taskings of one line's allocation, and its shortfall if any. */
  private static void issue(
      Incident incident,
      Requirement req,
      Allocation a,
      Instant at,
      Treaty treaty,
      long[] nextTasking,
      List<DispatchEvent> out) {
    for (Assignment as : a.assignments()) {
      out.add(
          new DispatchEvent.TaskingIssued(
              at,
              incident.id(),
              TaskingId.number(++nextTasking[0]),
              req.line(),
              as.pledge().guarantor(),
              as.pledge().id(),
              as.pledge().hub(),
              req.capability(),
              req.quantity().withAmount(as.amount()),
              at.plus(treaty.acknowledgementDeadline()),
              req.dueAt(),
              as.arrival(),
              Math.round(as.distanceKm() * 10) / 10.0,
              Explanation.of(as, a)));
    }
    if (a.shortfall() > 0) {
      out.add(
          new DispatchEvent.ShortfallRecorded(
              at,
              incident.id(),
              req.line(),
              req.capability(),
              req.quantity().withAmount(a.shortfall()),
              a.shortfallReason()));
    }
  }

  private static Decision corroborate(Corroborate c, DispatchState state, Treaty treaty) {
    Optional<Incident> found = state.incident(c.incident());
    if (found.isEmpty() || Access.incident(c.actor(), found.get(), treaty) == Access.View.NONE) {
      return Decision.reject("/incident", ReasonType.NOT_FOUND, "incident", c.incident());
    }
    Incident i = found.get();
    if (!Access.mayCorroborate(c.actor(), treaty)) {
      return Decision.reject("", ReasonType.FORBIDDEN, c.actor().party(), "corroborate reports");
    }
    if (i.state() != IncidentState.AWAITING_CORROBORATION) {
      return Decision.reject(
          "/incident", ReasonType.WRONG_STATE, "incident", i.id(), i.state(), "corroborate");
    }
    if (i.corroborations().contains(c.actor().party())) {
      return new Decision.Accepted(List.of(), i.id().value(), true);
    }
    // "k guarantors within h hours": a corroboration after the window must not activate.
    Instant decideBy = i.reportedAt().plus(treaty.activation().within());
    // (The decision limit may be shorter than the corroboration window; the window still rules.)
    if (c.at().isAfter(decideBy)) {
      return Decision.reject(
          "/incident", ReasonType.TOO_LATE, "incident", i.id(), "corroborated", decideBy);
    }
    List<DispatchEvent> events = new ArrayList<>();
    events.add(new DispatchEvent.IncidentCorroborated(c.at(), i.id(), c.actor().party()));
    if (i.corroborations().size() + 1 >= treaty.activation().corroborations()) {
      activate(i, c.at(), treaty, state, events);
    }
    return accepted(events, i.id().value());
  }

  // ---- taskings -------------------------------------------------------------------------------

  private interface TaskingRule {
    Decision apply(Tasking tasking, Incident incident);
  }

  /** Common checks for a guarantor's command on a tasking: exists for it, is its own. */
  private static Decision onTasking(
      DispatchCommand c,
      TaskingId id,
      DispatchState state,
      Treaty treaty,
      String verb,
      TaskingRule rule) {
    Optional<Incident> incident = state.incidentOfTasking(id);
    Optional<Tasking> tasking = incident.flatMap(i -> i.tasking(id));
    if (tasking.isEmpty() || !Access.tasking(c.actor(), tasking.get(), treaty)) {
      return Decision.reject("/tasking", ReasonType.NOT_FOUND, "tasking", id);
    }
    if (!Access.mayActOn(c.actor(), tasking.get())) {
      return Decision.reject("", ReasonType.FORBIDDEN, c.actor().party(), verb + " this tasking");
    }
    return rule.apply(tasking.get(), incident.get());
  }

  private static Decision acknowledge(Acknowledge c, Tasking t) {
    if (!t.state().awaitingAcknowledgement()) {
      return wrongState(t, "acknowledge");
    }
    return accepted(
        List.of(
            new DispatchEvent.TaskingAcknowledged(c.at(), t.incident(), t.id(), c.actor().party())),
        t.id().value());
  }

  private static Decision decline(
      Decline c, Tasking t, Incident i, DispatchState state, Treaty treaty) {
    if (c.reason() == null || c.reason().isBlank()) {
      return Decision.reject("/reason", ReasonType.REQUIRED, "reason");
    }
    Optional<Reason> badReason = FreeText.problem("/reason", "reason", c.reason(), MAX_TEXT);
    if (badReason.isPresent()) {
      return new Decision.Rejected(List.of(badReason.get()));
    }
    if (!t.state().open() || t.delivered() > 0) {
      return wrongState(t, "decline");
    }
    List<DispatchEvent> events = new ArrayList<>();
    events.add(
        new DispatchEvent.TaskingDeclined(
            c.at(), t.incident(), t.id(), c.actor().party(), c.reason().strip()));
    Requirement req =
        i.requirements().stream().filter(r -> r.line() == t.line()).findFirst().orElseThrow();
    Set<PledgeId> declined = new HashSet<>();
    for (Tasking other : i.taskings()) {
      if (other.line() == t.line()
          && (other.state() == TaskingState.DECLINED || other.state() == TaskingState.BREACHED)) {
        declined.add(other.pledge());
      }
    }
    declined.add(t.pledge());
    Map<PledgeId, Long> held = new HashMap<>(state.held());
    held.merge(t.pledge(), -t.quantity().amount(), Long::sum);
    long[] next = {state.taskingCount()};
    allocate(
        i,
        backfillTarget(req, c.at(), treaty),
        t.quantity().amount(),
        declined,
        c.at(),
        treaty,
        held,
        next,
        events,
        state.ledger(),
        state.allocator(treaty));
    return accepted(events, t.id().value());
  }

  private static Decision mobilising(ReportMobilising c, Tasking t) {
    List<DispatchEvent> events = new ArrayList<>();
    if (t.state().awaitingAcknowledgement()) {
      events.add(
          new DispatchEvent.TaskingAcknowledged(c.at(), t.incident(), t.id(), c.actor().party()));
    } else if (t.state() != TaskingState.ACKNOWLEDGED) {
      return wrongState(t, "report mobilising");
    }
    events.add(
        new DispatchEvent.TaskingMobilising(c.at(), t.incident(), t.id(), c.actor().party()));
    return accepted(events, t.id().value());
  }

  private static Decision delivered(ReportDelivered c, Tasking t) {
    if (!t.state().open()) {
      return wrongState(t, "report delivered");
    }
    long outstanding = t.quantity().amount() - t.delivered();
    long amount = c.amount().orElse(outstanding);
    if (amount < 1) {
      return Decision.reject(
          "/quantity", ReasonType.OUT_OF_RANGE, "quantity", 1, t.outstanding(), amount);
    }
    // Compared with what is outstanding, not as delivered + amount, which overflows.
    if (amount > outstanding) {
      return Decision.reject(
          "/quantity", ReasonType.OVER_DELIVERY, amount, t.quantity(), t.delivered());
    }
    List<DispatchEvent> events = new ArrayList<>();
    if (t.state().awaitingAcknowledgement()) {
      events.add(
          new DispatchEvent.TaskingAcknowledged(c.at(), t.incident(), t.id(), c.actor().party()));
    }
    events.add(
        new DispatchEvent.TaskingDelivered(
            c.at(), t.incident(), t.id(), c.actor().party(), amount, t.delivered() + amount));
    if (amount == outstanding && c.at().isAfter(t.deliverBy())) {
      events.add(
          new DispatchEvent.TaskingLate(
              c.at(),
              t.incident(),
              t.id(),
              c.actor().party(),
              t.quantity().withAmount(amount),
              Ledger.hours(t.deliverBy(), c.at())));
    }
    return accepted(events, t.id().value());
  }

  private static Decision wrongState(Tasking t, String verb) {
    return Decision.reject("/tasking", ReasonType.WRONG_STATE, "tasking", t.id(), t.state(), verb);
  }

  // ---- closing --------------------------------------------------------------------------------

  private static Decision close(
      DispatchCommand c,
      IncidentId id,
      IncidentState outcome,
      String note,
      DispatchState state,
      Treaty treaty) {
    Optional<Incident> found = state.incident(id);
    if (found.isEmpty() || Access.incident(c.actor(), found.get(), treaty) == Access.View.NONE) {
      return Decision.reject("/incident", ReasonType.NOT_FOUND, "incident", id);
    }
    String verb = outcome == IncidentState.RESOLVED ? "resolve" : "stand down";
    if (!Access.mayClose(c.actor(), treaty)) {
      return Decision.reject("", ReasonType.FORBIDDEN, c.actor().party(), verb + " incidents");
    }
    Incident i = found.get();
    if (i.state().closed()) {
      return Decision.reject("/incident", ReasonType.WRONG_STATE, "incident", id, i.state(), verb);
    }
    String text = note == null ? "" : note.strip();
    Optional<Reason> badNote = FreeText.problem("/note", "note", text, MAX_TEXT);
    if (badNote.isPresent()) {
      return new Decision.Rejected(List.of(badNote.get()));
    }
    List<DispatchEvent> events = new ArrayList<>();
    for (Tasking t : i.taskings()) {
      if (t.state().open()) {
        events.add(new DispatchEvent.TaskingReleased(c.at(), id, t.id()));
      }
    }
    events.add(new DispatchEvent.IncidentClosed(c.at(), id, outcome, c.actor().party(), text));
    return accepted(events, id.value());
  }

  // ---- time -----------------------------------------------------------------------------------

  /**
   * Fires every timer due by the tick's time, in due order, against the state before the tick:
   *
   * <ul>
   *   <li>a missed acknowledgement or delivery deadline marks the tasking overdue and escalates it:
   *       unless remedied within the treaty's grace period, it will be backfilled;
   *   <li>a missed readiness deadline is a notice only;
   *   <li>the end of a grace period breaches the tasking: what it still owes goes to other pledges
   *       (never the pledges that declined or breached the line) and the treaty's consequences
   *       apply;
   *   <li>an incident still awaiting corroboration at its decision limit is reported overdue.
   * </ul>
   *
   * Timers that its own events create (a grace period) fire at a later tick.
   */
  private static Decision tick(Tick c, DispatchState state, Treaty treaty) {
    if (!Access.mayAdministrate(c.actor())) {
      return Decision.reject("", ReasonType.FORBIDDEN, c.actor().party(), "advance the clock");
    }
    List<DispatchEvent> events = new ArrayList<>();
    Breaches breaches = new Breaches(state, treaty, c.at());
    for (Timer timer : state.dueTimers(c.at())) {
      if (timer.deadline() == Deadline.DECISION) {
        Optional<Incident> i = state.incident(timer.incident());
        if (i.isPresent() && i.get().state() == IncidentState.AWAITING_CORROBORATION) {
          events.add(
              new DispatchEvent.IncidentDecisionOverdue(c.at(), i.get().id(), timer.dueAt()));
        }
        continue;
      }
      Tasking t = state.tasking(timer.tasking()).orElseThrow();
      if (breaches.done.contains(t.id()) || !DispatchState.applies(timer.deadline(), t)) {
        continue;
      }
      switch (timer.deadline()) {
        case ACKNOWLEDGEMENT:
        case DELIVERY:
          events.add(
              new DispatchEvent.TaskingOverdue(
                  c.at(), t.incident(), t.id(), timer.deadline(), timer.dueAt()));
          events.add(
              new DispatchEvent.TaskingEscalated(
                  c.at(),
                  t.incident(),
                  t.id(),
                  t.guarantor(),
                  timer.deadline(),
                  timer.dueAt(),
                  timer.dueAt().plus(treaty.gracePeriod())));
          break;
        case READINESS:
          events.add(
              new DispatchEvent.TaskingOverdue(
                  c.at(), t.incident(), t.id(), timer.deadline(), timer.dueAt()));
          break;
        case ACKNOWLEDGEMENT_GRACE:
          breaches.breach(t, Deadline.ACKNOWLEDGEMENT, t.acknowledgeBy(), events);
          break;
        case DELIVERY_GRACE:
          breaches.breach(t, Deadline.DELIVERY, t.deliverBy(), events);
          break;
        default:
          break;
      }
    }
    return accepted(events, "");
  }

  /** The breaches of one tick, sharing the pledge quantities and tasking numbers they use. */
  private static final class Breaches {
    final DispatchState state;
    final Treaty treaty;
    final Instant at;
    final Map<PledgeId, Long> held;
    final long[] next;
    final Set<TaskingId> done = new HashSet<>();
    final Map<PartyCode, Integer> counted = new HashMap<>();
    final Set<PartyCode> suspended = new HashSet<>();

    Breaches(DispatchState state, Treaty treaty, Instant at) {
      this.state = state;
      this.treaty = treaty;
      this.at = at;
      this.held = new HashMap<>(state.held());
      this.next = new long[] {state.taskingCount()};
    }

    void breach(Tasking t, Deadline missed, Instant dueAt, List<DispatchEvent> out) {
      done.add(t.id());
      long owed = t.quantity().amount() - t.delivered();
      double hoursLate = Ledger.hours(dueAt, at);
      out.add(
          new DispatchEvent.TaskingBreached(
              at,
              t.incident(),
              t.id(),
              t.guarantor(),
              missed,
              dueAt,
              t.quantity().withAmount(owed),
              hoursLate));
      Incident i = state.incident(t.incident()).orElseThrow();
      Requirement req =
          i.requirements().stream().filter(r -> r.line() == t.line()).findFirst().orElseThrow();
      Set<PledgeId> excluded = new HashSet<>();
      for (Tasking other : i.taskings()) {
        if (other.line() == t.line()
            && (other.state() == TaskingState.DECLINED || other.state() == TaskingState.BREACHED)) {
          excluded.add(other.pledge());
        }
      }
      excluded.add(t.pledge());
      held.merge(t.pledge(), -owed, Long::sum);
      int from = out.size();
      allocate(
          i,
          backfillTarget(req, at, treaty),
          owed,
          excluded,
          at,
          treaty,
          held,
          next,
          out,
          state.ledger(),
          state.allocator(treaty));
      List<TaskingId> replacements = new ArrayList<>();
      long uncovered = 0;
      for (DispatchEvent e : out.subList(from, out.size())) {
        if (e instanceof DispatchEvent.TaskingIssued x) {
          replacements.add(x.tasking());
        } else if (e instanceof DispatchEvent.ShortfallRecorded x) {
          uncovered += x.missing().amount();
        }
      }
      out.add(
          new DispatchEvent.TaskingBackfilled(
              at, t.incident(), t.id(), t.quantity().withAmount(owed), replacements, uncovered));
      consequences(t, owed, hoursLate, missed, out);
    }

    private void consequences(
        Tasking t, long owed, double hoursLate, Deadline missed, List<DispatchEvent> out) {
      Consequences k = treaty.consequences();
      PartyCode g = t.guarantor();
      String what =
          g
              + " breached "
              + t.id()
              + ": "
              + t.quantity().withAmount(owed)
              + " owed, "
              + Math.round(hoursLate * 10) / 10.0
              + " h after the "
              + (missed == Deadline.ACKNOWLEDGEMENT ? "acknowledgement" : "delivery")
              + " deadline";
      if (k.fundPerUnitHour() > 0) {
        double amount = Math.round(k.fundPerUnitHour() * owed * hoursLate * 100) / 100.0;
        out.add(
            new DispatchEvent.ConsequenceApplied(
                at,
                t.incident(),
                t.id(),
                g,
                DispatchEvent.Consequence.FUND_CONTRIBUTION,
                amount,
                k.currency(),
                what + "; " + k.fundPerUnitHour() + " " + k.currency() + " per unit-hour"));
      }
      if (k.publicNotice()) {
        out.add(
            new DispatchEvent.ConsequenceApplied(
                at, t.incident(), t.id(), g, DispatchEvent.Consequence.PUBLIC_NOTICE, 0, "", what));
      }
      int n = state.ledger().breachesSinceReview(g) + counted.merge(g, 1, Integer::sum);
      if (k.suspendAfterBreaches() > 0
          && n >= k.suspendAfterBreaches()
          && !state.ledger().suspended(g)
          && suspended.add(g)) {
        out.add(
            new DispatchEvent.ConsequenceApplied(
                at,
                t.incident(),
                t.id(),
                g,
                DispatchEvent.Consequence.SUSPENSION,
                0,
                "",
                g
                    + " has "
                    + n
                    + " breaches since its last review: it is tasked only after every other"
                    + " guarantor until the secretariat reinstates it"));
      }
    }
  }

  private static Requirement backfillTarget(Requirement req, Instant at, Treaty treaty) {
    return Needs.target(req, at, treaty);
  }

  /** The corroboration window, but never beyond the treaty's decision limit. */
  private static java.time.Duration decisionWindow(Treaty treaty) {
    java.time.Duration within = treaty.activation().within();
    return within.compareTo(treaty.decisionLimit()) <= 0 ? within : treaty.decisionLimit();
  }

  // ---- the ledger -----------------------------------------------------------------------------

  private static Decision reinstate(Reinstate c, DispatchState state, Treaty treaty) {
    if (!Access.mayAdministrate(c.actor())) {
      return Decision.reject("", ReasonType.FORBIDDEN, c.actor().party(), "reinstate guarantors");
    }
    if (c.guarantor() == null) {
      return Decision.reject("/guarantor", ReasonType.REQUIRED, "guarantor");
    }
    if (treaty.party(c.guarantor()).isEmpty()) {
      return Decision.reject("/guarantor", ReasonType.NOT_FOUND, "guarantor", c.guarantor());
    }
    if (!state.ledger().suspended(c.guarantor())) {
      return Decision.reject(
          "/guarantor",
          ReasonType.WRONG_STATE,
          "guarantor",
          c.guarantor(),
          "not suspended",
          "reinstate");
    }
    String note = c.note() == null ? "" : c.note().strip();
    Optional<Reason> badNote = FreeText.problem("/note", "note", note, MAX_TEXT);
    if (badNote.isPresent()) {
      return new Decision.Rejected(List.of(badNote.get()));
    }
    return accepted(
        List.of(
            new DispatchEvent.GuarantorReinstated(c.at(), c.guarantor(), c.actor().party(), note)),
        c.guarantor().value());
  }

  private static Decision accepted(List<DispatchEvent> events, String subject) {
    return new Decision.Accepted(events, subject, false);
  }
}
