package org.guarantor.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.treaty.TestTreaty.ADOPTED_AT;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AF;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_INT;
import static org.guarantor.domain.treaty.TestTreaty.POL;
import static org.guarantor.domain.treaty.TestTreaty.POL_AF;
import static org.guarantor.domain.treaty.TestTreaty.POL_WPN;
import static org.guarantor.domain.treaty.TestTreaty.RZESZOW;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.guarantor.domain.dispatch.Decider;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Transport;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.domain.treaty.Consequences;
import org.guarantor.domain.treaty.TestTreaty;
import org.guarantor.domain.treaty.Treaty;

/**
 * Random 72-hour crises on virtual time: calls come in, guarantors acknowledge, deliver (in part,
 * late, or never) and decline at random, incidents close, and the clock ticks at every due time. At
 * every step:
 *
 * <ol>
 *   <li>every tasking is in exactly one terminal state (delivered, late, declined, breached,
 *       released) or still within its deadlines (its grace periods included);
 *   <li>no due time is left unfired;
 *   <li>no quantity is counted twice in the ledger: per guarantor and unit, tasked = delivered +
 *       declined + breached + released + outstanding, and each figure and count agrees with the
 *       taskings themselves.
 * </ol>
 *
 * At the end, the ledger rebuilt by replaying the log equals the live one, and so does the ledger
 * of a state restored from the live state's image.
 */
class DeadlinesPropertiesTest {
  static final Duration GRACE = Duration.ofHours(2);
  static final Instant END = T0.plus(Duration.ofHours(72));

  record Step(int kind, int pick, int variant, int minutes) {}

