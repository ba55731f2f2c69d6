package org.guarantor.domain.territory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

class GeometryCheckTest {
  @Test
  void aValidPolygonOrPointHasNoProblems() {
    assertThat(GeometryCheck.validate(Toy.box(30, 46, 31, 47), "/location")).isEmpty();
    assertThat(GeometryCheck.validate(Toy.point(30.5, 46.5))).isEmpty();
  }

  @Test
  void aSelfIntersectingRingIsLocatedAtTheSegmentThatCrosses() {
    // (0,0) (0,1) (1,0) (1,1): segments 1 and 3 cross at (0.5, 0.5)
    Polygon bowTie = Toy.polygon(0, 0, 0, 1, 1, 0, 1, 1, 0, 0);
    assertThat(GeometryCheck.validate(bowTie, "/location"))
        .containsExactly(
            new GeometryProblem(
                "/location/coordinates/0/1", "ring intersects itself near (0.5, 0.5)"));
  }

  @Test
  void aLatitudeOutOfRangeNamesTheVertexAndOrdinate() {
    Polygon p = Toy.polygon(0, 0, 1, 0, 1, 95, 0, 1, 0, 0);
    assertThat(GeometryCheck.validate(p, "/location"))
        .containsExactly(
            new GeometryProblem("/location/coordinates/0/2/1", "latitude 95.0 is outside -90..90"));
  }

  @Test
  void aLongitudeOutOfRangeOnAPoint() {
    assertThat(GeometryCheck.validate(Toy.point(200, 10), "/location"))
        .containsExactly(
            new GeometryProblem("/location/coordinates/0", "longitude 200.0 is outside -180..180"));
  }

  @Test
  void aNonFinitePosition() {
    assertThat(GeometryCheck.validate(Toy.point(Double.NaN, 10)))
        .extracting(GeometryProblem::path, GeometryProblem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "/coordinates", "position is not a pair of finite numbers"));
  }

  @Test
  void anEmptyGeometry() {
    assertThat(GeometryCheck.validate(Toy.GF.createPolygon(), "/location"))
        .containsExactly(new GeometryProblem("/location", "geometry is empty"));
    assertThat(GeometryCheck.validate(null, "/location"))
        .containsExactly(new GeometryProblem("/location", "geometry is missing"));
  }

  @Test
  void anUnsupportedType() {
    Geometry line =
        Toy.GF.createLineString(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1)});
    assertThat(GeometryCheck.validate(line, "/location"))
        .containsExactly(
            new GeometryProblem(
                "/location/type",
                "unsupported geometry type LineString; expected Point, Polygon or MultiPolygon"));
    assertThat(GeometryCheck.validateArea(Toy.point(0, 0), "/area"))
        .extracting(GeometryProblem::path)
        .containsExactly("/area/type");
  }

  @Test
  void tooManyVertices() {
    int n = GeometryCheck.MAX_VERTICES + 1;
    Coordinate[] ring = new Coordinate[n];
    for (int i = 0; i < n - 1; i++) {
      double a = 2 * Math.PI * i / (n - 1);
      ring[i] = new Coordinate(30 + Math.cos(a), 46 + Math.sin(a));
    }
    ring[n - 1] = ring[0];
    assertThat(GeometryCheck.validate(Toy.GF.createPolygon(ring), "/location"))
        .containsExactly(
            new GeometryProblem(
                "/location/coordinates", "geometry has 100001 vertices; the limit is 100000"));
  }

  @Test
  void problemsInAMultiPolygonNameThePolygonRingAndVertex() {
    Polygon withStrayHole =
        Toy.GF.createPolygon(
            Toy.box(5, 5, 6, 6).getExteriorRing(),
            new org.locationtech.jts.geom.LinearRing[] {Toy.box(7, 7, 7.5, 7.5).getExteriorRing()});
    Geometry mp = Toy.GF.createMultiPolygon(new Polygon[] {Toy.box(0, 0, 1, 1), withStrayHole});
    List<GeometryProblem> problems = GeometryCheck.validate(mp);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).path()).isEqualTo("/coordinates/1/1/0");
    assertThat(problems.get(0).message()).startsWith("hole lies outside its polygon's shell");
  }

  @Test
  void manyBadPositionsAreNamedUpToALimitAndCounted() {
    Coordinate[] ring = new Coordinate[31];
    for (int i = 0; i < 30; i++) {
      double a = 2 * Math.PI * i / 30;
      ring[i] = new Coordinate(300 + Math.cos(a), 46 + Math.sin(a));
    }
    ring[30] = ring[0];
    List<GeometryProblem> problems = GeometryCheck.validate(Toy.GF.createPolygon(ring));
    assertThat(problems).hasSize(GeometryCheck.MAX_REPORTED + 1);
    assertThat(problems.get(0).path()).isEqualTo("/coordinates/0/0/0");
    assertThat(problems.get(GeometryCheck.MAX_REPORTED))
        .isEqualTo(new GeometryProblem("/coordinates", "and 11 more positions out of range"));
  }

  @Test
  void aPolygonAcrossTheAntimeridianMustBeSplit() {
    assertThat(GeometryCheck.validate(Toy.box(-170, 0, 170, 1)))
        .extracting(GeometryProblem::path)
        .containsExactly("/coordinates");
  }
}
