package org.guarantor.optimizer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.dispatch.Needs;
import org.guarantor.domain.dispatch.Replan;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.Requirement;
import org.guarantor.domain.ledger.Ledger;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.treaty.Treaty;

/**
 * Proposes an exact re-plan of one incident from the live dispatch state, off the writer thread.
 *
 * <p>It reads only what {@link DispatchState} lets readers read (incidents, treaties, the ledger),
 * retrying when the writer moved on while it read, and never changes anything: the proposal is a
 * {@link Replan} for the engine to decide, which checks it again against the state of that moment.
 * Taskings not yet acknowledged (with nothing delivered, of a guarantor not suspended) are
 * re-planned and may be kept as issued; everything else is fixed and holds its pledge quantity.
 * When the treaty allows re-prioritisation by severity and the incident is still short, a second
 * solve also frees what open incidents of strictly lower severity hold unacknowledged, withdraws
 * only what the incident needs of it, and re-plans those incidents for what they lost.
 *
 * <p>Stateless and thread-safe; each call solves on the calling thread.
 */
public final class StateReplanner {
  private static final int READ_ATTEMPTS = 5;

  private StateReplanner() {}

  /**
   * What a proposal came to.
   *
   * @param replan the proposal to submit, or null when there is nothing to adopt
   * @param note why there is nothing to adopt, or a summary of the proposal
   * @param before coverage of the lines planned, now
   * @param after coverage of the same lines under the proposal
   */
  public record Result(Replan replan, String note, long before, long after, Duration elapsed) {
    public Optional<Replan> proposal() {
      return Optional.ofNullable(replan);
    }
  }

  public static Result propose(
      DispatchState state, IncidentId id, Replan.Trigger trigger, Duration budget, Instant now) {
    long started = System.nanoTime();
    long basis = state.eventCount();
    List<Incident> incidents = new ArrayList<>(state.incidents());
    for (int i = 1; i < READ_ATTEMPTS && state.eventCount() != basis; i++) {
      basis = state.eventCount();
      incidents = new ArrayList<>(state.incidents());
    }
    Optional<Treaty> treaty = state.treatyAt(now);
    Optional<Incident> target = incidents.stream().filter(i -> i.id().equals(id)).findFirst();
    if (treaty.isEmpty() || target.isEmpty() || target.get().state() != IncidentState.ACTIVATED) {
      return new Result(null, id + " is not an open incident", 0, 0, since(started));
    }
    Snapshot s = new Snapshot(incidents, treaty.get(), state.ledger(), now, basis);
    Attempt normal = s.replan(target.get(), trigger, budget);
    Attempt best = normal;
    if (treaty.get().reprioritiseBySeverity() && normal.short_ > 0) {
      Duration left = budget.minus(since(started));
      Attempt taking = s.reprioritise(target.get(), normal, left);
      if (taking != null) {
        best = taking;
      }
    }
    return best.result(since(started));
  }

