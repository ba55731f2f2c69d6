package org.guarantor.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.domain.territory.GeometryCheck;
import org.guarantor.domain.territory.GeometryProblem;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Builds one JTS geometry from a GeoJSON tree, collecting every problem with its path; each level
 * returns null once a problem is found below it. Single use, not thread-safe (one per read).
 */
final class GeometryReader {
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private final List<GeometryProblem> problems = new ArrayList<>();
  private int positions;

  Geometry geometry(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      return fail(path, "expected a GeoJSON geometry object");
    }
    JsonNode typeNode = node.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      return fail(path + "/type", "expected the geometry type as a string");
    }
    String type = typeNode.asText();
    if (type.equals("Feature")) {
      return geometry(node.get("geometry"), path + "/geometry");
    }
    if (type.equals("GeometryCollection")) {
      return collection(node.get("geometries"), path + "/geometries");
    }
    JsonNode coordinates = node.get("coordinates");
    String at = path + "/coordinates";
    if (coordinates == null) {
      return fail(at, "missing coordinates");
    }
    return switch (type) {
      case "Point" -> point(coordinates, at);
      case "MultiPoint" -> multiPoint(coordinates, at);
      case "LineString" -> line(coordinates, at);
      case "MultiLineString" -> multiLine(coordinates, at);
      case "Polygon" -> polygon(coordinates, at);
      case "MultiPolygon" -> multiPolygon(coordinates, at);
      default ->
          fail(
              path + "/type",
              "unknown geometry type \""
                  + type
                  + "\"; expected Point, MultiPoint, LineString, MultiLineString, Polygon,"
                  + " MultiPolygon, GeometryCollection or Feature");
    };
  }

  private Geometry collection(JsonNode array, String path) {
    if (!isArray(array, path)) {
      return null;
    }
    Geometry[] parts = new Geometry[array.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = geometry(array.get(i), path + "/" + i);
    }
    return problems.isEmpty() ? WGS84.createGeometryCollection(parts) : null;
  }

  private Point point(JsonNode coordinates, String path) {
    if (coordinates.isArray() && coordinates.isEmpty()) {
      return WGS84.createPoint();
    }
    Coordinate c = position(coordinates, path);
    return c == null ? null : WGS84.createPoint(c);
  }

  private MultiPoint multiPoint(JsonNode coordinates, String path) {
    Coordinate[] cs = positions(coordinates, path);
    return cs == null ? null : WGS84.createMultiPointFromCoords(cs);
  }

  private LineString line(JsonNode coordinates, String path) {
    Coordinate[] cs = positions(coordinates, path);
    if (cs == null) {
      return null;
    }
    if (cs.length == 1) {
      return fail(path, "a line needs at least 2 positions");
    }
    return WGS84.createLineString(cs);
  }

  private MultiLineString multiLine(JsonNode coordinates, String path) {
    if (!isArray(coordinates, path)) {
      return null;
    }
    LineString[] lines = new LineString[coordinates.size()];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = line(coordinates.get(i), path + "/" + i);
    }
    return problems.isEmpty() ? WGS84.createMultiLineString(lines) : null;
  }

  private Polygon polygon(JsonNode coordinates, String path) {
    if (!isArray(coordinates, path)) {
      return null;
    }
    if (coordinates.isEmpty()) {
      return WGS84.createPolygon();
    }
    LinearRing[] rings = new LinearRing[coordinates.size()];
    for (int i = 0; i < rings.length; i++) {
      rings[i] = ring(coordinates.get(i), path + "/" + i);
    }
    if (!problems.isEmpty()) {
      return null;
    }
    LinearRing[] holes = new LinearRing[rings.length - 1];
    System.arraycopy(rings, 1, holes, 0, holes.length);
    return WGS84.createPolygon(rings[0], holes);
  }

  private MultiPolygon multiPolygon(JsonNode coordinates, String path) {
    if (!isArray(coordinates, path)) {
      return null;
    }
    Polygon[] polygons = new Polygon[coordinates.size()];
    for (int i = 0; i < polygons.length; i++) {
      polygons[i] = polygon(coordinates.get(i), path + "/" + i);
    }
    return problems.isEmpty() ? WGS84.createMultiPolygon(polygons) : null;
  }

  private LinearRing ring(JsonNode node, String path) {
    Coordinate[] cs = positions(node, path);
    if (cs == null) {
      return null;
    }
    if (cs.length < 4) {
      return fail(
          path, "a ring needs at least 4 positions (first repeated as last); it has " + cs.length);
    }
    Coordinate first = cs[0];
    Coordinate last = cs[cs.length - 1];
    if (!first.equals2D(last)) {
      return fail(
          path + "/" + (cs.length - 1),
          "ring is not closed: the last position ["
              + last.x
              + ", "
              + last.y
              + "] must repeat the first ["
              + first.x
              + ", "
              + first.y
              + "]");
    }
    return WGS84.createLinearRing(cs);
  }

  private Coordinate[] positions(JsonNode node, String path) {
    if (!isArray(node, path)) {
      return null;
    }
    positions += node.size();
    if (positions > GeometryCheck.MAX_VERTICES) {
      return fail(
          path, "more than " + GeometryCheck.MAX_VERTICES + " positions; that is the limit");
    }
    Coordinate[] cs = new Coordinate[node.size()];
    boolean ok = true;
    for (int i = 0; i < cs.length; i++) {
      cs[i] = position(node.get(i), path + "/" + i);
      ok &= cs[i] != null;
    }
    return ok ? cs : null;
  }

  private Coordinate position(JsonNode node, String path) {
    if (node == null || !node.isArray() || node.size() < 2) {
      return fail(path, "expected a position [longitude, latitude]");
    }
    // A third number (altitude) is allowed by RFC 7946 and ignored: scope is a 2-D question.
    boolean ok = true;
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isNumber()) {
        fail(path + "/" + i, "expected a number");
        ok = false;
      }
    }
    return ok ? new Coordinate(node.get(0).asDouble(), node.get(1).asDouble()) : null;
  }

  private boolean isArray(JsonNode node, String path) {
    if (node == null || !node.isArray()) {
      fail(path, "expected an array");
      return false;
    }
    return true;
  }

  private <T> T fail(String path, String message) {
    problems.add(new GeometryProblem(path, message));
    return null;
  }

  List<GeometryProblem> problems() {
    return problems;
  }
}
