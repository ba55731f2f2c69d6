package org.guarantor.engine.credibility;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.guarantor.domain.dispatch.Decider;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.Requirement;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.ledger.GuarantorRecord;
import org.guarantor.domain.ledger.Ledger;
import org.guarantor.domain.ledger.UnitFigures;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.treaty.Treaty;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * One simulated crisis on a virtual clock, decided by {@link Decider#decide} and applied by {@link
 * DispatchState#evolve} exactly as the engine would: the drawn reports are filed, each tasked
 * guarantor answers as its fate says, and a tick at every due time fires deadlines, escalations and
 * backfills. Checks the engine's invariants as it goes; not thread-safe (one per run).
 */
final class Crisis {
  private static final GeometryFactory GEO = new GeometryFactory(new PrecisionModel(), 4326);

  private record Scheduled(Instant at, long seq, DispatchCommand command)
      implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final Atlas atlas;
  private final CoveredTerritory territory;
  private final Treaty treaty;
  private final Draw draw;
  private final Options options;
  private final long seed;
  private final int run;
  private final Actor reporter;
  private final Actor secretariat;
  private final DispatchState state;
  private final List<DispatchEvent> log = new ArrayList<>();
  private final PriorityQueue<Scheduled> agenda = new PriorityQueue<>();
  private final Map<PledgeId, Long> pledged = new HashMap<>();
  private final Map<String, Integer> fates = new HashMap<>();
  private final Instant start;
  private long seq;

  Crisis(
      Atlas atlas,
      CoveredTerritory territory,
      Treaty treaty,
      Draw draw,
      Options options,
      long seed,
      int run) {
    this.atlas = atlas;
    this.territory = territory;
    this.treaty = treaty;
    this.draw = draw;
    this.options = options;
    this.seed = seed;
    this.run = run;
    this.reporter = new Actor(treaty.protectedState(), Role.PROTECTED);
    this.secretariat =
        new Actor(
            treaty.parties().stream()
                .filter(p -> p.role() == Role.SECRETARIAT)
                .map(Party::code)
                .findFirst()
                .orElse(PartyCode.of("SEC")),
            Role.SECRETARIAT);
    this.state = fresh();
    for (Pledge p : treaty.pledges()) {
      pledged.put(p.id(), p.quantity().amount());
    }
    this.start = startOf(treaty);
  }

  /** Crises start an hour after the treaty version takes effect. */
  static Instant startOf(Treaty treaty) {
    return treaty.effectiveFrom().plus(Duration.ofHours(1));
  }

  private DispatchState fresh() {
    DispatchState s = new DispatchState(atlas);
    s.knowTerritory(treaty, territory);
    return s;
  }

  /** Plays the crisis to its horizon and says how every plan line fared. */
  List<LineOutcome> play() {
    Decision adopted =
        Decider.decide(
            new DispatchCommand.AdoptTreaty(secretariat, treaty.effectiveFrom(), treaty), state);
    if (!(adopted instanceof Decision.Accepted a)) {
      throw new IllegalArgumentException("the treaty cannot be adopted: " + adopted);
    }
    applyEvents(a.events());
    int n = 0;
    for (Draw.Threat t : draw.threats()) {
      Instant at = start.plus(t.offset());
      ThreatReport r =
          new ThreatReport(
              t.plan().threat(),
              t.plan().severity(),
              GEO.createPoint(new Coordinate(t.lon(), t.lat())),
              at,
              "simulated");
      schedule(at, new DispatchCommand.FileReport(reporter, at, "sim-" + n++, r));
    }
    Instant end = start.plus(options.horizon());
    runUntil(end);
    apply(new DispatchCommand.Tick(secretariat, end));
    checkReplay();
    checkLedger();
    return outcomes(end);
  }

  private void runUntil(Instant end) {
    while (true) {
      Instant due = state.nextDue().orElse(Instant.MAX);
      Instant next = agenda.isEmpty() ? Instant.MAX : agenda.peek().at();
      if (due.isAfter(end) && next.isAfter(end)) {
        return;
      }
      if (!due.isAfter(next)) {
        apply(new DispatchCommand.Tick(secretariat, due));
      } else {
        DispatchCommand c = agenda.poll().command();
        Decision d = apply(c);
        if (c instanceof DispatchCommand.FileReport && d instanceof Decision.Rejected r) {
          throw broken("a report inside the covered territory was refused: " + r.reasons());
        }
      }
    }
  }

  private Decision apply(DispatchCommand c) {
    Decision d = Decider.decide(c, state);
    if (d instanceof Decision.Accepted a) {
      applyEvents(a.events());
    }
    return d;
  }

  private void applyEvents(List<DispatchEvent> events) {
    UnaryOperator<DispatchEvent> tamper = options.tamper();
    for (DispatchEvent e0 : events) {
      DispatchEvent e = tamper == null ? e0 : tamper.apply(e0);
      state.evolve(e);
      log.add(e);
      if (e instanceof DispatchEvent.TaskingIssued t) {
        if (t.estimatedArrival().isAfter(t.deliverBy())) {
          throw broken(
              "tasking "
                  + t.tasking().value()
                  + " issued with estimated arrival "
                  + t.estimatedArrival()
                  + " after its deadline "
                  + t.deliverBy());
        }
        answer(t);
      } else if (e instanceof DispatchEvent.IncidentAwaitingCorroboration w) {
        corroborate(w);
      }
    }
    for (Map.Entry<PledgeId, Long> h : state.held().entrySet()) {
      long q = pledged.getOrDefault(h.getKey(), 0L);
      if (h.getValue() > q) {
        throw broken(
            "pledge " + h.getKey().value() + " over-committed: " + h.getValue() + " held of " + q);
      }
    }
  }

  /** Where the treaty asks for corroboration, the first guarantors give it within the hour. */
  private void corroborate(DispatchEvent.IncidentAwaitingCorroboration w) {
    int k = 0;
    for (Party g : treaty.guarantors()) {
      if (k++ >= treaty.activation().corroborations()) {
        return;
      }
      Instant at = w.at().plus(Duration.ofMinutes(10L * k));
      schedule(
          at,
          new DispatchCommand.Corroborate(new Actor(g.code(), Role.GUARANTOR), at, w.incident()));
    }
  }

  /**
   * What the tasked guarantor does, drawn from its own random source keyed by the incident, line
   * and pledge, so that removing another party does not change this guarantor's fate.
   */
  private void answer(DispatchEvent.TaskingIssued t) {
    String key = t.incident().value() + "/" + t.line() + "/" + t.pledge().value();
    int nth = fates.merge(key, 1, Integer::sum);
    SplittableRandom f =
        new SplittableRandom(draw.fateSeed() ^ Draw.mix(key.hashCode() * 31L + nth));
    Behaviour b =
        options.reliability().containsKey(t.guarantor())
            ? options.behaviour().scaledFor(options.reliability().get(t.guarantor()))
            : options.behaviour();
    Instant ack = t.at().plus(Duration.ofMinutes(5 + f.nextInt(41)));
    double u = f.nextDouble();
    long lateMinutes = 10 + f.nextInt(100);
    double part = 0.3 + 0.6 * f.nextDouble();
    Actor desk = new Actor(t.guarantor(), Role.GUARANTOR);
    if (draw.hubsOut().contains(t.hub())) {
      schedule(ack, new DispatchCommand.Decline(desk, ack, t.tasking(), "hub out of service"));
      return;
    }
    if (u < b.decline()) {
      schedule(ack, new DispatchCommand.Decline(desk, ack, t.tasking(), "not available"));
      return;
    }
    boolean late = u < b.decline() + b.late();
    boolean partly = !late && u < b.decline() + b.late() + b.shortDelivery();
    long travelSeconds =
        Math.round(Duration.between(t.at(), t.estimatedArrival()).toSeconds() * draw.slowdown());
    Instant arrive = t.at().plus(Duration.ofSeconds(travelSeconds));
    if (late) {
      ack = t.acknowledgeBy().plus(Duration.ofMinutes(lateMinutes));
      arrive = arrive.plus(Duration.ofMinutes(lateMinutes));
    }
    schedule(ack, new DispatchCommand.Acknowledge(desk, ack, t.tasking()));
    Instant mobilise = ack.plus(Duration.ofMinutes(1));
    schedule(mobilise, new DispatchCommand.ReportMobilising(desk, mobilise, t.tasking()));
    if (!arrive.isAfter(mobilise)) {
      arrive = mobilise.plus(Duration.ofMinutes(1));
    }
    long amount = t.quantity().amount();
    if (partly) {
      amount = (long) Math.floor(amount * part);
    }
    if (amount > 0) {
      schedule(arrive, new DispatchCommand.ReportDelivered(desk, arrive, t.tasking(), amount));
    }
  }

  private void schedule(Instant at, DispatchCommand c) {
    agenda.add(new Scheduled(at, seq++, c));
  }

  /** Replaying the crisis's events on a fresh state gives the same state. */
  private void checkReplay() {
    DispatchState replay = fresh();
    for (DispatchEvent e : log) {
      replay.evolve(e);
    }
    if (!replay.image().equals(state.image())) {
      throw broken("replaying the " + log.size() + " events gives another state");
    }
  }

  /** The ledger counts every tasking issued, and the quantities tasked and delivered, once. */
  private void checkLedger() {
    Map<PartyCode, Integer> received = new HashMap<>();
    Map<String, Long> tasked = new HashMap<>();
    Map<String, Long> delivered = new HashMap<>();
    Map<String, String> guarantorOf = new HashMap<>();
    Map<String, Unit> unitOf = new HashMap<>();
    for (DispatchEvent e : log) {
      if (e instanceof DispatchEvent.TaskingIssued t) {
        received.merge(t.guarantor(), 1, Integer::sum);
        String k = t.guarantor().value() + "/" + t.quantity().unit();
        tasked.merge(k, t.quantity().amount(), Long::sum);
        guarantorOf.put(t.tasking().value(), t.guarantor().value());
        unitOf.put(t.tasking().value(), t.quantity().unit());
      } else if (e instanceof DispatchEvent.TaskingDelivered d) {
        String id = d.tasking().value();
        delivered.merge(guarantorOf.get(id) + "/" + unitOf.get(id), d.amount(), Long::sum);
      }
    }
    Ledger ledger = state.ledger();
    for (GuarantorRecord g : ledger.snapshot().guarantors()) {
      int expected = received.getOrDefault(g.guarantor(), 0);
      if (g.received() != expected) {
        throw broken(
            "ledger counts "
                + g.received()
                + " taskings for "
                + g.guarantor().value()
                + ", the log "
                + expected);
      }
      for (UnitFigures u : g.units()) {
        String k = g.guarantor().value() + "/" + u.unit();
        long t = tasked.getOrDefault(k, 0L);
        long d = delivered.getOrDefault(k, 0L);
        if (u.tasked() != t || u.delivered() != d) {
          throw broken(
              "ledger totals for "
                  + k
                  + " (tasked "
                  + u.tasked()
                  + ", delivered "
                  + u.delivered()
                  + ") differ from the log (tasked "
                  + t
                  + ", delivered "
                  + d
                  + ")");
        }
      }
    }
  }

  private List<LineOutcome> outcomes(Instant end) {
    Map<String, List<DispatchEvent.TaskingDelivered>> deliveries = new HashMap<>();
    for (DispatchEvent e : log) {
      if (e instanceof DispatchEvent.TaskingDelivered d) {
        Tasking t = state.tasking(d.tasking()).orElseThrow();
        deliveries.computeIfAbsent(lineKey(t.incident(), t.line()), k -> new ArrayList<>()).add(d);
      }
    }
    List<LineOutcome> out = new ArrayList<>();
    for (Incident i : state.incidents()) {
      if (i.activatedAt() == null) {
        continue;
      }
      for (Requirement r : i.requirements()) {
        List<DispatchEvent.TaskingDelivered> ds =
            deliveries.getOrDefault(lineKey(i.id(), r.line()), List.of());
        out.add(outcome(i, r, ds, end));
      }
    }
    return out;
  }

  private static LineOutcome outcome(
      Incident i, Requirement r, List<DispatchEvent.TaskingDelivered> ds, Instant end) {
    long need = r.quantity().amount();
    long have = 0;
    Instant coveredAt = null;
    double unitHoursLate = 0;
    Instant cursor = r.dueAt();
    for (DispatchEvent.TaskingDelivered d : ds) {
      Instant at = d.at().isAfter(end) ? end : d.at();
      if (at.isAfter(cursor)) {
        unitHoursLate += Math.max(0, need - have) * Ledger.hours(cursor, at);
        cursor = at;
      }
      have += d.amount();
      if (coveredAt == null && have >= need) {
        coveredAt = d.at();
      }
    }
    if (end.isAfter(cursor)) {
      unitHoursLate += Math.max(0, need - have) * Ledger.hours(cursor, end);
    }
    boolean onTime = coveredAt != null && !coveredAt.isAfter(r.dueAt());
    double hours = coveredAt == null ? Double.NaN : Ledger.hours(i.activatedAt(), coveredAt);
    return new LineOutcome(i.id().value(), i.planId(), r.line(), onTime, hours, unitHoursLate);
  }

  private static String lineKey(IncidentId incident, int line) {
    return incident.value() + "#" + line;
  }

  private InvariantBroken broken(String what) {
    return new InvariantBroken(seed, run, what);
  }
}
