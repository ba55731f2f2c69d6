package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.treaty.TestTreaty.ADOPTED_AT;
import static org.guarantor.domain.treaty.TestTreaty.DEU_DESK;
import static org.guarantor.domain.treaty.TestTreaty.GBR_DESK;
import static org.guarantor.domain.treaty.TestTreaty.OBSERVER;
import static org.guarantor.domain.treaty.TestTreaty.POL_DESK;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;
import static org.guarantor.domain.treaty.TestTreaty.USA_DESK;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.guarantor.domain.dispatch.DispatchCommand.Acknowledge;
import org.guarantor.domain.dispatch.DispatchCommand.AdoptTreaty;
import org.guarantor.domain.dispatch.DispatchCommand.Corroborate;
import org.guarantor.domain.dispatch.DispatchCommand.Decline;
import org.guarantor.domain.dispatch.DispatchCommand.FileReport;
import org.guarantor.domain.dispatch.DispatchCommand.ReportDelivered;
import org.guarantor.domain.dispatch.DispatchCommand.ReportMobilising;
import org.guarantor.domain.dispatch.DispatchCommand.Resolve;
import org.guarantor.domain.dispatch.DispatchCommand.StandDown;
import org.guarantor.domain.dispatch.DispatchCommand.Tick;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.Requirement;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.domain.treaty.TestTreaty;
import org.guarantor.domain.treaty.Treaty;
import org.locationtech.jts.geom.Geometry;

/**
 * Invariants of decide and evolve over random command sequences. Each sequence is a script of
 * abstract steps, turned into a concrete command against the state reached so far, so that most
 * commands are valid (a report, an acknowledgement of an open tasking…) and some are not (another
 * guarantor's tasking, an over-delivery, a closed incident, a reused key).
 *
 * <p>Invariants checked after every command:
 *
 * <ol>
 *   <li>{@code decide} never throws, and {@code evolve} accepts every event it returns;
 *   <li>no pledge is over-allocated: held(p) ≤ quantity(p), and held(p) is exactly the capacity its
 *       taskings hold;
 *   <li>conservation per requirement line, at all times and whatever is declined, released or
 *       re-planned: Σ quantity of the line's taskings not DECLINED or WITHDRAWN (of a BREACHED one,
 *       only what it delivered) + Σ its shortfalls = the line's required quantity. (A decline
 *       removes q from the first sum and re-allocates exactly q, as new taskings or a shortfall; a
 *       breach does the same for what it still owed; a release keeps its tasking counted.)
 *   <li>a re-allocation after a decline never goes to a pledge that declined that line;
 *   <li>0 ≤ delivered ≤ quantity on every tasking.
 * </ol>
 *
 * And at the end: replaying all events into a fresh state rebuilds the live state (incidents, held
 * quantities, timers), replaying the events up to any command rebuilds the state seen after that
 * command, and replaying any prefix twice gives the same state.
 */
class DispatchPropertiesTest {

  /** One abstract step: what to do, which thing to pick, a variant, minutes to let pass first. */
  record Step(int kind, int pick, int variant, int minutes) {}

