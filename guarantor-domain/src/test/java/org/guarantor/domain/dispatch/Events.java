package org.guarantor.domain.dispatch;

import static org.guarantor.domain.treaty.TestTreaty.ADOPTED_AT;
import static org.guarantor.domain.treaty.TestTreaty.AIR_3;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_INT;
import static org.guarantor.domain.treaty.TestTreaty.KYIV;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.domain.allocation.GreatCircle;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentActivated;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentReported;
import org.guarantor.domain.dispatch.DispatchEvent.ShortfallRecorded;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingIssued;
import org.guarantor.domain.dispatch.DispatchEvent.TreatyAdopted;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.Requirement;
import org.guarantor.domain.incident.Scope;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.plan.PlanLine;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.pledge.Transport;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.domain.treaty.TestTreaty;
import org.guarantor.domain.treaty.Treaty;
import org.locationtech.jts.geom.Point;

/** Short factories for the events the specs expect, and the histories they start from. */
final class Events {
  /** Air attack, severity 3, at Kyiv: the standard call. */
  static final ThreatReport AIR_3_AT_KYIV = TestTreaty.report(ThreatType.AIR_ATTACK, 3, KYIV);

  static final Instant DUE_12H = T0.plus(Duration.ofHours(12));
  static final Instant DUE_6H = T0.plus(Duration.ofHours(6));

  private Events() {}

  static IncidentId inc(int n) {
    return IncidentId.number(n);
  }

  static TaskingId tsk(int n) {
    return TaskingId.number(n);
  }

  static TreatyAdopted adopted(Treaty treaty) {
    return new TreatyAdopted(ADOPTED_AT, treaty);
  }

  static IncidentReported reported(
      Instant at, int incident, String key, ThreatReport report, Scope scope) {
    return new IncidentReported(at, inc(incident), key, UKR, report, scope);
  }

  static Requirement requirement(
      int line, Capability capability, long amount, Unit unit, Instant dueAt) {
    return new Requirement(line, capability, Quantity.of(amount, unit), dueAt);
  }

  static IncidentActivated activated(
      Instant at, int incident, String planId, Requirement... requirements) {
    return new IncidentActivated(at, inc(incident), planId, List.of(requirements));
  }

  /** Activation with a plan's lines due their deadlines after {@code at}. */
  static IncidentActivated activated(Instant at, int incident, ResponsePlan plan) {
    List<Requirement> reqs = new ArrayList<>();
    for (PlanLine l : plan.lines()) {
      reqs.add(new Requirement(l.line(), l.capability(), l.quantity(), at.plus(l.deadline())));
    }
    return new IncidentActivated(at, inc(incident), plan.id(), reqs);
  }

  /** A tasking to a pledge for an incident at Kyiv, acknowledgement due an hour after issue. */
  static TaskingIssued issued(
      Instant at, int incident, int tasking, int line, Pledge pledge, long amount, Instant dueAt) {
    return issued(at, incident, tasking, line, pledge, amount, dueAt, KYIV);
  }

  static TaskingIssued issued(
      Instant at,
      int incident,
      int tasking,
      int line,
      Pledge pledge,
      long amount,
      Instant dueAt,
      Point where) {
    double km = km(pledge, where);
    return new TaskingIssued(
        at,
        inc(incident),
        tsk(tasking),
        line,
        pledge.guarantor(),
        pledge.id(),
        pledge.hub(),
        pledge.capability(),
        pledge.quantity().withAmount(amount),
        at.plus(Duration.ofHours(1)),
        dueAt,
        arrival(pledge, at, where),
        Math.round(km * 10) / 10.0);
  }

  static ShortfallRecorded shortfall(
      Instant at,
      int incident,
      int line,
      Capability capability,
      long missing,
      Unit unit,
      String reason) {
    return new ShortfallRecorded(
        at, inc(incident), line, capability, Quantity.of(missing, unit), reason);
  }

  /** The spec of arrival: readiness, then travel over the great circle from the pledge's hub. */
  static Instant arrival(Pledge pledge, Instant from, Point where) {
    return from.plus(pledge.readiness()).plus(pledge.transport().travel(km(pledge, where)));
  }

  static double km(Pledge pledge, Point where) {
    if (pledge.transport().mode() == Transport.Mode.NONE) {
      return 0;
    }
    Hub hub =
        List.of(TestTreaty.RZESZOW, TestTreaty.RAMSTEIN, TestTreaty.BRIZE_NORTON).stream()
            .filter(h -> h.id().equals(pledge.hub()))
            .findFirst()
            .orElseThrow();
    return GreatCircle.km(hub.lat(), hub.lon(), where.getY(), where.getX());
  }

  /**
   * The treaty adopted, then the standard call at {@link TestTreaty#T0}: INC-000001 activated on
   * plan AIR_ATTACK/3; TSK-000001 two systems from Germany and TSK-000002 two from the United
   * Kingdom on line 1; TSK-000003 two intelligence feeds from the United Kingdom on line 2.
   */
  static List<DispatchEvent> airAttackAtKyiv() {
    return airAttackAtKyiv(TestTreaty.treaty());
  }

  static List<DispatchEvent> airAttackAtKyiv(Treaty treaty) {
    return List.of(
        adopted(treaty),
        reported(T0, 1, "call-1", AIR_3_AT_KYIV, TestTreaty.inTestOblast()),
        activated(T0, 1, AIR_3),
        issued(T0, 1, 1, 1, DEU_AD, 2, DUE_12H),
        issued(T0, 1, 2, 1, GBR_AD, 2, DUE_12H),
        issued(T0, 1, 3, 2, GBR_INT, 2, DUE_6H));
  }

  /** {@code base} followed by {@code more}. */
  static List<DispatchEvent> then(List<DispatchEvent> base, DispatchEvent... more) {
    List<DispatchEvent> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }
}
