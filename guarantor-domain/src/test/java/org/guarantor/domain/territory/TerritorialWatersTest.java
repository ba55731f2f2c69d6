package org.guarantor.domain.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.territory.ScopeAnswer.Cause.IN_EXCLUDED_REGION;
import static org.guarantor.domain.territory.ScopeAnswer.Cause.IN_OTHER_STATE;
import static org.guarantor.domain.territory.ScopeAnswer.Cause.IN_TERRITORIAL_WATERS;
import static org.guarantor.domain.territory.ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The belt on the equator, where 12 nm is 0.1999° of latitude or longitude: covered,
 * A-2 excluded, BBB another state (see {@link Toy}).
 */
class TerritorialWatersTest {
  private static final CoveredTerritory TERRITORY =
      Toy.build(List.of("AAA"), List.of("A-2"), List.of(), 12);

  @ParameterizedTest(name = "({0}, {1}) is {2} {3}")
  @CsvSource({
    // x (lon), y (lat), cause, code
    "0.5, -0.10, IN_TERRITORIAL_WATERS, A-1", // 6 nm off A-1
    "0.5, -0.19, IN_TERRITORIAL_WATERS, A-1", // 11.4 nm
    "0.5, -0.21, OUTSIDE_ANY_TERRITORY, ''", // 12.6 nm
    "-0.1, 0.5, IN_TERRITORIAL_WATERS, A-1", // off the west coast
    "-0.1, 1.5, IN_TERRITORIAL_WATERS, A-3",
    "1.5, 2.1, IN_TERRITORIAL_WATERS, A-3", // off the north coast
    "1.5, -0.10, OUTSIDE_ANY_TERRITORY, ''", // off the excluded region
    "2.5, -0.10, OUTSIDE_ANY_TERRITORY, ''", // off another state
    "2.5, 2.10, OUTSIDE_ANY_TERRITORY, ''"
  })
  void theBeltFollowsTheCoveredCoast(double x, double y, ScopeAnswer.Cause cause, String code) {
    ScopeAnswer a = TERRITORY.check(y, x);
    assertThat(a.cause()).isEqualTo(cause);
    assertThat(a.code()).isEqualTo(code);
  }

  @ParameterizedTest(name = "({0}, {1}) is {2}")
  @CsvSource({
    "0.97, -0.1, IN_TERRITORIAL_WATERS", // nearer A-1's coast
    "1.03, -0.1, OUTSIDE_ANY_TERRITORY", // nearer excluded A-2's coast
    "1.97, 2.1, IN_TERRITORIAL_WATERS", // nearer A-3's coast
    "2.03, 2.1, OUTSIDE_ANY_TERRITORY" // nearer the other state's coast
  })
  void theMedianLineSplitsSeaBetweenCoveredAndOtherCoasts(
      double x, double y, ScopeAnswer.Cause cause) {
    assertThat(TERRITORY.check(y, x).cause()).isEqualTo(cause);
  }

  @Test
  void theBeltNeverCoversLandThatIsNotCovered() {
    assertThat(TERRITORY.check(0.01, 1.5).cause()).isEqualTo(IN_EXCLUDED_REGION);
    assertThat(TERRITORY.check(0.01, 2.5).cause()).isEqualTo(IN_OTHER_STATE);
    for (NamedArea w : TERRITORY.territorialWaters()) {
      assertThat(w.geometry().intersection(Toy.box(0, 0, 3, 2)).getArea()).isLessThan(1e-12);
    }
  }

  @Test
  void watersAreNamedByTheirCoast() {
    assertThat(TERRITORY.territorialWaters())
        .extracting(NamedArea::code)
        .containsExactly("A-1", "A-3");
    ScopeAnswer a = TERRITORY.check(-0.1, 0.5);
    assertThat(a.cause()).isEqualTo(IN_TERRITORIAL_WATERS);
    assertThat(a.explanation()).isEqualTo("in scope: territorial waters off Alpha One (A-1)");
  }

  @Test
  void withoutABeltTheSeaIsOutside() {
    CoveredTerritory dry = Toy.build(List.of("AAA"), List.of("A-2"), List.of(), 0);
    assertThat(dry.check(-0.1, 0.5).cause()).isEqualTo(OUTSIDE_ANY_TERRITORY);
    assertThat(dry.territorialWaters()).isEmpty();
  }

  @Test
  void coveredGeometryJoinsLandAndWaters() {
    double land = TERRITORY.coveredLand().getArea();
    double waters =
        TERRITORY.territorialWaters().stream().mapToDouble(w -> w.geometry().getArea()).sum();
    assertThat(TERRITORY.coveredGeometry().getArea()).isCloseTo(land + waters, within(1e-9));
    assertThat(TERRITORY.coveredGeometry().isValid()).isTrue();
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  @Test
  void anExclusionDrawnOnTheCoastLeavesNoSliverWithABeltOfItsOwn() {
    // A-1 cut out but for a strip 1e-8 degrees wide along its coast: 1e-8 square degrees, far
    // below CoveredTerritory.SLIVER_SQUARE_DEGREES, so not covered land and no coast of its own.
    CustomArea cut =
        new CustomArea(
            "CUT-1", "Cut on the coast", CustomArea.Mode.EXCLUDE, Toy.box(0, 1e-8, 1, 1));
    CoveredTerritory t = Toy.build(List.of("AAA"), List.of("A-2"), List.of(cut), 12);

    assertThat(t.coveredAreas()).extracting(NamedArea::code).containsExactly("A-3");
    assertThat(t.territorialWaters()).extracting(NamedArea::code).containsExactly("A-3");
    assertThat(t.check(-0.1, 0.5).cause()).isEqualTo(OUTSIDE_ANY_TERRITORY);
  }

  @Test
  void aHairlineGapBetweenCoveredLandAndANeighbourIsNotSea() {
    // BBB drawn 1e-9 degrees short of: float noise where two outlines fail to meet.
    Atlas atlas =
        new Atlas(
            Toy.ATLAS.regions(),
            List.of(new Region("BBB", "Betaland", "BBB", Toy.box(2 + 1e-9, 0, 3, 2))));
    CoveredTerritory t =
        CoveredTerritory.build(atlas, Toy.definition(List.of("AAA"), List.of(), List.of(), 12));

    assertThat(t.check(1.5, 2 + 5e-10).cause()).isNotEqualTo(IN_TERRITORIAL_WATERS);
    assertThat(t.check(-0.1, 0.5).cause()).isEqualTo(IN_TERRITORIAL_WATERS);
  }
}