  @Provide
  Arbitrary<List<Step>> scripts() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 9999),
                Arbitraries.integers().between(0, 9999),
                Arbitraries.frequencyOf(
                    Tuple.of(8, Arbitraries.integers().between(0, 30)),
                    Tuple.of(2, Arbitraries.integers().between(30, 720))))
            .as(Step::new);
    return step.list().ofMinSize(5).ofMaxSize(50);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void decide_and_evolve_keep_every_invariant_and_replay_rebuilds_the_state(
      @ForAll("scripts") List<Step> script,
      @ForAll boolean corroboration,
      @ForAll boolean reprioritise,
      @ForAll @IntRange(min = 0, max = 1000) int cut) {
    Treaty t =
        corroboration ? TestTreaty.corroborating(2, Duration.ofHours(6)) : TestTreaty.treaty();
    Run run = new Run(reprioritise ? reprioritising(t) : t);
    for (Step s : script) {
      run.step(s);
    }
    net.jqwik.api.statistics.Statistics.label("a re-plan adopted").collect(run.replansAdopted > 0);

    assertThat(replay(run.events, run.events.size())).isEqualTo(Snapshot.of(run.live));
    for (int i = 0; i < run.boundaries.size(); i++) {
      assertThat(replay(run.events, run.boundaries.get(i)))
          .as("replay up to command %d", i)
          .isEqualTo(run.snapshots.get(i));
    }
    int prefix = cut % (run.events.size() + 1);
    assertThat(replay(run.events, prefix)).isEqualTo(replay(run.events, prefix));
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.MIXIN)
  void decide_never_throws_even_for_nonsense(
      @ForAll("scripts") List<Step> script,
      @ForAll @IntRange(min = 0, max = 40) int incident,
      @ForAll @IntRange(min = 0, max = 200) int tasking,
      @ForAll long amount,
      @ForAll @IntRange(min = -10, max = 10) int severity) {
    Run run = new Run(TestTreaty.treaty());
    script.forEach(run::step);
    TaskingId t = TaskingId.number(tasking);
    IncidentId i = IncidentId.number(incident);
    Instant at = run.now;
    List<DispatchCommand> nonsense = new ArrayList<>();
    for (Actor a : List.of(UKR_OPS, POL_DESK, DEU_DESK, SECRETARIAT, OBSERVER, USA_DESK)) {
      nonsense.add(new Acknowledge(a, at, t));
      nonsense.add(new ReportMobilising(a, at, t));
      nonsense.add(new ReportDelivered(a, at, t, amount));
      nonsense.add(new Decline(a, at, t, amount % 2 == 0 ? null : "r"));
      nonsense.add(new Resolve(a, at, i, null));
      nonsense.add(new StandDown(a, at, i, "n"));
      nonsense.add(new Corroborate(a, at, i));
      nonsense.add(new Tick(a, at.minus(Duration.ofDays(1))));
      nonsense.add(
          new FileReport(
              a,
              at,
              "k" + amount,
              new ThreatReport(
                  ThreatType.SABOTAGE,
                  severity,
                  TestTreaty.point(severity * 10, amount % 360),
                  at.plus(Duration.ofMinutes(severity)),
                  null)));
      nonsense.add(new AdoptTreaty(a, at, TestTreaty.builder().version(severity).build()));
    }
    for (DispatchCommand c : nonsense) {
      run.decide(c);
    }
  }

  // ---- the run --------------------------------------------------------------------------------

  /** A live state driven by commands, with the log of what it accepted. */
  static final class Run {
    int replansAdopted;
    final Treaty treaty;
    final DispatchState live = new DispatchState(TestTreaty.atlas());
    final List<DispatchEvent> events = new ArrayList<>();
    final List<Integer> boundaries = new ArrayList<>();
    final List<Snapshot> snapshots = new ArrayList<>();
    Instant now = T0;

    Run(Treaty treaty) {
      this.treaty = treaty;
      decide(new AdoptTreaty(SECRETARIAT, ADOPTED_AT, treaty));
      assertThat(live.treaty()).contains(treaty);
    }

    void step(Step s) {
      now = now.plus(Duration.ofMinutes(s.minutes()));
      decide(command(s));
    }

    Decision decide(DispatchCommand c) {
      Decision d;
      try {
        d = Decider.decide(c, live);
      } catch (RuntimeException e) {
        throw new AssertionError("decide threw for " + c, e);
      }
      if (d instanceof Decision.Accepted a) {
        if (c instanceof DispatchCommand.AdoptReplan) {
          replansAdopted++;
        }
        if (c instanceof Decline decline) {
          checkNoPledgeIsAskedAgainForALineItDeclined(decline, a.events());
        }
        for (DispatchEvent e : a.events()) {
          try {
            live.evolve(e);
          } catch (RuntimeException ex) {
            throw new AssertionError("evolve threw for " + e + " after " + c, ex);
          }
          events.add(e);
        }
      }
      checkInvariants(c);
      boundaries.add(events.size());
      snapshots.add(Snapshot.of(live));
      return d;
    }

    private DispatchCommand command(Step s) {
      int k = s.kind();
      if (k < 18) {
        return report(s);
      }
      if (k < 31) {
        return onTasking(s, (a, t) -> new Acknowledge(a, now, t));
      }
      if (k < 39) {
        return onTasking(s, (a, t) -> new ReportMobilising(a, now, t));
      }
      if (k < 55) {
        Optional<Tasking> t = pickTasking(s.pick());
        long outstanding = t.map(Tasking::outstanding).orElse(1L);
        long amount =
            s.variant() % 12 == 0 ? outstanding + 1 : 1 + s.variant() % Math.max(1, outstanding);
        return onTasking(s, (a, id) -> new ReportDelivered(a, now, id, amount));
      }
      if (k < 64) {
        String reason = s.variant() % 15 == 0 ? " " : "declined in step " + s.variant();
        return onTasking(s, (a, t) -> new Decline(a, now, t, reason));
      }
      if (k < 76) {
        return new Tick(s.variant() % 20 == 0 ? UKR_OPS : SECRETARIAT, now);
      }
      if (k < 82) {
        IncidentId i = pickIncident(s.pick());
        Actor by = s.variant() % 8 == 0 ? DEU_DESK : s.variant() % 2 == 0 ? UKR_OPS : SECRETARIAT;
        return s.variant() % 3 == 0
            ? new StandDown(by, now, i, "stand down")
            : new Resolve(by, now, i, "resolved");
      }
      if (k < 91) {
        return replan(s);
      }
      if (k < 96) {
        List<Actor> who = List.of(POL_DESK, GBR_DESK, DEU_DESK, USA_DESK, UKR_OPS);
        return new Corroborate(who.get(s.variant() % who.size()), now, pickAwaiting(s.pick()));
      }
      // Nonsense on purpose: unknown ids, wrong actors, an invalid report.
      switch (s.variant() % 4) {
        case 0:
          return new Acknowledge(OBSERVER, now, TaskingId.number(s.pick()));
        case 1:
          return new Resolve(POL_DESK, now, IncidentId.number(s.pick()), "");
        case 2:
          return new FileReport(
              UKR_OPS,
              now,
              "bad-" + s.pick(),
              new ThreatReport(
                  ThreatType.AIR_ATTACK, 0, TestTreaty.point(91, 30), now.plusSeconds(3600), ""));
        default:
          return new ReportDelivered(GBR_DESK, now, TaskingId.number(s.pick()), -s.pick());
      }
    }

    /**
     * A report whose content depends only on its key, so a repeated key is usually a true repeat;
     * one variant in ten changes the severity, which makes the key a reused one.
     */
    private FileReport report(Step s) {
      int key = s.pick() % 20;
      int h = key * 7919 + 13;
      ThreatType type;
      int severity;
      switch (h % 6) {
        case 0:
          type = ThreatType.GROUND_INVASION;
          severity = 4;
          break;
        case 4:
          type = ThreatType.SABOTAGE;
          severity = 3;
          break;
        case 1:
          type = ThreatType.AIR_ATTACK;
          severity = 5;
          break;
        case 2:
          type = ThreatType.CYBER_ATTACK;
          severity = 2;
          break;
        default:
          type = ThreatType.AIR_ATTACK;
          severity = 3;
      }
      if (s.variant() % 10 == 0) {
        severity = severity == 5 ? 4 : severity + 1;
      }
      Geometry where;
      int place = (h / 5) % 10;
      double dx = (h % 97) / 100.0;
      double dy = (h % 89) / 100.0;
      if (place < 6) {
        where = TestTreaty.point(49.05 + dy * 1.9, 30.05 + dx * 1.9); // Test Oblast
      } else if (place == 6) {
        where = TestTreaty.point(47.2 + dy, 36.2 + dx); // the excluded oblast
      } else if (place == 7) {
        where = TestTreaty.point(50 + dy * 3, 15 + dx * 5); // another state
      } else if (place == 8) {
        where = TestTreaty.point(43 + dy, 33 + dx); // open sea
      } else {
        double w = 30.1 + dx;
        double south = 49.1 + dy;
        where = TestTreaty.polygon(w, south, w + 0.5, south, w + 0.5, south + 0.5, w, south + 0.5);
      }
      Instant observed = T0.minus(Duration.ofMinutes(key));
      return new FileReport(
          UKR_OPS,
          now,
          "key-" + key,
          new ThreatReport(type, severity, where, observed, "report " + key));
    }

    /**
     * A re-plan as an optimizer might propose it, often stale or wrong on purpose: withdraw one
     * tasking not yet acknowledged (of the incident, or of another one in a re-prioritisation) and
     * issue its quantity from the same pledge or from any pledge, or add one unit to a line.
     */
    private DispatchCommand replan(Step s) {
      IncidentId target = pickIncident(s.pick());
      Optional<Incident> found = live.incident(target);
      List<TaskingId> withdraw = new ArrayList<>();
      List<Replan.Issue> issue = new ArrayList<>();
      Replan.Trigger trigger = Replan.Trigger.values()[s.variant() % 4];
      List<Tasking> candidates = new ArrayList<>();
      for (Incident i : live.incidents()) {
        boolean mine = i.id().equals(target);
        if (mine || trigger == Replan.Trigger.REPRIORITISED) {
          i.taskings().stream().filter(Needs::replannable).forEach(candidates::add);
        }
      }
      List<Pledge> pledges = treaty.pledges();
      Pledge any = pledges.get(s.variant() % pledges.size());
      if (!candidates.isEmpty() && found.isPresent()) {
        Tasking t = candidates.get(s.pick() % candidates.size());
        withdraw.add(t.id());
        Pledge p = s.variant() % 3 == 0 ? any : treaty.pledge(t.pledge()).orElseThrow();
        int line =
            t.incident().equals(target)
                ? t.line()
                : found.get().requirements().stream()
                    .filter(r -> r.capability().equals(t.capability()))
                    .map(Requirement::line)
                    .findFirst()
                    .orElse(t.line());
        issue.add(new Replan.Issue(target, line, p.id(), t.quantity().amount()));
      } else {
        issue.add(new Replan.Issue(target, 1 + s.variant() % 2, any.id(), 1));
      }
      Actor by = s.variant() % 11 == 0 ? GBR_DESK : SECRETARIAT;
      return new DispatchCommand.AdoptReplan(
          by,
          now,
          new Replan(
              target,
              trigger,
              events.size(),
              withdraw,
              issue,
              new Replan.Solver("OPTIMAL", 0, null, null)));
    }

    private interface TaskingCommand {
      DispatchCommand make(Actor actor, TaskingId tasking);
    }

    /** A command on some tasking by its own guarantor; one variant in ten by another one. */
    private DispatchCommand onTasking(Step s, TaskingCommand make) {
      Optional<Tasking> t = pickTasking(s.pick());
      if (t.isEmpty()) {
        return make.make(POL_DESK, TaskingId.number(1 + s.pick() % 5));
      }
      Actor own = new Actor(t.get().guarantor(), Role.GUARANTOR);
      Actor other = own.party().equals(POL_DESK.party()) ? GBR_DESK : POL_DESK;
      return make.make(s.variant() % 10 == 0 ? other : own, t.get().id());
    }

    /** Mostly open taskings; one pick in five from all of them, closed ones included. */
    private Optional<Tasking> pickTasking(int pick) {
      List<Tasking> all = new ArrayList<>();
      List<Tasking> open = new ArrayList<>();
      for (Incident i : live.incidents()) {
        for (Tasking t : i.taskings()) {
          all.add(t);
          if (t.state().open()) {
            open.add(t);
          }
        }
      }
      List<Tasking> from = pick % 5 == 0 || open.isEmpty() ? all : open;
      return from.isEmpty() ? Optional.empty() : Optional.of(from.get(pick % from.size()));
    }

    /** Mostly an incident awaiting corroboration, when there is one. */
    private IncidentId pickAwaiting(int pick) {
      List<IncidentId> awaiting = new ArrayList<>();
      for (Incident i : live.incidents()) {
        if (i.state() == IncidentState.AWAITING_CORROBORATION) {
          awaiting.add(i.id());
        }
      }
      return pick % 5 == 0 || awaiting.isEmpty()
          ? pickIncident(pick)
          : awaiting.get(pick % awaiting.size());
    }

    private IncidentId pickIncident(int pick) {
      int n = live.incidents().size();
      return IncidentId.number(n == 0 ? 1 : 1 + pick % n);
    }

    /** Checked against the state before the decline's events are applied. */
    private void checkNoPledgeIsAskedAgainForALineItDeclined(
        Decline c, List<DispatchEvent> events) {
      Tasking declined = live.tasking(c.tasking()).orElseThrow();
      Incident incident = live.incidentOfTasking(c.tasking()).orElseThrow();
      List<PledgeId> refused = new ArrayList<>(List.of(declined.pledge()));
      for (Tasking t : incident.taskings()) {
        if (t.line() == declined.line() && t.state() == TaskingState.DECLINED) {
          refused.add(t.pledge());
        }
      }
      for (DispatchEvent e : events) {
        if (e instanceof DispatchEvent.TaskingIssued issued) {
          assertThat(issued.line()).isEqualTo(declined.line());
          assertThat(refused).as("re-allocation after %s", c).doesNotContain(issued.pledge());
        }
      }
    }

    private void checkInvariants(DispatchCommand after) {
      Map<PledgeId, Long> holding = new HashMap<>();
      for (Incident i : live.incidents()) {
        for (Tasking t : i.taskings()) {
          holding.merge(t.pledge(), t.holding(), Long::sum);
          assertThat(t.delivered())
              .as("delivered on %s after %s", t.id(), after)
              .isBetween(0L, t.quantity().amount());
        }
        if (i.activatedAt() != null) {
          for (Requirement r : i.requirements()) {
            long tasked =
                i.taskings().stream()
                    .filter(
                        t ->
                            t.line() == r.line()
                                && t.state() != TaskingState.DECLINED
                                && t.state() != TaskingState.WITHDRAWN)
                    .mapToLong(
                        t ->
                            t.state() == TaskingState.BREACHED
                                ? t.delivered()
                                : t.quantity().amount())
                    .sum();
            long missing =
                i.shortfalls().stream()
                    .filter(sf -> sf.line() == r.line())
                    .mapToLong(sf -> sf.missing().amount())
                    .sum();
            assertThat(tasked + missing)
                .as("line %d of %s after %s", r.line(), i.id(), after)
                .isEqualTo(r.quantity().amount());
          }
        }
      }
      for (Pledge p : treaty.pledges()) {
        long held = live.held().getOrDefault(p.id(), 0L);
        assertThat(held)
            .as("held %s after %s", p.id(), after)
            .isLessThanOrEqualTo(p.quantity().amount());
        assertThat(held)
            .as("held %s agrees with its taskings", p.id())
            .isEqualTo(holding.getOrDefault(p.id(), 0L));
      }
      for (Incident i : live.incidents()) {
        if (i.state() == IncidentState.OUT_OF_SCOPE) {
          assertThat(i.taskings()).isEmpty();
        }
      }
    }
  }

  /** The same treaty, letting a more severe incident take unacknowledged quantity. */
  static Treaty reprioritising(Treaty t) {
    return t.toBuilder().reprioritiseBySeverity(true).build();
  }

  // ---- comparing states -----------------------------------------------------------------------

  static Snapshot replay(List<DispatchEvent> events, int upTo) {
    DispatchState fresh = new DispatchState(TestTreaty.atlas());
    events.subList(0, upTo).forEach(fresh::evolve);
    return Snapshot.of(fresh);
  }

  /**
   * What must be rebuilt identically. Reports are compared through their WKT text rather than
   * through JTS geometry objects, so the comparison is a value comparison.
   */
  record Snapshot(
      List<Treaty> treaties,
      List<NormalIncident> incidents,
      Map<PledgeId, Long> held,
      int pendingTimers,
      Optional<Instant> nextDue,
      long eventCount) {
    static Snapshot of(DispatchState s) {
      return new Snapshot(
          List.copyOf(s.treatyVersions()),
          normal(s.incidents()),
          Map.copyOf(s.held()),
          s.pendingTimers(),
          s.nextDue(),
          s.eventCount());
    }
  }

  record NormalIncident(
      Incident withoutReport,
      ThreatType type,
      int severity,
      String location,
      Instant observedAt,
      String description) {}

  static List<NormalIncident> normal(Collection<Incident> incidents) {
    List<NormalIncident> out = new ArrayList<>();
    for (Incident i : incidents) {
      ThreatReport r = i.report();
      Incident bare =
          new Incident(
              i.id(),
              i.key(),
              i.reporter(),
              null,
              i.reportedAt(),
              i.scope(),
              i.state(),
              i.activatedAt(),
              i.planId(),
              i.requirements(),
              i.taskings(),
              i.shortfalls(),
              i.corroborations(),
              i.closedAt(),
              i.closingNote());
      out.add(
          new NormalIncident(
              bare,
              r.type(),
              r.severity(),
              r.location().toText(),
              r.observedAt(),
              r.description()));
    }
    return out;
  }
}
