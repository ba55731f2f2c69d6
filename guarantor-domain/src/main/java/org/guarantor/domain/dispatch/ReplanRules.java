package org.guarantor.domain.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.allocation.Allocator;
import org.guarantor.domain.allocation.Explanation;
import org.guarantor.domain.allocation.Need;
import org.guarantor.domain.dispatch.DispatchCommand.AdoptReplan;
import org.guarantor.domain.dispatch.DispatchEvent.LineCoverage;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.Requirement;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.treaty.Treaty;

/**
 * Decides {@link AdoptReplan}: every part of the proposal is checked against the state at the
 * command's time, as if no optimizer had looked at it. A proposal made against an older state is
 * normal; it is adopted if it still holds and refused with the reasons if it does not.
 *
 * <ul>
 *   <li>each tasking to withdraw is open, not yet acknowledged, with nothing delivered; one of
 *       another incident only in a re-prioritisation that the treaty allows, from an incident of
 *       strictly lower severity, for an incident that is short;
 *   <li>each new tasking is for a line of an incident of the re-plan, from a pledge that may serve
 *       it (capability, unit, validity, caveats, not declined or breached on that line, guarantor
 *       not suspended), arrives by the line's deadline when issued now, and fits in what the pledge
 *       has free once the withdrawals are done;
 *   <li>no line is covered beyond its requirement, and the affected lines together are covered at
 *       least as much as now.
 * </ul>
 *
 * Stateless.
 */
final class ReplanRules {
  private ReplanRules() {}

  /**
   * A request for a re-plan: the secretariat, on an incident it can see that is still activated.
   * Recorded, so the log says who asked; the proposal is adopted later by {@link #decide}.
   */
  static Decision request(DispatchCommand.RequestReplan c, DispatchState state, Treaty treaty) {
    Optional<Incident> found =
        c.incident() == null ? Optional.empty() : state.incident(c.incident());
    if (found.isEmpty() || Access.incident(c.actor(), found.get(), treaty) == Access.View.NONE) {
      return Decision.reject("/incident", ReasonType.NOT_FOUND, "incident", c.incident());
    }
    if (!Access.mayReplan(c.actor())) {
      return Decision.reject("", ReasonType.FORBIDDEN, c.actor().party(), "ask for a re-plan");
    }
    Incident i = found.get();
    if (i.state() != IncidentState.ACTIVATED) {
      return Decision.reject(
          "/incident", ReasonType.WRONG_STATE, "incident", i.id(), i.state(), "re-plan");
    }
    return new Decision.Accepted(
        List.of(new DispatchEvent.ReplanRequested(c.at(), i.id(), c.actor().party())),
        i.id().value(),
        false);
  }

