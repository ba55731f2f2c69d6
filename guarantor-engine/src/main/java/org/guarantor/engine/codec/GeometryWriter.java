package org.guarantor.engine.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes JTS geometries as GeoJSON with every coordinate at full double precision, so that a stored
 * geometry reads back bit for bit (JTS's own writer rounds to a fixed number of decimals, which
 * would make a replayed state differ from the live one).
 */
final class GeometryWriter {
  private GeometryWriter() {}

  static void write(Geometry g, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", g.getGeometryType());
    if (g instanceof GeometryCollection c
        && !(g instanceof MultiPoint)
        && !(g instanceof MultiLineString)
        && !(g instanceof MultiPolygon)) {
      gen.writeArrayFieldStart("geometries");
      for (int i = 0; i < c.getNumGeometries(); i++) {
        write(c.getGeometryN(i), gen);
      }
      gen.writeEndArray();
    } else {
      gen.writeFieldName("coordinates");
      coordinates(g, gen);
    }
    gen.writeEndObject();
  }

  private static void coordinates(Geometry g, JsonGenerator gen) throws IOException {
    if (g instanceof Point p) {
      if (p.isEmpty()) {
        gen.writeStartArray();
        gen.writeEndArray();
      } else {
        position(p.getCoordinate(), gen);
      }
    } else if (g instanceof LineString l) {
      positions(l.getCoordinates(), gen);
    } else if (g instanceof Polygon p) {
      gen.writeStartArray();
      if (!p.isEmpty()) {
        positions(p.getExteriorRing().getCoordinates(), gen);
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
          positions(p.getInteriorRingN(i).getCoordinates(), gen);
        }
      }
      gen.writeEndArray();
    } else {
      gen.writeStartArray();
      for (int i = 0; i < g.getNumGeometries(); i++) {
        coordinates(g.getGeometryN(i), gen);
      }
      gen.writeEndArray();
    }
  }

  private static void positions(Coordinate[] cs, JsonGenerator gen) throws IOException {
    gen.writeStartArray();
    for (Coordinate c : cs) {
      position(c, gen);
    }
    gen.writeEndArray();
  }

  private static void position(Coordinate c, JsonGenerator gen) throws IOException {
    gen.writeStartArray();
    gen.writeNumber(c.x);
    gen.writeNumber(c.y);
    gen.writeEndArray();
  }
}
