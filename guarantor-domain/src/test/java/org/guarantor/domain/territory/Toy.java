package org.guarantor.domain.territory;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * A hand-made atlas on the equator, where a degree is the same length both ways.
 *
 * <pre>
 *   y=2 +----------------+--------+
 *       |      A-3       |        |
 *   y=1 +-------+--------+  BBB   |
 *       |  A-1  |  A-2   |        |
 *   y=0 +-------+--------+--------+
 *      x=0     x=1      x=2      x=3
 * </pre>
 *
 * Country AAA has regions; BBB is another state; all else is sea.
 */
final class Toy {
  static final GeometryFactory GF = new GeometryFactory();

  static final Atlas ATLAS =
      new Atlas(
          List.of(
              new Region("A-1", "Alpha One", "AAA", box(0, 0, 1, 1)),
              new Region("A-2", "Alpha Two", "AAA", box(1, 0, 2, 1)),
              new Region("A-3", "Alpha Three", "AAA", box(0, 1, 2, 2))),
          List.of(
              new Region("AAA", "Alphaland", "AAA", box(0, 0, 2, 2)),
              new Region("BBB", "Betaland", "BBB", box(2, 0, 3, 2))));

  private Toy() {}

  static Polygon box(double x0, double y0, double x1, double y1) {
    return GF.createPolygon(
        new Coordinate[] {
          new Coordinate(x0, y0),
          new Coordinate(x1, y0),
          new Coordinate(x1, y1),
          new Coordinate(x0, y1),
          new Coordinate(x0, y0)
        });
  }

  static Polygon polygon(double... xy) {
    Coordinate[] cs = new Coordinate[xy.length / 2];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
    }
    return GF.createPolygon(cs);
  }

  static TerritoryDefinition definition(
      List<String> include, List<String> exclude, List<CustomArea> custom, double watersNm) {
    return new TerritoryDefinition("test", include, exclude, custom, watersNm);
  }

  static CoveredTerritory build(
      List<String> include, List<String> exclude, List<CustomArea> custom, double watersNm) {
    return CoveredTerritory.build(ATLAS, definition(include, exclude, custom, watersNm));
  }

  static Geometry point(double x, double y) {
    return GF.createPoint(new Coordinate(x, y));
  }
}