  static Decision decide(AdoptReplan c, DispatchState state, Treaty treaty) {
    if (!Access.mayReplan(c.actor())) {
      return Decision.reject("", ReasonType.FORBIDDEN, c.actor().party(), "adopt a re-plan");
    }
    Replan r = c.replan();
    if (r == null) {
      return Decision.reject("/replan", ReasonType.REQUIRED, "replan");
    }
    Optional<Incident> found = state.incident(r.incident());
    if (found.isEmpty()) {
      return Decision.reject("/replan/incident", ReasonType.NOT_FOUND, "incident", r.incident());
    }
    Incident target = found.get();
    if (target.state() != IncidentState.ACTIVATED) {
      return Decision.reject(
          "/replan/incident",
          ReasonType.WRONG_STATE,
          "incident",
          target.id(),
          target.state(),
          "re-plan");
    }
    if (r.withdraw().isEmpty() && r.issue().isEmpty()) {
      return Decision.reject("/replan", ReasonType.REQUIRED, "a withdrawal or a new tasking");
    }
    List<Reason> problems = new ArrayList<>();
    Map<IncidentId, Incident> affected = new LinkedHashMap<>();
    affected.put(target.id(), target);
    Map<TaskingId, Tasking> withdrawn = withdrawals(r, target, state, treaty, affected, problems);
    Map<PledgeId, Long> freed = new HashMap<>();
    Map<String, Long> lost = new HashMap<>();
    for (Tasking t : withdrawn.values()) {
      freed.merge(t.pledge(), t.quantity().amount(), Long::sum);
      lost.merge(key(t.incident(), t.line()), t.quantity().amount(), Long::sum);
    }
    List<Planned> planned = issues(c, r, state, treaty, affected, freed, problems);
    Map<String, Long> added = new HashMap<>();
    for (Planned p : planned) {
      added.merge(key(p.incident.id(), p.req.line()), p.amount, Long::sum);
    }
    List<LineCoverage> lines = new ArrayList<>();
    long before = 0;
    long after = 0;
    long required = 0;
    long targetBefore = 0;
    long targetAfter = 0;
    for (Incident i : affected.values()) {
      for (Requirement req : i.requirements()) {
        long need = req.quantity().amount();
        long now = 0;
        for (Tasking t : i.taskings()) {
          if (t.line() == req.line()) {
            now += t.holding();
          }
        }
        String k = key(i.id(), req.line());
        long plus = added.getOrDefault(k, 0L);
        long then = now - lost.getOrDefault(k, 0L) + plus;
        if (plus > 0 && then > need) {
          problems.add(
              Reason.of("/replan/issue", ReasonType.OVER_COVERED, req.line(), i.id(), then, need));
        }
        LineCoverage lc =
            new LineCoverage(i.id(), req.line(), need, Math.min(need, now), Math.min(need, then));
        lines.add(lc);
        before += lc.before();
        after += lc.after();
        required += need;
        if (i.id().equals(target.id())) {
          targetBefore += lc.before();
          targetAfter += lc.after();
        }
      }
    }
    if (after < before) {
      problems.add(Reason.of("/replan", ReasonType.COVERAGE_WORSE, after, required, before));
    }
    boolean tookFromOthers = affected.size() > 1;
    if (r.trigger() == Replan.Trigger.REPRIORITISED && tookFromOthers) {
      long targetRequired =
          target.requirements().stream().mapToLong(q -> q.quantity().amount()).sum();
      if (targetBefore >= targetRequired) {
        problems.add(
            Reason.of(
                "/replan/trigger",
                ReasonType.INVALID_VALUE,
                "trigger",
                "trigger",
                "incident " + target.id() + " is not short: nothing to re-prioritise for"));
      } else if (targetAfter <= targetBefore) {
        problems.add(
            Reason.of(
                "/replan", ReasonType.COVERAGE_WORSE, targetAfter, targetRequired, targetBefore));
      }
    }
    if (!problems.isEmpty()) {
      return new Decision.Rejected(problems);
    }
    return new Decision.Accepted(
        events(c, r, target, state, treaty, withdrawn, planned, affected, lines, before, after),
        target.id().value(),
        false);
  }

  private static Map<TaskingId, Tasking> withdrawals(
      Replan r,
      Incident target,
      DispatchState state,
      Treaty treaty,
      Map<IncidentId, Incident> affected,
      List<Reason> problems) {
    Map<TaskingId, Tasking> out = new LinkedHashMap<>();
    for (int k = 0; k < r.withdraw().size(); k++) {
      String path = "/replan/withdraw/" + k;
      TaskingId id = r.withdraw().get(k);
      Optional<Incident> owner = id == null ? Optional.empty() : state.incidentOfTasking(id);
      if (owner.isEmpty()) {
        problems.add(Reason.of(path, ReasonType.NOT_FOUND, "tasking", id));
        continue;
      }
      Tasking t = owner.get().tasking(id).orElseThrow();
      if (out.containsKey(id)) {
        problems.add(
            Reason.of(path, ReasonType.INVALID_VALUE, "withdraw", "list", id + " appears twice"));
        continue;
      }
      if (!Needs.replannable(t) || owner.get().state() != IncidentState.ACTIVATED) {
        problems.add(Reason.of(path, ReasonType.NOT_WITHDRAWABLE, id, t.state()));
        continue;
      }
      Incident o = owner.get();
      if (!o.id().equals(target.id())) {
        String why = null;
        if (!treaty.reprioritiseBySeverity()) {
          why = "the treaty does not allow re-prioritisation by severity";
        } else if (r.trigger() != Replan.Trigger.REPRIORITISED) {
          why = "only a re-prioritisation may take from another incident";
        } else if (o.report().severity() >= target.report().severity()) {
          why =
              "its severity "
                  + o.report().severity()
                  + " is not lower than "
                  + target.report().severity()
                  + " of "
                  + target.id();
        }
        if (why != null) {
          problems.add(Reason.of(path, ReasonType.NOT_REPRIORITISABLE, id, o.id(), why));
          continue;
        }
      }
      out.put(id, t);
      affected.putIfAbsent(o.id(), o);
    }
    return out;
  }

