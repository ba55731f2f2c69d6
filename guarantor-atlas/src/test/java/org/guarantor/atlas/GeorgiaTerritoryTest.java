package org.guarantor.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.territory.NamedArea;
import org.guarantor.domain.territory.Region;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.domain.territory.TerritoryDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * A second protected state on the same data: Georgia without Abkhazia (GE-AB), the territory of the
 * bundled scenario {@code scenarios/georgia.json}. Its regions come from the per-state admin-1
 * files and its neighbours (Russia, Turkey, Armenia, Azerbaijan) are drawn at the same detail.
 */
class GeorgiaTerritoryTest {
  static final Atlas ATLAS = NaturalEarthAtlas.load();
  static final TerritoryDefinition GEORGIA =
      new TerritoryDefinition("GE-test", List.of("GEO"), List.of("GE-AB"), List.of(), 12);
  static final CoveredTerritory TERRITORY = CoveredTerritory.build(ATLAS, GEORGIA);
  private static final GeometryFactory GF = new GeometryFactory();

  @Test
  void georgiasRegionsAreCodedIso3166_2() {
    assertThat(ATLAS.regionsOf("GEO"))
        .extracting(Region::code)
        .containsExactly(
            "GE-AB", "GE-AJ", "GE-GU", "GE-IM", "GE-KA", "GE-KK", "GE-MM", "GE-RL", "GE-SJ",
            "GE-SK", "GE-SZ", "GE-TB");
    assertThat(ATLAS.find("GE-AB")).map(Region::name).hasValue("Abkhazia");
    assertThat(ATLAS.find("GE-AB")).map(Region::country).hasValue("GEO");
  }

  @Test
  void statesWithoutIsoCodesInTheDataAreCodedByAdm1Code() {
    List<Region> armenia = ATLAS.regionsOf("ARM");
    assertThat(armenia).hasSize(11);
    assertThat(armenia).allSatisfy(r -> assertThat(r.code()).startsWith("ARM-"));
    assertThat(ATLAS.find(armenia.get(0).code())).hasValue(armenia.get(0));
  }

  @ParameterizedTest(name = "{0}: {3} {4}")
  @CsvSource({
    "Tbilisi,     41.7151, 44.8271, IN_COVERED_TERRITORY, GE-TB",
    "Batumi,      41.6168, 41.6367, IN_COVERED_TERRITORY, GE-AJ",
    "Kutaisi,     42.2679, 42.6946, IN_COVERED_TERRITORY, GE-IM",
    "Gori,        41.9842, 44.1158, IN_COVERED_TERRITORY, GE-SK",
    "Sukhumi,     43.0015, 41.0234, IN_EXCLUDED_REGION,   GE-AB",
    "Gagra,       43.2790, 40.2670, IN_EXCLUDED_REGION,   GE-AB",
    "Yerevan,     40.1792, 44.4991, IN_OTHER_STATE,       ARM",
    "Vanadzor,    40.8128, 44.4883, IN_OTHER_STATE,       ARM",
    "Ganja,       40.6828, 46.3606, IN_OTHER_STATE,       AZE",
    "Vladikavkaz, 43.0367, 44.6678, IN_OTHER_STATE,       RUS",
    "Sochi,       43.5855, 39.7231, IN_OTHER_STATE,       RUS",
    "Trabzon,     41.0027, 39.7168, IN_OTHER_STATE,       TUR",
    "Kars,        40.6013, 43.0975, IN_OTHER_STATE,       TUR"
  })
  void realPlaces(String place, double lat, double lon, ScopeAnswer.Cause cause, String code) {
    ScopeAnswer a = TERRITORY.check(lat, lon);
    assertThat(a.cause()).as(place).isEqualTo(cause);
    assertThat(a.code()).as(place).isEqualTo(code);
  }

  @Test
  void theBlackSeaOffGeorgiaIsItsWatersAndOffAbkhaziaIsNot() {
    ScopeAnswer offBatumi = TERRITORY.check(41.65, 41.55);
    assertThat(offBatumi.cause()).isEqualTo(ScopeAnswer.Cause.IN_TERRITORIAL_WATERS);
    assertThat(offBatumi.code()).isEqualTo("GE-AJ");
    assertThat(TERRITORY.check(42.98, 40.95).inScope()).as("off Sukhumi").isFalse();
    assertThat(TERRITORY.check(41.5, 39.5).inScope()).as("off Trabzon").isFalse();
  }

