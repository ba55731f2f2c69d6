package org.guarantor.domain.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class LocalProjectionTest {
  private final LocalProjection kyiv = new LocalProjection(31, 48.5);

  @Test
  void roundTripsAPosition() {
    double[] p = {37.55, 47.1};
    kyiv.forward(p);
    kyiv.inverse(p);
    assertThat(p[0]).isCloseTo(37.55, offset(1e-9));
    assertThat(p[1]).isCloseTo(47.1, offset(1e-9));
  }

  @Test
  void theCentreMapsToTheOrigin() {
    double[] p = {31, 48.5};
    kyiv.forward(p);
    assertThat(p[0]).isCloseTo(0, offset(1e-6));
    assertThat(p[1]).isCloseTo(0, offset(1e-6));
  }

  @Test
  void distancesAreTrueWithinHalfAPercentAcrossUkraine() {
    // Odesa to Mariupol's meridian: far from the centre in both directions.
    double[][] pairs = {
      {30.72, 46.48, 30.72, 46.68}, {37.55, 47.10, 37.85, 47.10}, {24.0, 49.8, 24.0, 50.0}
    };
    for (double[] q : pairs) {
      double[] a = {q[0], q[1]};
      double[] b = {q[2], q[3]};
      kyiv.forward(a);
      kyiv.forward(b);
      double projected = Math.hypot(a[0] - b[0], a[1] - b[1]);
      double truth = greatCircle(q[0], q[1], q[2], q[3]);
      assertThat(projected / truth).isBetween(0.999, 1.005);
    }
  }

  private static double greatCircle(double lon1, double lat1, double lon2, double lat2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double h =
        Math.sin(dp / 2) * Math.sin(dp / 2)
            + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * LocalProjection.EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
  }
}