  /** A new tasking that passed every check. */
  private record Planned(
      Incident incident,
      Requirement req,
      Requirement due,
      Pledge pledge,
      long amount,
      Instant arrival,
      double km) {}

  private static List<Planned> issues(
      AdoptReplan c,
      Replan r,
      DispatchState state,
      Treaty treaty,
      Map<IncidentId, Incident> affected,
      Map<PledgeId, Long> freed,
      List<Reason> problems) {
    Allocator allocator = state.allocator(treaty);
    Map<PledgeId, Long> used = new HashMap<>();
    List<Planned> out = new ArrayList<>();
    for (int k = 0; k < r.issue().size(); k++) {
      String path = "/replan/issue/" + k;
      Replan.Issue x = r.issue().get(k);
      Incident owner = affected.get(x.incident());
      if (owner == null) {
        problems.add(
            Reason.of(
                path + "/incident",
                ReasonType.INVALID_VALUE,
                "incident",
                "incident of this re-plan",
                x.incident() + " is neither re-planned nor loses a tasking to it"));
        continue;
      }
      Optional<Requirement> req = Needs.requirement(owner, x.line());
      if (req.isEmpty()) {
        problems.add(Reason.of(path + "/line", ReasonType.NOT_FOUND, "line", x.line()));
        continue;
      }
      if (x.amount() < 1 || x.amount() > req.get().quantity().amount()) {
        problems.add(
            Reason.of(
                path + "/amount",
                ReasonType.OUT_OF_RANGE,
                "amount",
                1,
                req.get().quantity().amount(),
                x.amount()));
        continue;
      }
      Optional<Pledge> pledge = treaty.pledge(x.pledge());
      if (pledge.isEmpty()) {
        problems.add(Reason.of(path + "/pledge", ReasonType.NOT_FOUND, "pledge", x.pledge()));
        continue;
      }
      Pledge p = pledge.get();
      Requirement due = Needs.target(req.get(), c.at(), treaty);
      Need need = Needs.of(owner, due, x.amount(), c.at(), Needs.excluded(owner, x.line()));
      String unfit = null;
      if (!p.capability().equals(need.capability()) || !p.quantity().unit().equals(need.unit())) {
        unfit = "it pledges " + p.capability() + " in " + p.quantity().unit();
      } else if (!Allocator.servable(p, need)) {
        unfit =
            "its validity, its caveats or an earlier decline or breach on this line rule it out";
      } else if (!state.allocator(treaty).mayServe(p, need)) {
        unfit = "the treaty counts only certified pledges, and it has no certification in force";
      } else if (state.ledger().suspended(p.guarantor())) {
        unfit = "guarantor " + p.guarantor() + " is suspended";
      }
      if (unfit != null) {
        problems.add(
            Reason.of(
                path + "/pledge", ReasonType.PLEDGE_UNFIT, p.id(), x.line(), owner.id(), unfit));
        continue;
      }
      Instant arrival = allocator.arrival(p, need);
      if (arrival.isAfter(due.dueAt())) {
        problems.add(
            Reason.of(
                path + "/pledge", ReasonType.NOT_ON_TIME, p.id(), arrival, due.dueAt(), x.line()));
        continue;
      }
      long free =
          p.quantity().amount()
              - state.held().getOrDefault(p.id(), 0L)
              + freed.getOrDefault(p.id(), 0L)
              - used.getOrDefault(p.id(), 0L);
      if (x.amount() > free) {
        problems.add(
            Reason.of(
                path + "/amount",
                ReasonType.PLEDGE_EXHAUSTED,
                p.id(),
                Math.max(0, free),
                x.amount()));
        continue;
      }
      used.merge(p.id(), x.amount(), Long::sum);
      out.add(
          new Planned(
              owner, req.get(), due, p, x.amount(), arrival, allocator.distanceKm(p, need)));
    }
    return out;
  }