  @Provide
  Arbitrary<List<Step>> crises() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 99),
            Arbitraries.integers().between(0, 9999),
            Arbitraries.integers().between(0, 9999),
            Arbitraries.integers().between(0, 240))
        .as(Step::new)
        .list()
        .ofMinSize(10)
        .ofMaxSize(60);
  }

  static Treaty treaty() {
    return TestTreaty.builder()
        .pledges(
            DEU_AD,
            GBR_AD,
            GBR_INT,
            TestTreaty.pledge(
                "POL-INT-1",
                POL,
                Capability.INTELLIGENCE,
                5,
                Unit.FEEDS,
                3,
                RZESZOW,
                Transport.none()),
            POL_AF,
            DEU_AF,
            POL_WPN)
        .consequences(new Consequences(100, "EUR", true, 3))
        .gracePeriod(GRACE)
        .build();
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void every_tasking_ends_once_no_quantity_counts_twice_and_replay_rebuilds_the_ledger(
      @ForAll("crises") List<Step> crisis) {
    DispatchState live = new DispatchState(TestTreaty.atlas());
    List<DispatchEvent> log = new ArrayList<>();
    run(live, log, new DispatchCommand.AdoptTreaty(SECRETARIAT, ADOPTED_AT, treaty()));
    Instant now = T0;
    int calls = 0;
    for (Step s : crisis) {
      now = now.plus(Duration.ofMinutes(s.minutes()));
      if (now.isAfter(END)) {
        now = END;
      }
      tickUntil(live, log, now);
      DispatchCommand c = command(s, live, now, calls);
      if (c instanceof DispatchCommand.FileReport) {
        calls++;
      }
      if (c != null) {
        run(live, log, c);
      }
      tickUntil(live, log, now);
      check(live, now);
    }
    tickUntil(live, log, END);
    check(live, END);

    net.jqwik.api.statistics.Statistics.label("breached")
        .collect(log.stream().anyMatch(e -> e instanceof DispatchEvent.TaskingBreached));
    net.jqwik.api.statistics.Statistics.label("late")
        .collect(log.stream().anyMatch(e -> e instanceof DispatchEvent.TaskingLate));
    net.jqwik.api.statistics.Statistics.label("suspended")
        .collect(
            log.stream()
                .anyMatch(
                    e ->
                        e instanceof DispatchEvent.ConsequenceApplied x
                            && x.kind() == DispatchEvent.Consequence.SUSPENSION));

    DispatchState replayed = new DispatchState(TestTreaty.atlas());
    log.forEach(replayed::evolve);
    assertThat(replayed.ledger().snapshot()).isEqualTo(live.ledger().snapshot());

    // A snapshot of the ledger (breaches, consequences, reinstatements included) restores whole.
    DispatchState restored = DispatchState.restore(TestTreaty.atlas(), live.image());
    assertThat(restored.image()).isEqualTo(live.image());
    assertThat(restored.ledger().snapshot()).isEqualTo(live.ledger().snapshot());
  }

  private static void run(DispatchState s, List<DispatchEvent> log, DispatchCommand c) {
    Decision d = Decider.decide(c, s);
    if (d instanceof Decision.Accepted a) {
      for (DispatchEvent e : a.events()) {
        s.evolve(e);
        log.add(e);
      }
    }
  }

  private static void tickUntil(DispatchState s, List<DispatchEvent> log, Instant t) {
    while (s.nextDue().isPresent() && !s.nextDue().get().isAfter(t)) {
      long before = s.eventCount();
      Instant due = s.nextDue().get();
      run(s, log, new DispatchCommand.Tick(SECRETARIAT, due));
      assertThat(s.eventCount()).as("a due timer fires something at %s", due).isGreaterThan(before);
    }
  }

  private static DispatchCommand command(Step s, DispatchState state, Instant now, int calls) {
    List<Tasking> open = new ArrayList<>();
    for (Incident i : state.incidents()) {
      for (Tasking t : i.taskings()) {
        if (t.state().open()) {
          open.add(t);
        }
      }
    }
    int k = s.kind();
    if (k < 20 || open.isEmpty()) {
      if (k % 3 == 0) {
        return null;
      }
      ThreatType type = s.variant() % 2 == 0 ? ThreatType.AIR_ATTACK : ThreatType.SABOTAGE;
      int severity = type.equals(ThreatType.AIR_ATTACK) ? (s.variant() % 4 == 1 ? 5 : 3) : 3;
      return new DispatchCommand.FileReport(
          UKR_OPS,
          now,
          "call-" + calls,
          TestTreaty.report(type, severity, TestTreaty.point(50.0 + s.pick() % 90 / 100.0, 30.6)));
    }
    Tasking t = open.get(s.pick() % open.size());
    Actor desk = new Actor(t.guarantor(), Role.GUARANTOR);
    if (k < 45) {
      return new DispatchCommand.Acknowledge(desk, now, t.id());
    }
    if (k < 70) {
      long amount = 1 + s.variant() % Math.max(1, t.outstanding());
      return new DispatchCommand.ReportDelivered(desk, now, t.id(), amount);
    }
    if (k < 78) {
      return new DispatchCommand.Decline(desk, now, t.id(), "declined " + s.variant());
    }
    if (k < 82) {
      return new DispatchCommand.Resolve(SECRETARIAT, now, t.incident(), "resolved");
    }
    return null; // silence: the guarantor does nothing, the clock decides
  }

  private static void check(DispatchState s, Instant now) {
    assertThat(s.nextDue().map(d -> d.isAfter(now)).orElse(true))
        .as("no due time is left unfired at %s", now)
        .isTrue();
    Map<String, long[]> fromTaskings = new HashMap<>();
    Map<String, int[]> counts = new HashMap<>();
    for (Incident i : s.incidents()) {
      for (Tasking t : i.taskings()) {
        if (t.state().open()) {
          if (t.state().awaitingAcknowledgement()) {
            Instant limit =
                t.state() == TaskingState.ISSUED
                    ? t.acknowledgeBy()
                    : t.acknowledgeBy().plus(GRACE);
            assertThat(now).as("%s awaiting acknowledgement", t.id()).isBefore(limit);
          }
          if (!now.isBefore(t.deliverBy())) {
            assertThat(now)
                .as("%s owes past its deadline", t.id())
                .isBefore(t.deliverBy().plus(GRACE));
          }
        }
        String key = t.guarantor().value() + "/" + t.quantity().unit();
        long[] f = fromTaskings.computeIfAbsent(key, x -> new long[6]);
        f[0] += t.quantity().amount();
        f[1] += t.delivered();
        switch (t.state()) {
          case DECLINED -> f[2] += t.quantity().amount();
          case BREACHED -> f[3] += t.quantity().amount() - t.delivered();
          case RELEASED -> f[4] += t.quantity().amount() - t.delivered();
          default -> f[5] += t.outstanding();
        }
        int[] c = counts.computeIfAbsent(t.guarantor().value(), x -> new int[5]);
        c[0]++;
        switch (t.state()) {
          case DELIVERED, LATE -> c[1]++;
          case DECLINED -> c[2]++;
          case BREACHED -> c[3]++;
          case RELEASED -> c[4]++;
          default -> {}
        }
      }
    }
    LedgerSnapshot ledger = s.ledger().snapshot();
    for (GuarantorRecord r : ledger.guarantors()) {
      int[] c = counts.getOrDefault(r.guarantor().value(), new int[5]);
      assertThat(r.received()).isEqualTo(c[0]);
      assertThat(r.deliveredOnTime() + r.deliveredLate()).isEqualTo(c[1]);
      assertThat(r.declined()).isEqualTo(c[2]);
      assertThat(r.breached()).isEqualTo(c[3]);
      assertThat(r.released()).isEqualTo(c[4]);
      assertThat(r.reliability()).isBetween(0.0, 1.0);
      for (UnitFigures u : r.units()) {
        assertThat(u.tasked())
            .as("%s %s: each unit counted once", r.guarantor(), u.unit())
            .isEqualTo(
                u.delivered() + u.declined() + u.breached() + u.released() + u.outstanding());
        long[] f = fromTaskings.get(r.guarantor().value() + "/" + u.unit());
        assertThat(
                new long[] {
                  u.tasked(),
                  u.delivered(),
                  u.declined(),
                  u.breached(),
                  u.released(),
                  u.outstanding()
                })
            .as("%s %s agrees with its taskings", r.guarantor(), u.unit())
            .containsExactly(f);
        assertThat(u.deliveredLate()).isBetween(0L, u.delivered());
      }
    }
  }
}
