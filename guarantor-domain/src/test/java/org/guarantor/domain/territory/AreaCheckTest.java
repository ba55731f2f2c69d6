package org.guarantor.domain.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

class AreaCheckTest {
  private static final CoveredTerritory DRY =
      Toy.build(List.of("AAA"), List.of("A-2"), List.of(), 0);
  private static final CoveredTerritory WET =
      Toy.build(List.of("AAA"), List.of("A-2"), List.of(), 12);

  @Test
  void anAreaPartlyInCoveredTerritoryIsInScopeWithItsCoveredPartAndShare() {
    Geometry report = Toy.box(0.5, 0.25, 1.5, 0.75);
    AreaAnswer a = DRY.checkArea(report);
    assertThat(a.answer().inScope()).isTrue();
    assertThat(a.answer().code()).isEqualTo("A-1");
    assertThat(a.answer().coveredShare()).isCloseTo(0.5, offset(1e-9));
    assertThat(a.coveredPart().symDifference(Toy.box(0.5, 0.25, 1, 0.75)).getArea())
        .isLessThan(1e-12);
    assertThat(DRY.check(report)).isEqualTo(a.answer());
    assertThat(DRY.coveredPart(report).getArea()).isCloseTo(0.25, offset(1e-9));
  }

  @Test
  void anAreaWhollyInAnExcludedRegionIsOutsideAndNamesIt() {
    AreaAnswer a = DRY.checkArea(Toy.box(1.2, 0.2, 1.8, 0.8));
    assertThat(a.answer().cause()).isEqualTo(ScopeAnswer.Cause.IN_EXCLUDED_REGION);
    assertThat(a.answer().code()).isEqualTo("A-2");
    assertThat(a.answer().coveredShare()).isZero();
    assertThat(a.coveredPart().isEmpty()).isTrue();
  }

  @Test
  void anAreaThatOnlyTouchesCoveredTerritoryIsOutside() {
    AreaAnswer a = DRY.checkArea(Toy.box(-1, 0, 0, 1));
    assertThat(a.answer().cause()).isEqualTo(ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY);
  }

  @Test
  void anAreaMostlyAtSeaIsNamedByTheWatersItCovers() {
    AreaAnswer a = WET.checkArea(Toy.box(0.2, -0.15, 0.8, 0.02));
    assertThat(a.answer().cause()).isEqualTo(ScopeAnswer.Cause.IN_TERRITORIAL_WATERS);
    assertThat(a.answer().code()).isEqualTo("A-1");
    assertThat(a.answer().coveredShare()).isCloseTo(1, offset(1e-6));
  }

  @Test
  void anAreaAcrossCoastAndBeltEdgeCountsLandAndWaters() {
    // 0.5 of land, 0.2 within the belt, the rest beyond it (belt ≈ 0.2° wide)
    AreaAnswer a = WET.checkArea(Toy.box(0.2, -0.5, 0.8, 0.5));
    assertThat(a.answer().code()).isEqualTo("A-1");
    assertThat(a.answer().cause()).isEqualTo(ScopeAnswer.Cause.IN_COVERED_TERRITORY);
    assertThat(a.answer().coveredShare()).isCloseTo(0.7, offset(0.01));
  }

  @Test
  void aMultiPolygonIsOneArea() {
    Geometry two =
        Toy.GF.createMultiPolygon(
            new org.locationtech.jts.geom.Polygon[] {
              Toy.box(0.1, 0.1, 0.2, 0.2), Toy.box(1.1, 0.1, 1.2, 0.2)
            });
    assertThat(DRY.check(two).coveredShare()).isCloseTo(0.5, offset(1e-9));
  }

  @Test
  void onlyPointsAndAreasAreChecked() {
    Geometry line =
        Toy.GF.createLineString(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1)});
    assertThatThrownBy(() -> DRY.check(line)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DRY.checkArea(Toy.GF.createPolygon()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
