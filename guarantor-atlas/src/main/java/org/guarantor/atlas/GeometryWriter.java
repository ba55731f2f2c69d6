package org.guarantor.atlas;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes a JTS geometry as a GeoJSON tree: every double in its shortest exact form (lossless), or
 * rounded to a number of decimals. Immutable and thread-safe.
 */
final class GeometryWriter {
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private final int decimals;

  GeometryWriter(int decimals) {
    this.decimals = decimals;
  }

  ObjectNode geometry(Geometry g) {
    ObjectNode node = nodes.objectNode();
    node.put("type", g.getGeometryType());
    if (g instanceof Point p) {
      node.set("coordinates", p.isEmpty() ? nodes.arrayNode() : position(p.getCoordinate()));
    } else if (g instanceof LineString l) {
      node.set("coordinates", sequence(l.getCoordinateSequence()));
    } else if (g instanceof Polygon p) {
      node.set("coordinates", polygon(p));
    } else if (g instanceof MultiPoint
        || g instanceof MultiLineString
        || g instanceof MultiPolygon) {
      ArrayNode parts = node.putArray("coordinates");
      for (int i = 0; i < g.getNumGeometries(); i++) {
        parts.add(geometry(g.getGeometryN(i)).get("coordinates"));
      }
    } else if (g instanceof GeometryCollection) {
      ArrayNode parts = node.putArray("geometries");
      for (int i = 0; i < g.getNumGeometries(); i++) {
        parts.add(geometry(g.getGeometryN(i)));
      }
    } else {
      throw new IllegalArgumentException("unsupported geometry " + g.getGeometryType());
    }
    return node;
  }

  private ArrayNode polygon(Polygon p) {
    ArrayNode rings = nodes.arrayNode();
    if (p.isEmpty()) {
      return rings;
    }
    rings.add(sequence(p.getExteriorRing().getCoordinateSequence()));
    for (int i = 0; i < p.getNumInteriorRing(); i++) {
      rings.add(sequence(p.getInteriorRingN(i).getCoordinateSequence()));
    }
    return rings;
  }

  private ArrayNode sequence(CoordinateSequence seq) {
    ArrayNode out = nodes.arrayNode();
    for (int i = 0; i < seq.size(); i++) {
      out.add(position(seq.getCoordinate(i)));
    }
    return out;
  }

  private ArrayNode position(Coordinate c) {
    ArrayNode out = nodes.arrayNode();
    if (decimals < 0) {
      out.add(c.x).add(c.y);
    } else {
      out.add(round(c.x)).add(round(c.y));
    }
    return out;
  }

  private BigDecimal round(double v) {
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
  }
}