  private static List<DispatchEvent> events(
      AdoptReplan c,
      Replan r,
      Incident target,
      DispatchState state,
      Treaty treaty,
      Map<TaskingId, Tasking> withdrawn,
      List<Planned> planned,
      Map<IncidentId, Incident> affected,
      List<LineCoverage> lines,
      long before,
      long after) {
    Instant at = c.at();
    Replan.Solver s = r.solver();
    String source =
        "exact re-plan of "
            + target.id()
            + " after "
            + r.trigger()
            + " (solver "
            + s.status()
            + ", coverage bound "
            + s.bound()
            + ", "
            + s.elapsed().toMillis()
            + " ms of a "
            + s.budget().toMillis()
            + " ms budget)";
    List<DispatchEvent> out = new ArrayList<>();
    List<TaskingId> withdrawnIds = new ArrayList<>();
    for (Tasking t : withdrawn.values()) {
      String reason =
          t.incident().equals(target.id())
              ? "replaced by the " + source
              : "re-prioritised to "
                  + target.id()
                  + " of severity "
                  + target.report().severity()
                  + " by the "
                  + source;
      out.add(new DispatchEvent.TaskingWithdrawn(at, t.incident(), t.id(), t.guarantor(), reason));
      withdrawnIds.add(t.id());
    }
    long next = state.taskingCount();
    List<TaskingId> issued = new ArrayList<>();
    for (Planned p : planned) {
      TaskingId id = TaskingId.number(++next);
      issued.add(id);
      out.add(
          new DispatchEvent.TaskingIssued(
              at,
              p.incident.id(),
              id,
              p.req.line(),
              p.pledge.guarantor(),
              p.pledge.id(),
              p.pledge.hub(),
              p.req.capability(),
              p.req.quantity().withAmount(p.amount),
              at.plus(treaty.acknowledgementDeadline()),
              p.due.dueAt(),
              p.arrival,
              Math.round(p.km * 10) / 10.0,
              Explanation.replanned(source)));
    }
    List<IncidentId> tookFrom = new ArrayList<>(affected.keySet());
    tookFrom.remove(target.id());
    out.add(
        new DispatchEvent.ReplanAdopted(
            at,
            target.id(),
            r.trigger(),
            r.basis(),
            before,
            after,
            lines,
            withdrawnIds,
            issued,
            tookFrom,
            s.budget(),
            s.elapsed(),
            s.status(),
            s.bound()));
    for (LineCoverage l : lines) {
      if (l.after() < l.required()) {
        Requirement req = Needs.requirement(affected.get(l.incident()), l.line()).orElseThrow();
        out.add(
            new DispatchEvent.ShortfallRecorded(
                at,
                l.incident(),
                l.line(),
                req.capability(),
                req.quantity().withAmount(l.required() - l.after()),
                "still short after the exact re-plan of "
                    + target.id()
                    + ": "
                    + l.after()
                    + " of "
                    + l.required()
                    + " covered"));
      }
    }
    return out;
  }

  private static String key(IncidentId incident, int line) {
    return incident.value() + "#" + line;
  }
}
