package org.guarantor.domain.territory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TerritoryCheckTest {
  private static List<GeometryProblem> check(
      List<String> include, List<String> exclude, List<CustomArea> custom) {
    return TerritoryCheck.validate(
        Toy.ATLAS, new TerritoryDefinition("v1", include, exclude, custom, 12), "/territory");
  }

  @Test
  void aValidDefinitionHasNoProblems() {
    assertThat(check(List.of("AAA"), List.of("A-2"), List.of())).isEmpty();
    assertThat(check(List.of("A-1", "BBB"), List.of(), List.of())).isEmpty();
  }

  @Test
  void unknownCodesAreNamedWithTheirPlace() {
    assertThat(check(List.of("AAA", "ZZZ"), List.of("A-2", "A-9"), List.of()))
        .containsExactly(
            new GeometryProblem("/territory/include/1", "unknown region or country code ZZZ"),
            new GeometryProblem("/territory/exclude/1", "unknown region or country code A-9"));
  }

  @Test
  void somethingMustBeIncluded() {
    assertThat(check(List.of(), List.of(), List.of()))
        .extracting(GeometryProblem::path)
        .containsExactly("/territory/include");
    CustomArea area =
        new CustomArea("ZONE-1", "Zone", CustomArea.Mode.INCLUDE, Toy.box(10, 10, 11, 11));
    assertThat(check(List.of(), List.of(), List.of(area))).isEmpty();
  }

  @Test
  void customAreasNeedTheirOwnCodesAndValidPolygons() {
    CustomArea first = new CustomArea("LOC", "Line", CustomArea.Mode.EXCLUDE, Toy.box(0, 0, 1, 1));
    CustomArea twice = new CustomArea("LOC", "Again", CustomArea.Mode.EXCLUDE, Toy.box(0, 0, 1, 1));
    CustomArea clash = new CustomArea("A-1", "Clash", CustomArea.Mode.EXCLUDE, Toy.box(0, 0, 1, 1));
    CustomArea bowTie =
        new CustomArea(
            "BOW", "Bow tie", CustomArea.Mode.EXCLUDE, Toy.polygon(0, 0, 0, 1, 1, 0, 1, 1, 0, 0));
    assertThat(check(List.of("AAA"), List.of(), List.of(first, twice, clash, bowTie)))
        .extracting(GeometryProblem::path, GeometryProblem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "/territory/custom/1/code", "code LOC is used twice"),
            org.assertj.core.groups.Tuple.tuple(
                "/territory/custom/2/code", "code A-1 is already a region or country code"),
            org.assertj.core.groups.Tuple.tuple(
                "/territory/custom/3/geometry/coordinates/0/1",
                "ring intersects itself near (0.5, 0.5)"));
  }

  @Test
  void aBlankVersionIsAProblem() {
    assertThat(
            TerritoryCheck.validate(
                Toy.ATLAS,
                new TerritoryDefinition(" ", List.of("AAA"), List.of(), List.of(), 0),
                "/territory"))
        .extracting(GeometryProblem::path)
        .containsExactly("/territory/version");
  }
}
