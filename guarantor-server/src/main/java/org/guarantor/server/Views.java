package org.guarantor.server;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.allocation.Explanation;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.Requirement;
import org.guarantor.domain.incident.Scope;
import org.guarantor.domain.incident.Shortfall;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.treaty.Treaty;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/** DTO records of the HTTP API and the one mapping from domain values to them. */
final class Views {
  private Views() {}

  /** A pledge that lost to the tasked one, and why. */
  record AlternativeView(
      String pledge, String guarantor, String lost, Instant arrival, String detail) {}

  /** Why a tasking went to its guarantor: "why us?". */
  record WhyView(
      String tasking,
      String guarantor,
      String pledge,
      int line,
      long quantity,
      String unit,
      Instant estimatedArrival,
      Instant deadline,
      long marginMinutes,
      int rank,
      int onTime,
      String summary,
      List<AlternativeView> alternatives) {}

  static WhyView why(Tasking t, Explanation e) {
    long margin = Duration.between(t.estimatedArrival(), t.deliverBy()).toMinutes();
    String summary =
        !e.source().isEmpty()
            ? "chosen by the "
                + e.source()
                + ": arrives "
                + t.estimatedArrival()
                + ", "
                + margin / 60
                + " h "
                + margin % 60
                + " min before the deadline "
                + t.deliverBy()
            : e.rank() == 0
                ? "issued before explanations were recorded"
                : "choice "
                    + e.rank()
                    + " of "
                    + e.onTime()
                    + " pledges that could arrive on time: arrives "
                    + t.estimatedArrival()
                    + ", "
                    + margin / 60
                    + " h "
                    + margin % 60
                    + " min before the deadline "
                    + t.deliverBy();
    List<AlternativeView> alternatives =
        e.alternatives().stream()
            .map(
                a ->
                    new AlternativeView(
                        a.pledge().value(),
                        a.guarantor().value(),
                        a.lost().name(),
                        a.arrival(),
                        a.detail()))
            .toList();
    return new WhyView(
        t.id().value(),
        t.guarantor().value(),
        t.pledge().value(),
        t.line(),
        t.quantity().amount(),
        t.quantity().unit().code(),
        t.estimatedArrival(),
        t.deliverBy(),
        margin,
        e.rank(),
        e.onTime(),
        summary,
        alternatives);
  }

  record LatLon(double lat, double lon) {}

  record RequirementView(
      int line, String capability, long quantity, String unit, Instant dueAt, long covered) {}

  record ShortfallView(
      int line, String capability, long missing, String unit, Instant recordedAt, String reason) {}

  record TaskingView(
      String id,
      String incident,
      int line,
      String guarantor,
      String pledge,
      String hub,
      String capability,
      long quantity,
      String unit,
      String state,
      Instant issuedAt,
      Instant acknowledgeBy,
      Instant deliverBy,
      Instant estimatedArrival,
      long marginMinutes,
      double distanceKm,
      long delivered,
      Instant acknowledgedAt,
      Instant updatedAt,
      String declineReason) {}

  record IncidentView(
      String id,
      String view,
      String state,
      String type,
      int severity,
      Geometry location,
      LatLon point,
      Instant observedAt,
      Instant reportedAt,
      String description,
      String reporter,
      String key,
      Scope scope,
      Instant activatedAt,
      String plan,
      List<RequirementView> requirements,
      List<TaskingView> taskings,
      List<ShortfallView> shortfalls,
      List<String> corroborations,
      Instant closedAt,
      String closingNote) {}

  /** The incident as this actor may see it, or null when it may not see it at all. */
  static IncidentView incident(Actor actor, Incident i, Treaty treaty) {
    Access.View v = Access.incident(actor, i, treaty);
    if (v == Access.View.NONE) {
      return null;
    }
    if (v == Access.View.SUMMARY) {
      return new IncidentView(
          i.id().value(),
          v.name(),
          i.state().name(),
          i.report().type().code(),
          i.report().severity(),
          null,
          null,
          i.report().observedAt(),
          i.reportedAt(),
          null,
          null,
          null,
          null,
          i.activatedAt(),
          i.planId(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          i.closedAt(),
          null);
    }
    List<TaskingView> taskings =
        i.taskings().stream()
            .filter(t -> v == Access.View.FULL || Access.tasking(actor, t, treaty))
            .map(t -> tasking(actor, t, treaty))
            .toList();
    List<RequirementView> reqs = i.requirements().stream().map(r -> requirement(r, i)).toList();
    Point p = i.report().location().getInteriorPoint();
    return new IncidentView(
        i.id().value(),
        v.name(),
        i.state().name(),
        i.report().type().code(),
        i.report().severity(),
        i.report().location(),
        new LatLon(p.getY(), p.getX()),
        i.report().observedAt(),
        i.reportedAt(),
        i.report().description(),
        i.reporter().value(),
        v == Access.View.FULL ? i.key() : null,
        i.scope(),
        i.activatedAt(),
        i.planId(),
        reqs,
        taskings,
        i.shortfalls().stream().map(Views::shortfall).toList(),
        i.corroborations().stream().map(Object::toString).sorted().toList(),
        i.closedAt(),
        i.closingNote());
  }

  private static RequirementView requirement(Requirement r, Incident i) {
    long covered =
        i.taskings().stream().filter(t -> t.line() == r.line()).mapToLong(Tasking::holding).sum();
    return new RequirementView(
        r.line(),
        r.capability().code(),
        r.quantity().amount(),
        r.quantity().unit().code(),
        r.dueAt(),
        covered);
  }

  private static ShortfallView shortfall(Shortfall s) {
    return new ShortfallView(
        s.line(),
        s.capability().code(),
        s.missing().amount(),
        s.missing().unit().code(),
        s.recordedAt(),
        s.reason());
  }

  /**
   * A tasking the actor may see, its decline reason only if the actor may read it ({@link
   * Access#mayReadDeclineReason}): today the same parties, but the reason is free text and follows
   * its own rule wherever it goes.
   */
  static TaskingView tasking(Actor actor, Tasking t, Treaty treaty) {
    return new TaskingView(
        t.id().value(),
        t.incident().value(),
        t.line(),
        t.guarantor().value(),
        t.pledge().value(),
        t.hub().value(),
        t.capability().code(),
        t.quantity().amount(),
        t.quantity().unit().code(),
        t.state().name(),
        t.issuedAt(),
        t.acknowledgeBy(),
        t.deliverBy(),
        t.estimatedArrival(),
        Duration.between(t.estimatedArrival(), t.deliverBy()).toMinutes(),
        t.distanceKm(),
        t.delivered(),
        t.acknowledgedAt(),
        t.updatedAt(),
        Access.mayReadDeclineReason(actor, t.guarantor(), treaty) ? t.declineReason() : null);
  }
}
