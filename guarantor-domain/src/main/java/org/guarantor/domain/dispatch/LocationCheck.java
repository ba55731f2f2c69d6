package org.guarantor.domain.dispatch;

import java.util.ArrayList;
import java.util.List;
import org.guarantor.domain.territory.GeometryCheck;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Rules for a reported location. A point's coordinates are named as {@code lat} and {@code lon}, as
 * the API takes them; everything else is the territory's own {@link GeometryCheck}, so a report is
 * judged by the same rules whichever interface it came through.
 */
final class LocationCheck {
  private LocationCheck() {}

  static List<Reason> check(String path, Geometry g) {
    List<Reason> r = new ArrayList<>();
    if (g instanceof Point p && !p.isEmpty()) {
      double lat = p.getY();
      double lon = p.getX();
      if (!(lat >= -90 && lat <= 90)) {
        r.add(Reason.of(path + "/lat", ReasonType.OUT_OF_RANGE, "latitude", -90, 90, lat));
      }
      if (!(lon >= -180 && lon <= 180)) {
        r.add(Reason.of(path + "/lon", ReasonType.OUT_OF_RANGE, "longitude", -180, 180, lon));
      }
      return r;
    }
    GeometryCheck.validate(g, path)
        .forEach(x -> r.add(Reason.of(x.path(), ReasonType.INVALID_GEOMETRY, x.message())));
    return r;
  }
}