  private static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }

  /** One candidate: the proposal (or why none), and the coverage it gives. */
  private record Attempt(
      Replan replan, String note, long before, long after, long short_, List<Ref> refs, Plan plan) {
    Result result(Duration elapsed) {
      return new Result(replan, note, before, after, elapsed);
    }
  }

  /** A line of the problem, where it came from, and the taskings on it that may be kept. */
  private record Ref(Incident incident, Requirement req, long fixed, List<Tasking> kept) {}

  /** The state as read once: what every pledge holds, and what may be re-planned. */
  private static final class Snapshot {
    final List<Incident> incidents;
    final Treaty treaty;
    final Ledger ledger;
    final Instant now;
    final long basis;
    final Map<PledgeId, Long> held = new HashMap<>();
    final List<Pledge> pledges = new ArrayList<>();
    final Map<PartyCode, Double> reliability = new HashMap<>();

    Snapshot(List<Incident> incidents, Treaty treaty, Ledger ledger, Instant now, long basis) {
      this.incidents = incidents;
      this.treaty = treaty;
      this.ledger = ledger;
      this.now = now;
      this.basis = basis;
      for (Incident i : incidents) {
        for (Tasking t : i.taskings()) {
          if (t.holding() > 0) {
            held.merge(t.pledge(), t.holding(), Long::sum);
          }
        }
      }
      for (Pledge p : treaty.pledges()) {
        // No new quantity for a suspended guarantor: its taskings stay fixed. Nor from a pledge
        // the treaty does not count for want of a certification.
        if (!ledger.suspended(p.guarantor()) && treaty.certificationAllows(p, now)) {
          pledges.add(p);
          reliability.put(p.guarantor(), ledger.reliability(p.guarantor()));
        }
      }
    }

    boolean replannable(Incident i, Tasking t) {
      return i.state() == IncidentState.ACTIVATED
          && Needs.replannable(t)
          && !ledger.suspended(t.guarantor());
    }

    /** The normal re-plan: the incident's own lines, with what it holds unacknowledged freed. */
    Attempt replan(Incident target, Replan.Trigger trigger, Duration budget) {
      Map<PledgeId, Long> h = new HashMap<>(held);
      free(target, h);
      List<Ref> refs = new ArrayList<>();
      Problem problem = problem(List.of(target), h, refs, true);
      Plan current = current(problem, refs);
      Replanner.Outcome o = Replanner.replan(problem, current, budget);
      long fixed = refs.stream().mapToLong(Ref::fixed).sum();
      long before = fixed + current.covered();
      long required = refs.stream().mapToLong(r -> r.req.quantity().amount()).sum();
      if (!o.adopted()) {
        return new Attempt(null, o.reason(), before, before, required - before, refs, current);
      }
      long after = fixed + o.plan().covered();
      Diff d = diff(refs, o.plan());
      if (d.withdraw.isEmpty() && d.issue.isEmpty()) {
        return new Attempt(
            null,
            "the plan in force is already optimal",
            before,
            after,
            required - after,
            refs,
            o.plan());
      }
      if (after == before && trigger != Replan.Trigger.REQUESTED) {
        // A decline or a missed deadline calls for coverage. A plan that only spreads the same
        // coverage differently would withdraw taskings that guarantors may be preparing: not worth
        // it unasked. The secretariat can still ask for the optimal plan.
        return new Attempt(
            null,
            "the exact plan covers no more than the plan in force; kept to spare guarantors churn",
            before,
            before,
            required - before,
            refs,
            current);
      }
      Replan r =
          new Replan(target.id(), trigger, basis, d.withdraw, d.issue, solver(o.exact(), budget));
      return new Attempt(r, o.reason(), before, after, required - after, refs, o.plan());
    }

    /**
     * What the normal re-plan left short, placed again with what lower-severity incidents hold
     * unacknowledged freed too; only what that uses beyond the quantity truly free is withdrawn
     * from them, least severe and newest first, and they are re-planned for what they lost. Null
     * when that gives nothing, or when they would lose more than the incident gains.
     */
    Attempt reprioritise(Incident target, Attempt normal, Duration budget) {
      int severity = target.report().severity();
      List<Incident> victims = new ArrayList<>();
      for (Incident i : incidents) {
        if (!i.id().equals(target.id())
            && i.state() == IncidentState.ACTIVATED
            && i.report().severity() < severity
            && i.taskings().stream().anyMatch(t -> replannable(i, t))) {
          victims.add(i);
        }
      }
      if (victims.isEmpty() || budget.isNegative()) {
        return null;
      }
      long start = System.nanoTime();
      // The state after the normal re-plan: the incident's plan in force, everything else held.
      Map<PledgeId, Long> afterNormal = new HashMap<>(held);
      free(target, afterNormal);
      long[] placed = new long[normal.refs.size()];
      for (Plan.Placement x : normal.plan.placements()) {
        afterNormal.merge(x.pledge(), x.amount(), Long::sum);
        placed[x.line()] += x.amount();
      }
      Map<PledgeId, Long> h = new HashMap<>(afterNormal);
      for (Incident v : victims) {
        free(v, h);
      }
      List<Problem.Line> shortLines = new ArrayList<>();
      List<Integer> toNormal = new ArrayList<>();
      for (int li = 0; li < normal.refs.size(); li++) {
        Ref ref = normal.refs.get(li);
        long missing = ref.req.quantity().amount() - ref.fixed - placed[li];
        if (missing > 0) {
          shortLines.add(line(ref.incident, ref.req, missing));
          toNormal.add(li);
        }
      }
      if (shortLines.isEmpty()) {
        return null;
      }
      Problem extra =
          new Problem(treaty.hubs(), pledges, shortLines, h, reliability, treaty.burdenWeight());
      ExactPlanner.Result more = ExactPlanner.plan(extra, budget);
      if (!more.withinBudget() || more.plan().covered() == 0) {
        return null;
      }
      Map<PledgeId, Long> use = new HashMap<>();
      for (Plan.Placement x : more.plan().placements()) {
        use.merge(x.pledge(), x.amount(), Long::sum);
      }
      Map<PledgeId, Pledge> byId = new HashMap<>();
      for (Pledge p : pledges) {
        byId.put(p.id(), p);
      }
      List<Tasking> candidates = new ArrayList<>();
      Map<TaskingId, Incident> owner = new HashMap<>();
      for (Incident v : victims) {
        for (Tasking t : v.taskings()) {
          if (replannable(v, t)) {
            candidates.add(t);
            owner.put(t.id(), v);
          }
        }
      }
      candidates.sort(
          Comparator.comparingInt((Tasking t) -> owner.get(t.id()).report().severity())
              .thenComparing(Tasking::issuedAt, Comparator.reverseOrder())
              .thenComparing(Tasking::id, Comparator.reverseOrder()));
      List<Tasking> taken = new ArrayList<>();
      Map<PledgeId, Long> after = new HashMap<>(h);
      for (Map.Entry<PledgeId, Long> e : use.entrySet()) {
        after.merge(e.getKey(), e.getValue(), Long::sum);
        long cap = byId.get(e.getKey()).quantity().amount();
        long need = e.getValue() - (cap - afterNormal.getOrDefault(e.getKey(), 0L));
        for (Tasking t : candidates) {
          if (need <= 0) {
            break;
          }
          if (t.pledge().equals(e.getKey())) {
            taken.add(t);
            need -= t.quantity().amount();
          }
        }
      }
      if (taken.isEmpty()) {
        return null;
      }
      // The lower-severity incidents keep what was not taken and are re-planned for the rest.
      for (Tasking t : candidates) {
        if (!taken.contains(t)) {
          after.merge(t.pledge(), t.quantity().amount(), Long::sum);
        }
      }
      Map<String, Long> lost = new HashMap<>();
      Map<IncidentId, Incident> losers = new LinkedHashMap<>();
      for (Tasking t : taken) {
        lost.merge(t.incident().value() + "#" + t.line(), t.quantity().amount(), Long::sum);
        losers.putIfAbsent(t.incident(), owner.get(t.id()));
      }
      List<Ref> lostRefs = new ArrayList<>();
      List<Problem.Line> lines = new ArrayList<>();
      for (Incident v : losers.values()) {
        for (Requirement req : v.requirements()) {
          long amount = lost.getOrDefault(v.id().value() + "#" + req.line(), 0L);
          if (amount > 0) {
            lostRefs.add(new Ref(v, req, 0, List.of()));
            lines.add(line(v, req, amount));
          }
        }
      }
      Problem back =
          new Problem(treaty.hubs(), pledges, lines, after, reliability, treaty.burdenWeight());
      Duration left = budget.minus(Duration.ofNanos(System.nanoTime() - start));
      ExactPlanner.Result restored =
          ExactPlanner.plan(back, left.isNegative() ? Duration.ZERO : left);
      long lostTotal = taken.stream().mapToLong(t -> t.quantity().amount()).sum();
      long loss = lostTotal - restored.plan().covered();
      long gain = normal.after - normal.before + more.plan().covered();
      // The adoption must cover the affected lines together at least as much as now.
      if (gain < loss) {
        return null;
      }
      List<Plan.Placement> combined = new ArrayList<>(normal.plan.placements());
      for (Plan.Placement x : more.plan().placements()) {
        combined.add(
            new Plan.Placement(
                toNormal.get(x.line()), x.pledge(), x.guarantor(), x.amount(), x.arrival()));
      }
      Plan plan = new Plan(combined);
      Diff d = diff(normal.refs, plan);
      List<TaskingId> withdraw = new ArrayList<>(d.withdraw);
      taken.forEach(t -> withdraw.add(t.id()));
      List<Replan.Issue> issue = new ArrayList<>(d.issue);
      for (Plan.Placement x : restored.plan().placements()) {
        Ref ref = lostRefs.get(x.line());
        issue.add(new Replan.Issue(ref.incident.id(), ref.req.line(), x.pledge(), x.amount()));
      }
      long newTarget = normal.after + more.plan().covered();
      Replan r =
          new Replan(
              target.id(),
              Replan.Trigger.REPRIORITISED,
              basis,
              withdraw,
              issue,
              solver(more, budget));
      return new Attempt(
          r,
          "takes " + loss + " from " + losers.keySet() + " of lower severity",
          normal.before,
          newTarget,
          normal.short_ - more.plan().covered(),
          normal.refs,
          plan);
    }

    /** Frees in {@code h} what an incident holds in taskings that may be re-planned. */
    void free(Incident i, Map<PledgeId, Long> h) {
      for (Tasking t : i.taskings()) {
        if (replannable(i, t)) {
          h.merge(t.pledge(), -t.quantity().amount(), Long::sum);
        }
      }
    }

    Problem.Line line(Incident i, Requirement req, long amount) {
      Requirement due = Needs.target(req, now, treaty);
      return new Problem.Line(
          i.id().value() + "/" + req.line(),
          Needs.of(i, due, amount, now, Needs.excluded(i, req.line())));
    }

    /** Each line of the incidents for what is not fixed; its re-plannable taskings as kept. */
    Problem problem(List<Incident> planned, Map<PledgeId, Long> h, List<Ref> refs, boolean keep) {
      List<Problem.Line> lines = new ArrayList<>();
      List<Problem.Kept> kept = new ArrayList<>();
      for (Incident i : planned) {
        for (Requirement req : i.requirements()) {
          long fixed = 0;
          List<Tasking> mine = new ArrayList<>();
          for (Tasking t : i.taskings()) {
            if (t.line() != req.line()) {
              continue;
            }
            if (replannable(i, t)) {
              mine.add(t);
              if (keep) {
                kept.add(
                    new Problem.Kept(
                        lines.size(), t.pledge(), t.quantity().amount(), t.estimatedArrival()));
              }
            } else {
              fixed += t.holding();
            }
          }
          long amount = Math.max(0, req.quantity().amount() - fixed);
          refs.add(new Ref(i, req, Math.min(fixed, req.quantity().amount()), mine));
          lines.add(line(i, req, amount));
        }
      }
      return new Problem(
          treaty.hubs(), pledges, lines, h, reliability, treaty.burdenWeight(), kept);
    }

    /** The plan in force: the re-plannable taskings as they are. */
    Plan current(Problem problem, List<Ref> refs) {
      List<Plan.Placement> out = new ArrayList<>();
      for (int li = 0; li < refs.size(); li++) {
        for (Tasking t : refs.get(li).kept) {
          out.add(
              new Plan.Placement(
                  li, t.pledge(), t.guarantor(), t.quantity().amount(), t.estimatedArrival()));
        }
      }
      return new Plan(out);
    }
  }

  private record Diff(List<TaskingId> withdraw, List<Replan.Issue> issue) {}

  /**
   * Keeps every re-plannable tasking that the plan still gives to its pledge on its line (oldest
   * first), withdraws the rest, and issues what the plan places beyond what is kept.
   */
  private static Diff diff(List<Ref> refs, Plan plan) {
    List<Map<PledgeId, Long>> planned = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      planned.add(new LinkedHashMap<>());
    }
    for (Plan.Placement x : plan.placements()) {
      planned.get(x.line()).merge(x.pledge(), x.amount(), Long::sum);
    }
    List<TaskingId> withdraw = new ArrayList<>();
    List<Replan.Issue> issue = new ArrayList<>();
    for (int li = 0; li < refs.size(); li++) {
      Ref ref = refs.get(li);
      Map<PledgeId, Long> left = planned.get(li);
      List<Tasking> mine = new ArrayList<>(ref.kept);
      mine.sort(Comparator.comparing(Tasking::id));
      for (Tasking t : mine) {
        long p = left.getOrDefault(t.pledge(), 0L);
        if (t.quantity().amount() <= p) {
          left.put(t.pledge(), p - t.quantity().amount());
        } else {
          withdraw.add(t.id());
        }
      }
      for (Map.Entry<PledgeId, Long> e : left.entrySet()) {
        if (e.getValue() > 0) {
          issue.add(new Replan.Issue(ref.incident.id(), ref.req.line(), e.getKey(), e.getValue()));
        }
      }
    }
    return new Diff(withdraw, issue);
  }

  private static Replan.Solver solver(ExactPlanner.Result exact, Duration budget) {
    return new Replan.Solver(exact.status(), exact.coverageBound(), budget, exact.elapsed());
  }
}
