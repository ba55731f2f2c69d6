package org.guarantor.domain.territory;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * Oblique stereographic projection on the sphere, centred on a territory, in metres. Used where
 * distances matter (the territorial-waters belt and its median lines): it is conformal, so a buffer
 * drawn in it is a true buffer locally, and its scale error is {@code 2 / (1 + cos c) - 1} at
 * angular distance {@code c} from the centre: 0.4 % at 7° (all of Ukraine from its centre), 1 % at
 * 11.5°. Degrees scaled by cos(latitude) would err by up to 15 % across Ukraine's 9° of latitude.
 * Immutable and thread-safe.
 */
final class LocalProjection {
  /** Mean Earth radius (IUGG), metres. */
  static final double EARTH_RADIUS_M = 6_371_008.8;

  static final double METRES_PER_NAUTICAL_MILE = 1852;

  /** Length of a degree of latitude on the sphere, metres. */
  static final double METRES_PER_DEGREE = EARTH_RADIUS_M * Math.PI / 180;

  private final double lon0;
  private final double sinLat0;
  private final double cosLat0;

  LocalProjection(double lon0, double lat0) {
    this.lon0 = lon0;
    this.sinLat0 = Math.sin(Math.toRadians(lat0));
    this.cosLat0 = Math.cos(Math.toRadians(lat0));
  }

  /** A projection centred on the middle of a geometry's envelope. */
  static LocalProjection centredOn(Geometry g) {
    var e = g.getEnvelopeInternal();
    return new LocalProjection(e.centre().x, e.centre().y);
  }

  /** A projected copy of a longitude/latitude geometry. */
  Geometry forward(Geometry lonLat) {
    Geometry copy = lonLat.copy();
    copy.apply(new Transform(true));
    return copy;
  }

  /** A longitude/latitude copy of a projected geometry. */
  Geometry inverse(Geometry projected) {
    Geometry copy = projected.copy();
    copy.apply(new Transform(false));
    return copy;
  }

  /** Projects in place: {@code xy[0]} longitude, {@code xy[1]} latitude in; metres out. */
  void forward(double[] xy) {
    double lambda = Math.toRadians(xy[0] - lon0);
    double phi = Math.toRadians(xy[1]);
    double sinPhi = Math.sin(phi);
    double cosPhi = Math.cos(phi);
    double cosLambda = Math.cos(lambda);
    double k = 2 * EARTH_RADIUS_M / (1 + sinLat0 * sinPhi + cosLat0 * cosPhi * cosLambda);
    xy[0] = k * cosPhi * Math.sin(lambda);
    xy[1] = k * (cosLat0 * sinPhi - sinLat0 * cosPhi * cosLambda);
  }

  /** Inverse of {@link #forward(double[])}, in place. */
  void inverse(double[] xy) {
    double x = xy[0];
    double y = xy[1];
    double rho = Math.hypot(x, y);
    if (rho == 0) {
      xy[0] = lon0;
      xy[1] = Math.toDegrees(Math.asin(sinLat0));
      return;
    }
    double c = 2 * Math.atan(rho / (2 * EARTH_RADIUS_M));
    double sinC = Math.sin(c);
    double cosC = Math.cos(c);
    double phi = Math.asin(cosC * sinLat0 + y * sinC * cosLat0 / rho);
    double lambda = Math.atan2(x * sinC, rho * cosLat0 * cosC - y * sinLat0 * sinC);
    xy[0] = lon0 + Math.toDegrees(lambda);
    xy[1] = Math.toDegrees(phi);
  }

  private final class Transform implements CoordinateSequenceFilter {
    private final boolean forward;
    private final double[] xy = new double[2];

    Transform(boolean forward) {
      this.forward = forward;
    }

    @Override
    public void filter(CoordinateSequence seq, int i) {
      xy[0] = seq.getX(i);
      xy[1] = seq.getY(i);
      if (forward) {
        forward(xy);
      } else {
        inverse(xy);
      }
      seq.setOrdinate(i, 0, xy[0]);
      seq.setOrdinate(i, 1, xy[1]);
    }

    @Override
    public boolean isDone() {
      return false;
    }

    @Override
    public boolean isGeometryChanged() {
      return true;
    }
  }
}
