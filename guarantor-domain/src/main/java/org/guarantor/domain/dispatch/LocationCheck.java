package org.guarantor.domain.dispatch;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/** Rules for a reported location: a point or a valid polygonal area, in range, not too large. */
final class LocationCheck {
  /** Largest number of vertices accepted in a reported area. */
  static final int MAX_VERTICES = 100_000;

  private LocationCheck() {}

  static List<Reason> check(String path, Geometry g) {
    List<Reason> r = new ArrayList<>();
    if (g.isEmpty()) {
      r.add(Reason.of(path, ReasonType.INVALID_GEOMETRY, "the geometry is empty"));
      return r;
    }
    if (!(g instanceof Point) && !(g instanceof Polygonal)) {
      r.add(
          Reason.of(
              path,
              ReasonType.INVALID_GEOMETRY,
              "a location must be a Point, Polygon or MultiPolygon, was " + g.getGeometryType()));
      return r;
    }
    if (g.getNumPoints() > MAX_VERTICES) {
      r.add(
          Reason.of(
              path,
              ReasonType.INVALID_GEOMETRY,
              "more than " + MAX_VERTICES + " vertices (" + g.getNumPoints() + ")"));
      return r;
    }
    Coordinate[] cs = g.getCoordinates();
    for (int i = 0; i < cs.length; i++) {
      if (!(cs[i].y >= -90 && cs[i].y <= 90)) {
        r.add(
            Reason.of(
                g instanceof Point ? path + "/lat" : path + "/coordinates/" + i,
                ReasonType.OUT_OF_RANGE,
                "latitude",
                -90,
                90,
                cs[i].y));
      }
      if (!(cs[i].x >= -180 && cs[i].x <= 180)) {
        r.add(
            Reason.of(
                g instanceof Point ? path + "/lon" : path + "/coordinates/" + i,
                ReasonType.OUT_OF_RANGE,
                "longitude",
                -180,
                180,
                cs[i].x));
      }
    }
    if (r.isEmpty() && g instanceof Polygonal) {
      TopologyValidationError e = new IsValidOp(g).getValidationError();
      if (e != null) {
        r.add(
            Reason.of(
                path,
                ReasonType.INVALID_GEOMETRY,
                e.getMessage() + " at " + e.getCoordinate().x + " " + e.getCoordinate().y));
      }
    }
    return r;
  }
}
