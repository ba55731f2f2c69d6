package org.guarantor.domain.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.guarantor.domain.territory.ScopeAnswer.Cause.IN_COVERED_TERRITORY;
import static org.guarantor.domain.territory.ScopeAnswer.Cause.IN_EXCLUDED_REGION;
import static org.guarantor.domain.territory.ScopeAnswer.Cause.IN_OTHER_STATE;
import static org.guarantor.domain.territory.ScopeAnswer.Cause.IN_UNCOVERED_REGION;
import static org.guarantor.domain.territory.ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CoveredTerritoryTest {
  private final CoveredTerritory aaaWithoutA2 =
      Toy.build(List.of("AAA"), List.of("A-2"), List.of(), 0);

  private static void assertAnswer(ScopeAnswer a, ScopeAnswer.Cause cause, String code) {
    assertThat(a.cause()).isEqualTo(cause);
    assertThat(a.code()).isEqualTo(code);
    assertThat(a.inScope()).isEqualTo(cause.inScope());
  }

  @Test
  void namesTheRegionACoveredPointLiesIn() {
    ScopeAnswer a = aaaWithoutA2.check(0.5, 0.5);
    assertAnswer(a, IN_COVERED_TERRITORY, "A-1");
    assertThat(a.explanation()).isEqualTo("in covered territory (Alpha One, A-1)");
    assertThat(a.coveredShare()).isEqualTo(1);
  }

  @Test
  void namesTheExcludedRegion() {
    ScopeAnswer a = aaaWithoutA2.check(0.5, 1.5);
    assertAnswer(a, IN_EXCLUDED_REGION, "A-2");
    assertThat(a.explanation()).isEqualTo("outside: in excluded region Alpha Two (A-2)");
    assertThat(a.coveredShare()).isZero();
  }

  @Test
  void namesTheOtherState() {
    ScopeAnswer a = aaaWithoutA2.check(1, 2.5);
    assertAnswer(a, IN_OTHER_STATE, "BBB");
    assertThat(a.explanation()).isEqualTo("outside: not in the protected state (Betaland, BBB)");
  }

  @Test
  void aPointInNoAreaIsOutsideAnyTerritory() {
    assertAnswer(aaaWithoutA2.check(-1, 0.5), OUTSIDE_ANY_TERRITORY, "");
    assertAnswer(aaaWithoutA2.check(60, 120), OUTSIDE_ANY_TERRITORY, "");
    assertThat(aaaWithoutA2.check(-1, 0.5).explanation())
        .isEqualTo("outside: not in any covered territory or its waters");
  }

  @Test
  void aRegionNeitherIncludedNorExcludedIsUncovered() {
    CoveredTerritory onlyA1 = Toy.build(List.of("A-1"), List.of(), List.of(), 0);
    ScopeAnswer a = onlyA1.check(1.5, 1);
    assertAnswer(a, IN_UNCOVERED_REGION, "A-3");
    assertThat(a.explanation())
        .isEqualTo("outside: Alpha Three (A-3) is not part of the covered territory");
  }

  @Test
  void pointAndGeometryChecksAgree() {
    assertThat(aaaWithoutA2.check(Toy.point(0.5, 0.5))).isEqualTo(aaaWithoutA2.check(0.5, 0.5));
  }

  @Test
  void farPointsAreAnsweredFromTheWholeAtlas() {
    Atlas withFarCountry =
        new Atlas(
            Toy.ATLAS.regions(),
            List.of(
                Toy.ATLAS.find("AAA").orElseThrow(),
                new Region("FAR", "Farland", "FAR", Toy.box(100, 40, 101, 41))));
    CoveredTerritory t =
        CoveredTerritory.build(
            withFarCountry, Toy.definition(List.of("AAA"), List.of(), List.of(), 0));
    assertAnswer(t.check(40.5, 100.5), IN_OTHER_STATE, "FAR");
  }

  @Nested
  class BorderRule {
    @Test
    void onTheBorderBetweenACoveredAndAnExcludedRegionThePointIsExcluded() {
      assertAnswer(aaaWithoutA2.check(0.5, 1), IN_EXCLUDED_REGION, "A-2");
      assertAnswer(aaaWithoutA2.check(1, 1), IN_EXCLUDED_REGION, "A-2");
    }

    @Test
    void onTheBorderBetweenTwoCoveredRegionsTheSmallerCodeNamesIt() {
      assertAnswer(aaaWithoutA2.check(1, 0.5), IN_COVERED_TERRITORY, "A-1");
      assertAnswer(aaaWithoutA2.check(1, 0.2), IN_COVERED_TERRITORY, "A-1");
    }

    @Test
    void onTheProtectedStatesBorderWithAnotherStateThePointIsCovered() {
      assertAnswer(aaaWithoutA2.check(1.5, 2), IN_COVERED_TERRITORY, "A-3");
    }

    @Test
    void onTheOuterCoastThePointIsCovered() {
      assertAnswer(aaaWithoutA2.check(0, 0.5), IN_COVERED_TERRITORY, "A-1");
      assertAnswer(aaaWithoutA2.check(0.5, 0), IN_COVERED_TERRITORY, "A-1");
      assertAnswer(aaaWithoutA2.check(0, 0), IN_COVERED_TERRITORY, "A-1");
    }

    @Test
    void theOuterEdgeOfAnotherStateBelongsToIt() {
      assertAnswer(aaaWithoutA2.check(0.5, 3), IN_OTHER_STATE, "BBB");
    }
  }

  @Nested
  class CustomAreas {
    private final CustomArea westOfTheLine =
        new CustomArea("LOC-W", "West of the line", CustomArea.Mode.INCLUDE, Toy.box(1, 0, 1.5, 1));
    private final CustomArea cut =
        new CustomArea("CUT-1", "Cut corner", CustomArea.Mode.EXCLUDE, Toy.box(0, 0, 0.5, 0.5));
    private final CoveredTerritory t =
        Toy.build(List.of("AAA"), List.of("A-2"), List.of(westOfTheLine, cut), 0);

    @Test
    void anIncludedCustomAreaRestoresPartOfAnExcludedRegion() {
      assertAnswer(t.check(0.5, 1.25), IN_COVERED_TERRITORY, "LOC-W");
      assertAnswer(t.check(0.5, 1.75), IN_EXCLUDED_REGION, "A-2");
    }

    @Test
    void aCustomAreasEdgeBelongsToIt() {
      assertAnswer(t.check(0.5, 1.5), IN_COVERED_TERRITORY, "LOC-W");
      assertAnswer(t.check(0.25, 0.5), IN_EXCLUDED_REGION, "CUT-1");
    }

    @Test
    void anExcludedCustomAreaCutsACoveredRegion() {
      ScopeAnswer a = t.check(0.25, 0.25);
      assertAnswer(a, IN_EXCLUDED_REGION, "CUT-1");
      assertThat(a.explanation()).isEqualTo("outside: in excluded region Cut corner (CUT-1)");
    }

    @Test
    void coveredLandIsRegionsMinusExclusionsPlusIncludedAreasMinusExcludedAreas() {
      // A-1 (1) + A-3 (2) + LOC-W (0.5) - CUT-1 (0.25)
      assertThat(t.coveredLand().getArea()).isCloseTo(3.25, within());
      assertThat(t.exclusions()).extracting(NamedArea::code).containsExactly("CUT-1", "A-2");
      assertThat(t.coveredAreas())
          .extracting(NamedArea::code)
          .containsExactly("LOC-W", "A-1", "A-3");
    }

    @Test
    void anInvalidCustomAreaIsRefusedWithItsPath() {
      CustomArea bowTie =
          new CustomArea(
              "BAD", "Bow tie", CustomArea.Mode.EXCLUDE, Toy.polygon(0, 0, 1, 1, 1, 0, 0, 1, 0, 0));
      assertThatThrownBy(() -> Toy.build(List.of("AAA"), List.of(), List.of(bowTie), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("/custom/0/geometry/coordinates/0/");
    }
  }

  @Test
  void anUnknownCodeIsRefused() {
    assertThatThrownBy(() -> Toy.build(List.of("AAA"), List.of("A-9"), List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A-9");
  }

  @Test
  void aPositionOutOfRangeIsABug() {
    assertThatThrownBy(() -> aaaWithoutA2.check(91, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> aaaWithoutA2.check(0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void definitionIsKept() {
    assertThat(aaaWithoutA2.definition().exclude()).containsExactly("A-2");
  }

  @Test
  void displayGeometryIsSimplifiedButValid() {
    assertThat(aaaWithoutA2.coveredGeometry(0.1).isValid()).isTrue();
    assertThat(aaaWithoutA2.coveredGeometry(0).equalsExact(aaaWithoutA2.coveredGeometry()))
        .isTrue();
    assertThat(aaaWithoutA2.exclusions(0.1)).extracting(NamedArea::code).containsExactly("A-2");
    assertThatThrownBy(() -> aaaWithoutA2.coveredGeometry(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
