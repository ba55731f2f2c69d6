package org.guarantor.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.guarantor.domain.territory.GeometryProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;

class GeoJsonTest {
  private static final String SQUARE =
      "{\"type\":\"Polygon\",\"coordinates\":[[[30,46],[31,46],[31,47],[30,47],[30,46]]]}";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"Point\",\"coordinates\":[30.5234,50.4501]}",
        "{\"type\":\"MultiPoint\",\"coordinates\":[[30.5,50.4],[31.1,49.9]]}",
        "{\"type\":\"LineString\",\"coordinates\":[[30.5,50.4],[31.1,49.9]]}",
        "{\"type\":\"MultiLineString\",\"coordinates\":[[[30.5,50.4],[31.1,49.9]]]}",
        "{\"type\":\"Polygon\",\"coordinates\":[[[30.0,46.0],[31.0,46.0],[31.0,47.0],[30.0,47.0],[30.0,46.0]],"
            + "[[30.2,46.2],[30.2,46.4],[30.4,46.4],[30.2,46.2]]]}",
        "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[30.0,46.0],[31.0,46.0],[31.0,47.0],[30.0,46.0]]],"
            + "[[[32.0,46.0],[33.0,46.0],[33.0,47.0],[32.0,46.0]]]]}",
        "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1.0,2.0]}]}"
      })
  void writingWhatWasReadGivesTheSameText(String json) {
    assertThat(GeoJson.write(GeoJson.read(json).orElseThrow())).isEqualTo(json);
  }

  @Test
  void everyRegionOfTheAtlasRoundTripsLosslessly() {
    for (var r : NaturalEarthAtlas.load().regions()) {
      Geometry back = GeoJson.read(GeoJson.write(r.geometry())).orElseThrow();
      assertThat(back.equalsExact(r.geometry())).as(r.code()).isTrue();
    }
  }

  @Test
  void aFeatureIsReadThroughItsGeometry() {
    GeoJsonResult r =
        GeoJson.read("{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + SQUARE + "}");
    assertThat(r.valid()).isTrue();
    assertThat(r.geometry().getArea()).isEqualTo(1);
  }

  @Test
  void displayOutputRoundsCoordinates() {
    Geometry p =
        GeoJson.read("{\"type\":\"Point\",\"coordinates\":[30.52341234,50.45019876]}")
            .orElseThrow();
    assertThat(GeoJson.toNode(p, 4).toString())
        .isEqualTo("{\"type\":\"Point\",\"coordinates\":[30.5234,50.4502]}");
  }

  @Test
  void malformedJsonSaysWhere() {
    GeometryProblem p = single(GeoJson.read("{\"type\":\"Point\",", "/location"));
    assertThat(p.path()).isEqualTo("/location");
    assertThat(p.message()).startsWith("malformed JSON at line 1, column ");
  }

  @Test
  void anUnknownTypeIsNamed() {
    GeometryProblem p =
        single(GeoJson.read("{\"type\":\"Circle\",\"coordinates\":[1,2]}", "/location"));
    assertThat(p.path()).isEqualTo("/location/type");
    assertThat(p.message()).startsWith("unknown geometry type \"Circle\"");
  }

  @Test
  void aMissingTypeOrCoordinates() {
    assertThat(single(GeoJson.read("{\"coordinates\":[1,2]}", "/location")).path())
        .isEqualTo("/location/type");
    assertThat(single(GeoJson.read("{\"type\":\"Point\"}", "/location")).path())
        .isEqualTo("/location/coordinates");
    assertThat(single(GeoJson.read("[1,2]", "/location")).message())
        .isEqualTo("expected a GeoJSON geometry object");
  }

  @Test
  void aNumberGivenAsTextNamesTheOrdinate() {
    GeometryProblem p =
        single(
            GeoJson.read(
                "{\"type\":\"Polygon\",\"coordinates\":[[[30,46],[31,46],[31,\"47\"],[30,47],[30,46]]]}",
                "/location"));
    assertThat(p)
        .isEqualTo(new GeometryProblem("/location/coordinates/0/2/1", "expected a number"));
  }

  @Test
  void anUnclosedRingNamesItsLastPosition() {
    GeometryProblem p =
        single(
            GeoJson.read(
                "{\"type\":\"Polygon\",\"coordinates\":[[[30,46],[31,46],[31,47],[30,47]]]}",
                "/location"));
    assertThat(p.path()).isEqualTo("/location/coordinates/0/3");
    assertThat(p.message())
        .isEqualTo(
            "ring is not closed: the last position [30.0, 47.0] must repeat the first [30.0, 46.0]");
  }

  @Test
  void aRingNeedsFourPositions() {
    GeometryProblem p =
        single(GeoJson.read("{\"type\":\"Polygon\",\"coordinates\":[[[30,46],[31,46],[30,46]]]}"));
    assertThat(p.path()).isEqualTo("/coordinates/0");
    assertThat(p.message()).contains("at least 4 positions");
  }

  @Test
  void aPositionNeedsTwoNumbers() {
    assertThat(single(GeoJson.read("{\"type\":\"Point\",\"coordinates\":[30]}")).path())
        .isEqualTo("/coordinates");
  }

  @Test
  void tooManyPositionsAreRefusedBeforeAnythingIsBuilt() {
    String ring =
        IntStream.range(0, 100_001)
            .mapToObj(i -> "[" + (i % 2) + "," + i * 1e-4 + "]")
            .collect(Collectors.joining(","));
    GeometryProblem p =
        single(
            GeoJson.read("{\"type\":\"LineString\",\"coordinates\":[" + ring + "]}", "/location"));
    assertThat(p.path()).isEqualTo("/location/coordinates");
    assertThat(p.message()).contains("100000");
  }

  @Test
  void aLocationIsAlsoCheckedForRangeAndTopology() {
    assertThat(GeoJson.readLocation(SQUARE, "/location").valid()).isTrue();
    GeometryProblem outOfRange =
        single(GeoJson.readLocation("{\"type\":\"Point\",\"coordinates\":[30,95]}", "/location"));
    assertThat(outOfRange)
        .isEqualTo(
            new GeometryProblem("/location/coordinates/1", "latitude 95.0 is outside -90..90"));
    GeometryProblem bowTie =
        single(
            GeoJson.readLocation(
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[0,1],[1,0],[1,1],[0,0]]]}",
                "/location"));
    assertThat(bowTie.path()).isEqualTo("/location/coordinates/0/1");
    assertThat(bowTie.message()).startsWith("ring intersects itself");
    assertThat(
            single(
                    GeoJson.readLocation(
                        "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}", "/location"))
                .path())
        .isEqualTo("/location/type");
  }

  @Test
  void anAreaMustBePolygonal() {
    GeometryProblem p =
        single(
            GeoJson.readArea(
                GeoJson.toNode(
                    GeoJson.read("{\"type\":\"Point\",\"coordinates\":[1,2]}").orElseThrow()),
                "/custom/0/geometry"));
    assertThat(p.path()).isEqualTo("/custom/0/geometry/type");
  }

  @Test
  void anInvalidResultRefusesToGiveAGeometry() {
    assertThatThrownBy(() -> GeoJson.read("{}").orElseThrow())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/type");
  }

  private static GeometryProblem single(GeoJsonResult r) {
    assertThat(r.valid()).isFalse();
    assertThat(r.problems()).hasSize(1);
    return r.problems().get(0);
  }
}
