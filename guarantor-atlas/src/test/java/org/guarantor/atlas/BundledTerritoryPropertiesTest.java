package org.guarantor.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.territory.NamedArea;
import org.guarantor.domain.territory.Region;
import org.guarantor.domain.territory.ScopeAnswer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/** Invariants of the bundled territory on the real data, over random points. */
class BundledTerritoryPropertiesTest {
  private static final CoveredTerritory TERRITORY = BundledTerritoryTest.TERRITORY;
  private static final GeometryFactory GF = new GeometryFactory();
  private static final double NM_KM = 1.852;
  private static final double KM_PER_DEGREE = 111.195;

  private record Ref(ScopeAnswer.Cause cause, String code, PreparedGeometry geometry) {}

  /** The documented rule, evaluated naively: first area in precedence order that covers. */
  private static final List<Ref> RULE = rule();

  private static List<Ref> rule() {
    List<Ref> rule = new ArrayList<>();
    for (NamedArea x : TERRITORY.exclusions()) {
      rule.add(ref(ScopeAnswer.Cause.IN_EXCLUDED_REGION, x.code(), x.geometry()));
    }
    for (Region r : BundledTerritoryTest.ATLAS.regionsOf("UKR")) {
      rule.add(ref(ScopeAnswer.Cause.IN_COVERED_TERRITORY, r.code(), r.geometry()));
    }
    for (NamedArea w : TERRITORY.territorialWaters()) {
      rule.add(ref(ScopeAnswer.Cause.IN_TERRITORIAL_WATERS, w.code(), w.geometry()));
    }
    for (NamedArea c : TERRITORY.otherStates()) {
      rule.add(ref(ScopeAnswer.Cause.IN_OTHER_STATE, c.code(), c.geometry()));
    }
    return rule;
  }

  private static Ref ref(ScopeAnswer.Cause cause, String code, Geometry g) {
    return new Ref(cause, code, PreparedGeometryFactory.prepare(g));
  }

  @Property(tries = 2000)
  void everyPointIsCoveredOrHasExactlyOneNamedReason(
      @ForAll @DoubleRange(min = 43, max = 54) double lat,
      @ForAll @DoubleRange(min = 20, max = 42) double lon) {
    ScopeAnswer a = TERRITORY.check(lat, lon);
    assertThat(a.inScope()).isEqualTo(a.cause().inScope());
    if (a.cause() != ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY) {
      assertThat(a.code()).isNotEmpty();
      assertThat(a.name()).isNotEmpty();
    }
    assertThat(a.explanation()).doesNotContain("{0}").doesNotContain("{1}");

    Point p = GF.createPoint(new Coordinate(lon, lat));
    Ref expected = RULE.stream().filter(r -> r.geometry().covers(p)).findFirst().orElse(null);
    assertThat(a.cause())
        .isEqualTo(expected == null ? ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY : expected.cause());
    assertThat(a.code()).isEqualTo(expected == null ? "" : expected.code());
  }

  /**
   * Off Odesa, far from any other state: sea nearer than 12 nm to covered land is in scope, sea
   * farther is not (distances measured independently on a local equirectangular grid; 300 m of
   * slack for both methods' approximations).
   */
  @Property(tries = 1500)
  void theBeltOffOdesaIsTwelveNauticalMilesWide(
      @ForAll @DoubleRange(min = 45.9, max = 46.7) double lat,
      @ForAll @DoubleRange(min = 30.3, max = 31.4) double lon) {
    ScopeAnswer a = TERRITORY.check(lat, lon);
    Assume.that(
        a.cause() == ScopeAnswer.Cause.IN_TERRITORIAL_WATERS
            || a.cause() == ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY);
    double km = distanceToCoveredLandKm(lat, lon);
    if (km < 12 * NM_KM - 0.3) {
      assertThat(a.cause())
          .as("%.2f km off the coast", km)
          .isEqualTo(ScopeAnswer.Cause.IN_TERRITORIAL_WATERS);
    } else if (km > 12 * NM_KM + 0.3) {
      assertThat(a.cause())
          .as("%.2f km off the coast", km)
          .isEqualTo(ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY);
    }
  }

  /** Covered land around the sampled box, cut once: the distance below needs nothing farther. */
  private static final Geometry ODESA_COAST =
      TERRITORY.coveredLand().intersection(GF.toGeometry(new Envelope(29.3, 32.4, 45.3, 47.3)));

  private static double distanceToCoveredLandKm(double lat, double lon) {
    Geometry local = ODESA_COAST.copy();
    double cos = Math.cos(Math.toRadians(lat));
    local.apply(
        new org.locationtech.jts.geom.CoordinateSequenceFilter() {
          @Override
          public void filter(CoordinateSequence seq, int i) {
            seq.setOrdinate(i, 0, (seq.getX(i) - lon) * cos * KM_PER_DEGREE);
            seq.setOrdinate(i, 1, (seq.getY(i) - lat) * KM_PER_DEGREE);
          }

          @Override
          public boolean isDone() {
            return false;
          }

          @Override
          public boolean isGeometryChanged() {
            return true;
          }
        });
    return new IndexedFacetDistance(local).distance(GF.createPoint(new Coordinate(0, 0)));
  }
}
