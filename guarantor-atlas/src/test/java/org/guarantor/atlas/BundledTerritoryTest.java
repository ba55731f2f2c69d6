package org.guarantor.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.guarantor.domain.territory.AreaAnswer;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.territory.NamedArea;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.domain.territory.TerritoryDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Real places against the bundled scenario's territory on the shipped Natural Earth data. */
class BundledTerritoryTest {
  static final TerritoryDefinition BUNDLED =
      new TerritoryDefinition(
          "bundled", List.of("UKR"), List.of("UA-43", "UA-40", "UA-14", "UA-09"), List.of(), 12);
  static final Atlas ATLAS = NaturalEarthAtlas.load();
  static final CoveredTerritory TERRITORY = CoveredTerritory.build(ATLAS, BUNDLED);
  private static final GeometryFactory GF = new GeometryFactory();

  @ParameterizedTest(name = "{0}: {3} {4}")
  @CsvSource({
    "Kyiv,              50.4501, 30.5234, IN_COVERED_TERRITORY, UA-30",
    "Lviv,              49.8397, 24.0297, IN_COVERED_TERRITORY, UA-46",
    "Odesa,             46.4825, 30.7233, IN_COVERED_TERRITORY, UA-51",
    "Kharkiv,           49.9935, 36.2304, IN_COVERED_TERRITORY, UA-63",
    "Zaporizhzhia city, 47.8388, 35.1396, IN_COVERED_TERRITORY, UA-23",
    "Kherson,           46.6558, 32.6178, IN_COVERED_TERRITORY, UA-65",
    "Dnipro,            48.4647, 35.0462, IN_COVERED_TERRITORY, UA-12",
    "Mykolaiv,          46.9750, 31.9946, IN_COVERED_TERRITORY, UA-48",
    "Simferopol,        44.9521, 34.1024, IN_EXCLUDED_REGION,   UA-43",
    "Sevastopol,        44.5700, 33.5200, IN_EXCLUDED_REGION,   UA-40",
    "Kerch,             45.3563, 36.4674, IN_EXCLUDED_REGION,   UA-43",
    "Donetsk city,      48.0159, 37.8028, IN_EXCLUDED_REGION,   UA-14",
    "Luhansk city,      48.5740, 39.3078, IN_EXCLUDED_REGION,   UA-09",
    "Mariupol,          47.0971, 37.5434, IN_EXCLUDED_REGION,   UA-14",
    "Kramatorsk,        48.7389, 37.5848, IN_EXCLUDED_REGION,   UA-14",
    "Chisinau,          47.0105, 28.8638, IN_OTHER_STATE,       MDA",
    "Minsk,             53.9006, 27.5590, IN_OTHER_STATE,       BLR",
    "Warsaw,            52.2297, 21.0122, IN_OTHER_STATE,       POL",
    "Rostov-on-Don,     47.2357, 39.7015, IN_OTHER_STATE,       RUS",
    "Novorossiysk,      44.7239, 37.7689, IN_OTHER_STATE,       RUS",
    "Bucharest,         44.4268, 26.1025, IN_OTHER_STATE,       ROU",
    "Washington,        38.9072, -77.0369, IN_OTHER_STATE,      USA"
  })
  void realPlacesOnLand(
      String place, double lat, double lon, ScopeAnswer.Cause cause, String code) {
    ScopeAnswer a = TERRITORY.check(lat, lon);
    assertThat(a.cause()).as(place).isEqualTo(cause);
    assertThat(a.code()).as(place).isEqualTo(code);
  }

  @ParameterizedTest(name = "{0}: {3} {4}")
  @CsvSource({
    "Odesa bay 8 km out,           46.40, 30.85, IN_TERRITORIAL_WATERS, UA-51",
    "off Chornomorsk,              46.20, 30.70, IN_TERRITORIAL_WATERS, UA-51",
    "Sea of Azov off Berdiansk,    46.60, 36.80, IN_TERRITORIAL_WATERS, UA-23",
    "north-west Black Sea,         46.00, 31.50, OUTSIDE_ANY_TERRITORY, ''",
    "far offshore,                 44.50, 31.50, OUTSIDE_ANY_TERRITORY, ''",
    "off Novorossiysk,             44.65, 37.85, OUTSIDE_ANY_TERRITORY, ''",
    "Tsemes bay mouth,             44.68, 37.82, OUTSIDE_ANY_TERRITORY, ''",
    "off Sevastopol,               44.60, 33.30, OUTSIDE_ANY_TERRITORY, ''",
    "Kerch strait,                 45.30, 36.55, OUTSIDE_ANY_TERRITORY, ''",
    "off Mariupol,                 46.95, 37.55, OUTSIDE_ANY_TERRITORY, ''",
    "Karkinit bay off Crimea,      45.90, 33.60, OUTSIDE_ANY_TERRITORY, ''",
    "Karkinit bay off Kherson,     46.05, 33.55, IN_TERRITORIAL_WATERS, UA-65"
  })
  void realPlacesAtSea(String place, double lat, double lon, ScopeAnswer.Cause cause, String code) {
    ScopeAnswer a = TERRITORY.check(lat, lon);
    assertThat(a.cause()).as(place).isEqualTo(cause);
    assertThat(a.code()).as(place).isEqualTo(code);
  }

