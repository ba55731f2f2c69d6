package org.guarantor.bench.deadlines;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.guarantor.domain.dispatch.Decider;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.treaty.Treaty;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * A simulated crisis on virtual time, decided and applied in memory the way the engine would: calls
 * spread over the period, guarantors that acknowledge, deliver (on time, late, in part), decline or
 * stay silent at random (seeded), and a tick at every due time. Not thread-safe.
 */
final class Crisis {
  static final Actor UKR = new Actor(PartyCode.of("UKR"), Role.PROTECTED);
  static final Actor SEC = new Actor(PartyCode.of("SEC"), Role.SECRETARIAT);
  private static final GeometryFactory GEO = new GeometryFactory(new PrecisionModel(), 4326);

  /** Cities in the covered territory (lat, lon), jittered for each call. */
  private static final double[][] PLACES = {
    {50.45, 30.52}, {49.99, 36.23}, {49.84, 24.03}, {46.48, 30.72},
    {48.46, 35.05}, {50.25, 28.66}, {49.59, 34.55}, {49.23, 28.47}
  };

  private record Scheduled(Instant at, long seq, DispatchCommand command)
      implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  final DispatchState state;
  final List<DispatchEvent> log = new ArrayList<>();
  private final Random random;
  private final PriorityQueue<Scheduled> agenda = new PriorityQueue<>();
  private long seq;
  long fired;

  Crisis(Atlas atlas, Treaty treaty, Instant adoptedAt, long seed) {
    this.state = new DispatchState(atlas);
    this.random = new Random(seed);
    apply(new DispatchCommand.AdoptTreaty(SEC, adoptedAt, treaty));
  }

  List<DispatchEvent> apply(DispatchCommand c) {
    Decision d = Decider.decide(c, state);
    if (d instanceof Decision.Accepted a) {
      for (DispatchEvent e : a.events()) {
        state.evolve(e);
        log.add(e);
        if (e instanceof DispatchEvent.TaskingIssued t) {
          plan(t);
        }
      }
      return a.events();
    }
    return List.of();
  }

  /** Files a call at {@code at} (a random plan, at a random place) with no guarantor behaviour. */
  void call(Instant at, String key) {
    List<ResponsePlan> plans = state.treaty().orElseThrow().plans();
    ResponsePlan p = plans.get(random.nextInt(plans.size()));
    double[] place = PLACES[random.nextInt(PLACES.length)];
    double lat = place[0] + (random.nextDouble() - 0.5) * 0.2;
    double lon = place[1] + (random.nextDouble() - 0.5) * 0.2;
    ThreatReport r =
        new ThreatReport(
            p.threat(), p.severity(), GEO.createPoint(new Coordinate(lon, lat)), at, "simulated");
    apply(new DispatchCommand.FileReport(UKR, at, key, r));
  }

  boolean silentGuarantors;

  /** What the guarantor will do about a new tasking: scheduled commands on the agenda. */
  private void plan(DispatchEvent.TaskingIssued t) {
    if (silentGuarantors) {
      return;
    }
    Actor desk = new Actor(t.guarantor(), Role.GUARANTOR);
    int fate = random.nextInt(100);
    Instant ack = t.at().plus(Duration.ofMinutes(5 + random.nextInt(fate < 85 ? 50 : 150)));
    if (fate < 5) {
      schedule(ack, new DispatchCommand.Decline(desk, ack, t.tasking(), "not available"));
      return;
    }
    if (fate < 12) {
      return; // silent: the clock decides
    }
    schedule(ack, new DispatchCommand.Acknowledge(desk, ack, t.tasking()));
    long amount = t.quantity().amount();
    Instant arrive = t.estimatedArrival().plus(Duration.ofMinutes(random.nextInt(120) - 60));
    if (fate < 25 && amount > 1) {
      long part = 1 + random.nextInt((int) Math.min(amount - 1, Integer.MAX_VALUE));
      schedule(arrive, new DispatchCommand.ReportDelivered(desk, arrive, t.tasking(), part));
      return;
    }
    if (fate < 35) {
      arrive = t.deliverBy().plus(Duration.ofMinutes(10 + random.nextInt(100)));
    }
    schedule(arrive, new DispatchCommand.ReportDelivered(desk, arrive, t.tasking(), amount));
  }

  private void schedule(Instant at, DispatchCommand c) {
    agenda.add(new Scheduled(at, seq++, c));
  }

  /** Runs the agenda and the timers up to {@code t}, each at its own time, in time order. */
  void runUntil(Instant t) {
    while (true) {
      Instant due = state.nextDue().orElse(Instant.MAX);
      Instant next = agenda.isEmpty() ? Instant.MAX : agenda.peek().at();
      if (due.isAfter(t) && next.isAfter(t)) {
        return;
      }
      if (!due.isAfter(next)) {
        fired += firedBy(apply(new DispatchCommand.Tick(SEC, due)));
      } else {
        DispatchCommand c = agenda.poll().command();
        apply(c);
      }
    }
  }

  /** Due times that a tick's events show fired. */
  static long firedBy(List<DispatchEvent> events) {
    long n = 0;
    for (DispatchEvent e : events) {
      if (e instanceof DispatchEvent.TaskingOverdue
          || e instanceof DispatchEvent.TaskingBreached
          || e instanceof DispatchEvent.IncidentDecisionOverdue) {
        n++;
      }
    }
    return n;
  }
}