  /**
   * The point lies in Armenia, a few kilometres from Georgia, where Armenia's 1:110m outline does
   * not reach: when neighbours were drawn coarse, the gap between the two outlines was taken for
   * sea and the point answered "territorial waters off Georgia".
   */
  @Test
  void landNearAnInlandBorderIsNeverWaters() {
    CoveredTerritory wholeGeorgia =
        CoveredTerritory.build(
            ATLAS, new TerritoryDefinition("GE-all", List.of("GEO"), List.of(), List.of(), 12));

    ScopeAnswer a = wholeGeorgia.check(41.17089748981192, 44.104454127451746);

    assertThat(a.cause()).isEqualTo(ScopeAnswer.Cause.IN_OTHER_STATE);
    assertThat(a.code()).isEqualTo("ARM");
  }

  /**
   * Points about 500 m either side of every land border of covered Georgia (with Russia, Turkey,
   * Armenia, Azerbaijan and with excluded Abkhazia), every 5 km along it and away from the coast:
   * each is answered as the area that contains it, and none is "territorial waters".
   */
  @Test
  void pointsNearEveryLandBorderAreInOrOutNeverWaters() {
    List<Region> regions = ATLAS.regionsOf("GEO");
    Region abkhazia = ATLAS.find("GE-AB").orElseThrow();
    Geometry covered =
        OverlayNGRobust.union(
            regions.stream().filter(r -> r != abkhazia).map(Region::geometry).toList());
    List<Geometry> land = new ArrayList<>(List.of(covered, abkhazia.geometry()));
    List<String> codes = new ArrayList<>(List.of("GEO", "GE-AB"));
    for (String n : List.of("RUS", "TUR", "ARM", "AZE")) {
      land.add(other(n).geometry());
      codes.add(n);
    }
    // The sea is what no land covers once hairline gaps (under 20 m) are closed.
    Geometry coast = OverlayNGRobust.union(land).buffer(1e-4).getBoundary();
    List<PreparedGeometry> prepared = land.stream().map(PreparedGeometryFactory::prepare).toList();

    int checked = 0;
    for (int n = 1; n < land.size(); n++) {
      Geometry border = covered.getBoundary().intersection(land.get(n).buffer(1e-3));
      for (int i = 0; i < border.getNumGeometries(); i++) {
        if (!(border.getGeometryN(i) instanceof LineString line)) {
          continue;
        }
        LengthIndexedLine indexed = new LengthIndexedLine(line);
        for (double at = 0; at <= line.getLength(); at += 0.05) {
          Coordinate s = indexed.extractPoint(at);
          if (coast.distance(GF.createPoint(s)) < 0.05) {
            continue;
          }
          for (int k = 0; k < 8; k++) {
            double angle = Math.PI * k / 4;
            Point p =
                GF.createPoint(
                    new Coordinate(s.x + 0.0066 * Math.cos(angle), s.y + 0.0045 * Math.sin(angle)));
            ScopeAnswer a = TERRITORY.check(p.getY(), p.getX());
            String where = codes.get(n) + " border near " + s;
            assertThat(a.cause()).as(where).isNotEqualTo(ScopeAnswer.Cause.IN_TERRITORIAL_WATERS);
            String expected = null;
            for (int j = 0; j < land.size() && expected == null; j++) {
              // Abkhazia (excluded) before covered Georgia, as the border rule reads.
              int m = j == 0 ? 1 : j == 1 ? 0 : j;
              if (prepared.get(m).covers(p)) {
                expected = codes.get(m);
              }
            }
            if (expected == null) {
              assertThat(a.inScope()).as(where).isFalse();
            } else if (expected.equals("GEO")) {
              assertThat(a.cause()).as(where).isEqualTo(ScopeAnswer.Cause.IN_COVERED_TERRITORY);
            } else if (expected.equals("GE-AB")) {
              assertThat(a.cause()).as(where).isEqualTo(ScopeAnswer.Cause.IN_EXCLUDED_REGION);
            } else {
              assertThat(a.cause()).as(where).isEqualTo(ScopeAnswer.Cause.IN_OTHER_STATE);
              assertThat(a.code()).as(where).isEqualTo(expected);
            }
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  private static NamedArea other(String code) {
    return TERRITORY.otherStates().stream()
        .filter(o -> o.code().equals(code))
        .findFirst()
        .orElseThrow();
  }
}
