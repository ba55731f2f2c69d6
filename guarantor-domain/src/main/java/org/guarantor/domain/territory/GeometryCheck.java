package org.guarantor.domain.territory;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Distance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Validates a geometry submitted as a report location or a custom area before it reaches {@link
 * CoveredTerritory}. Stateless and thread-safe.
 *
 * <p>Rules, each reported as a {@link GeometryProblem} whose path follows the geometry's GeoJSON
 * form ({@code /coordinates/<ring>/<vertex>} for a Polygon, {@code
 * /coordinates/<polygon>/<ring>/<vertex>} for a MultiPolygon):
 *
 * <ul>
 *   <li>the type is Point, Polygon or MultiPolygon (areas only: Polygon or MultiPolygon);
 *   <li>it is not empty;
 *   <li>it has at most {@value #MAX_VERTICES} vertices (an oblast has a thousand, Russia's 1:10m
 *       outline 37,000; a report with more is a mistake or an attack, and would make one check cost
 *       seconds);
 *   <li>every longitude lies in −180..180 and every latitude in −90..90, finite (the first {@value
 *       #MAX_REPORTED} offending positions are named, the rest counted);
 *   <li>no polygon spans more than 180° of longitude (RFC 7946 §3.1.9: split polygons at the
 *       antimeridian instead);
 *   <li>polygons are valid in the OGC sense: rings do not self-intersect, holes lie inside their
 *       shell and do not overlap, a ring has at least three distinct points.
 * </ul>
 *
 * <p>Unclosed rings cannot exist in a JTS geometry; the GeoJSON reader reports them with their
 * path.
 */
public final class GeometryCheck {
  /** Most vertices accepted in one geometry. */
  public static final int MAX_VERTICES = 100_000;

  /** Positions reported one by one before the rest are only counted. */
  static final int MAX_REPORTED = 20;

  private GeometryCheck() {}

  /** Validates a report location (Point, Polygon or MultiPolygon); paths start at the root. */
  public static List<GeometryProblem> validate(Geometry geometry) {
    return validate(geometry, "");
  }

  /**
   * Validates a report location (Point, Polygon or MultiPolygon).
   *
   * @param path the geometry's own path, e.g. {@code /location}; prefixed to every problem's path
   * @return the problems, empty when the geometry is acceptable
   */
  public static List<GeometryProblem> validate(Geometry geometry, String path) {
    return check(geometry, path, true);
  }

  /** Validates an area (Polygon or MultiPolygon), e.g. a custom area of a territory definition. */
  public static List<GeometryProblem> validateArea(Geometry geometry, String path) {
    return check(geometry, path, false);
  }

  private static List<GeometryProblem> check(Geometry g, String path, boolean pointAllowed) {
    List<GeometryProblem> problems = new ArrayList<>();
    if (g == null) {
      problems.add(new GeometryProblem(path, "geometry is missing"));
      return problems;
    }
    boolean supported =
        g instanceof Polygon || g instanceof MultiPolygon || (pointAllowed && g instanceof Point);
    if (!supported) {
      String expected = pointAllowed ? "Point, Polygon or MultiPolygon" : "Polygon or MultiPolygon";
      problems.add(
          new GeometryProblem(
              path + "/type",
              "unsupported geometry type " + g.getGeometryType() + "; expected " + expected));
      return problems;
    }
    if (g.isEmpty()) {
      problems.add(new GeometryProblem(path, "geometry is empty"));
      return problems;
    }
    int vertices = g.getNumPoints();
    if (vertices > MAX_VERTICES) {
      problems.add(
          new GeometryProblem(
              path + "/coordinates",
              "geometry has " + vertices + " vertices; the limit is " + MAX_VERTICES));
      return problems;
    }
    checkCoordinates(g, path, problems);
    if (problems.size() > MAX_REPORTED) {
      // One bad conversion can put every position out of range; name a few, count the rest.
      int more = problems.size() - MAX_REPORTED;
      problems.subList(MAX_REPORTED, problems.size()).clear();
      problems.add(
          new GeometryProblem(
              path + "/coordinates", "and " + more + " more positions out of range"));
    }
    if (!problems.isEmpty() || g instanceof Point) {
      return problems;
    }
    checkTopology(g, path, problems);
    return problems;
  }

  private static void checkCoordinates(Geometry g, String path, List<GeometryProblem> problems) {
    if (g instanceof Point p) {
      checkPosition(p.getCoordinate(), path + "/coordinates", problems);
      return;
    }
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Polygon polygon = (Polygon) g.getGeometryN(i);
      String polygonPath =
          g instanceof MultiPolygon ? path + "/coordinates/" + i : path + "/coordinates";
      for (int r = 0; r <= polygon.getNumInteriorRing(); r++) {
        CoordinateSequence ring = ring(polygon, r).getCoordinateSequence();
        for (int v = 0; v < ring.size(); v++) {
          checkPosition(ring.getCoordinate(v), polygonPath + "/" + r + "/" + v, problems);
        }
      }
      double span = polygon.getEnvelopeInternal().getWidth();
      if (problems.isEmpty() && span > 180) {
        problems.add(
            new GeometryProblem(
                polygonPath,
                "polygon spans "
                    + Math.round(span)
                    + "° of longitude; split polygons that cross the antimeridian (RFC 7946"
                    + " §3.1.9)"));
      }
    }
  }

  private static void checkPosition(Coordinate c, String path, List<GeometryProblem> problems) {
    if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
      problems.add(new GeometryProblem(path, "position is not a pair of finite numbers"));
    } else if (c.x < -180 || c.x > 180) {
      problems.add(new GeometryProblem(path + "/0", "longitude " + c.x + " is outside -180..180"));
    } else if (c.y < -90 || c.y > 90) {
      problems.add(new GeometryProblem(path + "/1", "latitude " + c.y + " is outside -90..90"));
    }
  }

  /** JTS reports one topology error, located by a coordinate; map it back to a vertex path. */
  private static void checkTopology(Geometry g, String path, List<GeometryProblem> problems) {
    TopologyValidationError error = new IsValidOp(g).getValidationError();
    if (error == null) {
      return;
    }
    Coordinate at = error.getCoordinate();
    String where = at == null ? path : vertexPath(g, path, at);
    String message = describe(error);
    if (at != null) {
      message += " near (" + at.x + ", " + at.y + ")";
    }
    problems.add(new GeometryProblem(where, message));
  }

  private static String describe(TopologyValidationError error) {
    return switch (error.getErrorType()) {
      case TopologyValidationError.RING_SELF_INTERSECTION,
          TopologyValidationError.SELF_INTERSECTION ->
          "ring intersects itself";
      case TopologyValidationError.HOLE_OUTSIDE_SHELL -> "hole lies outside its polygon's shell";
      case TopologyValidationError.NESTED_HOLES -> "hole lies inside another hole";
      case TopologyValidationError.DISCONNECTED_INTERIOR -> "holes split the polygon's interior";
      case TopologyValidationError.NESTED_SHELLS -> "polygon lies inside another polygon";
      case TopologyValidationError.DUPLICATE_RINGS -> "ring appears twice";
      case TopologyValidationError.TOO_FEW_POINTS -> "ring has fewer than 3 distinct points";
      case TopologyValidationError.RING_NOT_CLOSED -> "ring is not closed";
      case TopologyValidationError.INVALID_COORDINATE -> "position is not a finite number";
      default -> "invalid geometry: " + error.getMessage();
    };
  }

  /** The path of the vertex starting the ring segment nearest to {@code at}. */
  private static String vertexPath(Geometry g, String path, Coordinate at) {
    String best = path;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Polygon polygon = (Polygon) g.getGeometryN(i);
      String polygonPath =
          g instanceof MultiPolygon ? path + "/coordinates/" + i : path + "/coordinates";
      for (int r = 0; r <= polygon.getNumInteriorRing(); r++) {
        CoordinateSequence ring = ring(polygon, r).getCoordinateSequence();
        for (int v = 0; v + 1 < ring.size(); v++) {
          double d = Distance.pointToSegment(at, ring.getCoordinate(v), ring.getCoordinate(v + 1));
          if (d < bestDistance) {
            bestDistance = d;
            best = polygonPath + "/" + r + "/" + v;
          }
        }
      }
    }
    return best;
  }

  private static LineString ring(Polygon p, int r) {
    return r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1);
  }
}
