package org.guarantor.domain.territory;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * A territory definition resolved against an atlas, ready to answer point and area checks.
 * Immutable and thread-safe.
 *
 * <p>Border rule: a point on the boundary of an excluded area counts as excluded; a point on the
 * outer boundary of an included region counts as covered (JTS {@code covers}).
 */
public final class CoveredTerritory {
  private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

  private final TerritoryDefinition definition;
  private final List<Named> included;
  private final List<Named> excluded;
  private final List<Named> others;

  private record Named(String code, String name, PreparedGeometry geometry) {}

  private CoveredTerritory(
      TerritoryDefinition definition,
      List<Named> included,
      List<Named> excluded,
      List<Named> others) {
    this.definition = definition;
    this.included = included;
    this.excluded = excluded;
    this.others = others;
  }

  /**
   * Resolves a definition against an atlas.
   *
   * @throws IllegalArgumentException if a code is not in the atlas
   */
  public static CoveredTerritory build(Atlas atlas, TerritoryDefinition definition) {
    List<Named> included = new ArrayList<>();
    List<String> coveredCountries = new ArrayList<>();
    for (String code : definition.include()) {
      List<Region> regions = atlas.regionsOf(code);
      if (!regions.isEmpty()) {
        regions.forEach(r -> included.add(named(r.code(), r.name(), r.geometry())));
        coveredCountries.add(code);
      } else {
        Region r =
            atlas
                .find(code)
                .orElseThrow(() -> new IllegalArgumentException("unknown region code " + code));
        included.add(named(r.code(), r.name(), r.geometry()));
        coveredCountries.add(r.country());
      }
    }
    List<Named> excluded = new ArrayList<>();
    for (String code : definition.exclude()) {
      Region r =
          atlas
              .find(code)
              .orElseThrow(() -> new IllegalArgumentException("unknown region code " + code));
      excluded.add(named(r.code(), r.name(), r.geometry()));
    }
    for (CustomArea area : definition.custom()) {
      Named n = named(area.code(), area.name(), area.geometry());
      (area.mode() == CustomArea.Mode.INCLUDE ? included : excluded).add(n);
    }
    List<Named> others = new ArrayList<>();
    for (Region c : atlas.countries()) {
      if (!coveredCountries.contains(c.code())) {
        others.add(named(c.code(), c.name(), c.geometry()));
      }
    }
    return new CoveredTerritory(definition, List.copyOf(included), List.copyOf(excluded), others);
  }

  private static Named named(String code, String name, Geometry geometry) {
    return new Named(code, name, PreparedGeometryFactory.prepare(geometry));
  }

  public TerritoryDefinition definition() {
    return definition;
  }

  /** Checks a point given in degrees. */
  public ScopeAnswer check(double lat, double lon) {
    Point p = GEOMETRY.createPoint(new Coordinate(lon, lat));
    for (Named n : excluded) {
      if (n.geometry().covers(p)) {
        return answer(ScopeAnswer.Cause.IN_EXCLUDED_REGION, n, 0);
      }
    }
    for (Named n : included) {
      if (n.geometry().covers(p)) {
        return answer(ScopeAnswer.Cause.IN_COVERED_TERRITORY, n, 1);
      }
    }
    for (Named n : others) {
      if (n.geometry().covers(p)) {
        return answer(ScopeAnswer.Cause.IN_OTHER_STATE, n, 0);
      }
    }
    return new ScopeAnswer(false, ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY, "", "", 0);
  }

  /**
   * Checks a point or an area. An area is in scope when any part of it lies in covered territory;
   * the answer then names the covered region holding the largest part and the covered share.
   */
  public ScopeAnswer check(Geometry location) {
    if (location instanceof Point p) {
      return check(p.getY(), p.getX());
    }
    double total = location.getArea();
    Geometry covered = GEOMETRY.createGeometryCollection();
    Named best = null;
    double bestArea = 0;
    for (Named n : included) {
      Geometry part = n.geometry().getGeometry().intersection(location);
      for (Named x : excluded) {
        if (!part.isEmpty()) {
          part = part.difference(x.geometry().getGeometry());
        }
      }
      if (!part.isEmpty()) {
        covered = covered.union(part);
        if (part.getArea() > bestArea) {
          bestArea = part.getArea();
          best = n;
        }
      }
    }
    if (best != null) {
      double share = total > 0 ? Math.min(1, covered.getArea() / total) : 1;
      return answer(ScopeAnswer.Cause.IN_COVERED_TERRITORY, best, share);
    }
    Point c = location.getInteriorPoint();
    ScopeAnswer byPoint = check(c.getY(), c.getX());
    return byPoint.inScope()
        ? new ScopeAnswer(false, ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY, "", "", 0)
        : byPoint;
  }

  private static ScopeAnswer answer(ScopeAnswer.Cause cause, Named n, double share) {
    return new ScopeAnswer(cause.inScope(), cause, n.code(), n.name(), share);
  }
}