  @Test
  void explanationsAPersonCanActOn() {
    assertThat(TERRITORY.check(49.9935, 36.2304).explanation())
        .isEqualTo("in covered territory (Kharkiv Oblast, UA-63)");
    assertThat(TERRITORY.check(44.9521, 34.1024).explanation())
        .isEqualTo("outside: in excluded region Autonomous Republic of Crimea (UA-43)");
    assertThat(TERRITORY.check(47.0105, 28.8638).explanation())
        .isEqualTo("outside: not in the protected state (Moldova, MDA)");
    assertThat(TERRITORY.check(46.40, 30.85).explanation())
        .isEqualTo("in scope: territorial waters off Odesa Oblast (UA-51)");
  }

  @Test
  void anAreaAcrossTheLineIntoDonetskOblastIsInScopeForItsCoveredPart() {
    // Straddles the Zaporizhzhia–Donetsk oblast border north of the Azov coast.
    AreaAnswer a = TERRITORY.checkArea(box(36.6, 47.3, 37.4, 47.6));
    assertThat(a.answer().inScope()).isTrue();
    assertThat(a.answer().code()).isIn("UA-23", "UA-12");
    assertThat(a.answer().coveredShare()).isBetween(0.2, 0.9);
    assertThat(a.coveredPart().getArea())
        .isCloseTo(box(36.6, 47.3, 37.4, 47.6).getArea() * a.answer().coveredShare(), offset(0.01));
    assertThat(TERRITORY.check(a.coveredPart().getInteriorPoint()).inScope()).isTrue();
  }

  @Test
  void anAreaInCrimeaIsOutside() {
    ScopeAnswer a = TERRITORY.check(box(33.9, 44.9, 34.3, 45.1));
    assertThat(a.cause()).isEqualTo(ScopeAnswer.Cause.IN_EXCLUDED_REGION);
    assertThat(a.code()).isEqualTo("UA-43");
    assertThat(a.coveredShare()).isZero();
  }

  @Test
  void aBlockadeAreaOffOdesaIsInScopeAsWaters() {
    ScopeAnswer a = TERRITORY.check(box(30.80, 46.30, 30.95, 46.40));
    assertThat(a.cause()).isEqualTo(ScopeAnswer.Cause.IN_TERRITORIAL_WATERS);
    assertThat(a.code()).isEqualTo("UA-51");
    assertThat(a.coveredShare()).isCloseTo(1, offset(1e-6));
  }

  @Test
  void displayGeometriesAreSmallerButValid() {
    Geometry full = TERRITORY.coveredGeometry();
    Geometry display = TERRITORY.coveredGeometry(0.01);
    assertThat(display.isValid()).isTrue();
    assertThat(display.getNumPoints()).isLessThan(full.getNumPoints() / 2);
    assertThat(display.getArea()).isCloseTo(full.getArea(), offset(full.getArea() * 0.01));
    assertThat(TERRITORY.exclusions(0.01))
        .extracting(NamedArea::code)
        .containsExactly("UA-09", "UA-14", "UA-40", "UA-43");
    assertThat(TERRITORY.territorialWaters())
        .extracting(NamedArea::code)
        .containsExactly("UA-23", "UA-48", "UA-51", "UA-65");
  }

  /**
   * Thread CPU time, not wall time: the build is single-threaded, and a busy CI machine must not
   * fail it. The benchmarks in guarantor-bench measure it properly.
   */
  @Test
  void buildsWellUnderAFewSeconds() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    CoveredTerritory.build(ATLAS, BUNDLED);
    assertThat((threads.getCurrentThreadCpuTime() - start) / 1e9).isLessThan(3);
  }

  private static Geometry box(double lon0, double lat0, double lon1, double lat1) {
    return GF.createPolygon(
        new Coordinate[] {
          new Coordinate(lon0, lat0),
          new Coordinate(lon1, lat0),
          new Coordinate(lon1, lat1),
          new Coordinate(lon0, lat1),
          new Coordinate(lon0, lat0)
        });
  }
}
