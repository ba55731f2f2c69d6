package org.guarantor.engine.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guarantor.domain.allocation.GreatCircle;
import org.guarantor.domain.plan.PlanLine;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.CustomArea;
import org.guarantor.domain.territory.Region;
import org.guarantor.domain.territory.TerritoryDefinition;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.engine.scenario.TreatyProblem.Code;
import org.locationtech.jts.geom.Envelope;

/**
 * Whether the plans cover what can happen: a plan for every threat type and severity (every report
 * in scope activates, whatever the activation rule, automatically or once corroborated, and an
 * activation with no plan tasks nobody), and for every plan line a pledge that could serve it at
 * best: of its capability and unit, allowed by its caveats for the plan's threat and severity,
 * valid after the treaty takes effect, and able to arrive by the line's deadline from its hub to
 * the nearest edge of the covered territory. The distance is a lower bound (to the territory's
 * bounding box with its waters, less a tenth), so a line reported unservable is unservable wherever
 * the incident is; a line that is servable from one corner only is not reported. Not thread-safe;
 * one per check.
 */
final class PlanCoverage {
  private static final double KM_PER_DEGREE = 111.2;
  private static final double KM_PER_NM = 1.852;

  private final Map<String, Hub> hubs;
  private final Optional<Instant> effectiveFrom;
  private final Optional<Envelope> covered;
  private final List<TreatyProblem> out = new ArrayList<>();

  PlanCoverage(
      Atlas atlas,
      Optional<TerritoryDefinition> territory,
      Map<String, Hub> hubs,
      Optional<Instant> effectiveFrom) {
    this.hubs = hubs;
    this.effectiveFrom = effectiveFrom;
    this.covered = territory.flatMap(t -> envelope(atlas, t));
  }

  /**
   * The problems of coverage.
   *
   * @param pledgesKnown whether every pledge and hub was read: if not, a line is never called
   *     unservable, since the pledge left out might have served it
   * @param threatTypes the treaty's threat types, each of which needs a plan at every severity
   *     (none when its vocabulary could not be read)
   */
  List<TreatyProblem> check(
      TreatyRules.Parsed<ResponsePlan> plans,
      TreatyRules.Parsed<Pledge> pledges,
      boolean pledgesKnown,
      List<ThreatType> threatTypes) {
    if (plans.whole()) {
      for (ThreatType threat : threatTypes) {
        for (int severity = 1; severity <= 5; severity++) {
          int s = severity;
          if (plans.items().stream()
              .noneMatch(p -> p.threat().equals(threat) && p.severity() == s)) {
            out.add(
                new TreatyProblem(
                    "/plans",
                    Code.NO_PLAN,
                    "no plan for "
                        + threat
                        + " severity "
                        + severity
                        + ": a report of it in scope activates an incident that tasks nobody"));
          }
        }
      }
    }
    if (pledgesKnown) {
      plans.each(
          (at, plan) -> {
            for (int j = 0; j < plan.lines().size(); j++) {
              line(at + "/lines/" + j, plan, plan.lines().get(j), pledges.items());
            }
          });
    }
    return out;
  }

  private void line(String at, ResponsePlan plan, PlanLine line, List<Pledge> pledges) {
    String kind = line.capability() + " in " + line.quantity().unit();
    List<Pledge> same =
        pledges.stream()
            .filter(
                p ->
                    p.capability().equals(line.capability())
                        && p.quantity().unit().equals(line.quantity().unit()))
            .toList();
    if (same.isEmpty()) {
      out.add(new TreatyProblem(at, Code.UNSERVABLE_LINE, "no pledge of " + kind));
      return;
    }
    List<Pledge> allowed =
        same.stream()
            .filter(p -> p.caveats().allow(plan.threat(), plan.severity(), null))
            .filter(p -> effectiveFrom.map(t -> p.validUntil().isAfter(t)).orElse(true))
            .toList();
    if (allowed.isEmpty()) {
      out.add(
          new TreatyProblem(
              at,
              Code.UNSERVABLE_LINE,
              "no pledge of "
                  + kind
                  + " may serve "
                  + plan.threat()
                  + " severity "
                  + plan.severity()
                  + ": the caveats or validity of "
                  + ids(same)
                  + " rule it out"));
      return;
    }
    Pledge fastest = null;
    Duration earliest = null;
    for (Pledge p : allowed) {
      Duration arrival = p.readiness().plus(p.transport().travel(nearestKm(p)));
      if (earliest == null || arrival.compareTo(earliest) < 0) {
        earliest = arrival;
        fastest = p;
      }
    }
    if (earliest.compareTo(line.deadline()) > 0) {
      out.add(
          new TreatyProblem(
              at,
              Code.UNSERVABLE_LINE,
              "no pledge of "
                  + kind
                  + " can arrive within the deadline "
                  + line.deadline()
                  + ": the earliest, "
                  + fastest.id()
                  + ", needs at least "
                  + earliest));
    }
  }

  /** A lower bound of the distance from the pledge's hub to any place in the territory. */
  private double nearestKm(Pledge p) {
    Hub hub = hubs.get(p.hub().value());
    if (hub == null || covered.isEmpty()) {
      return 0;
    }
    Envelope e = covered.get();
    double lat = Math.max(e.getMinY(), Math.min(e.getMaxY(), hub.lat()));
    double lon = Math.max(e.getMinX(), Math.min(e.getMaxX(), hub.lon()));
    return 0.9 * GreatCircle.km(hub.lat(), hub.lon(), lat, lon);
  }

  private static Optional<Envelope> envelope(Atlas atlas, TerritoryDefinition t) {
    Envelope e = new Envelope();
    for (String code : t.include()) {
      List<Region> regions = atlas.regionsOf(code);
      if (regions.isEmpty()) {
        atlas.find(code).ifPresent(r -> e.expandToInclude(r.geometry().getEnvelopeInternal()));
      }
      regions.forEach(r -> e.expandToInclude(r.geometry().getEnvelopeInternal()));
    }
    for (CustomArea a : t.custom()) {
      if (a.mode() == CustomArea.Mode.INCLUDE) {
        e.expandToInclude(a.geometry().getEnvelopeInternal());
      }
    }
    if (e.isNull()) {
      return Optional.empty();
    }
    double belt = t.watersNm() * KM_PER_NM / KM_PER_DEGREE;
    double widest = Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY())) + belt;
    double cos = Math.cos(Math.toRadians(Math.min(widest, 89)));
    e.expandBy(belt / cos, belt);
    return Optional.of(e);
  }

  private static String ids(List<Pledge> pledges) {
    List<String> ids = pledges.stream().map(p -> p.id().value()).toList();
    return ids.size() <= 5
        ? String.join(", ", ids)
        : String.join(", ", ids.subList(0, 5)) + " and " + (ids.size() - 5) + " more";
  }
}
