package org.guarantor.atlas;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.guarantor.domain.territory.GeometryCheck;
import org.guarantor.domain.territory.GeometryProblem;
import org.locationtech.jts.geom.Geometry;

/**
 * GeoJSON (RFC 7946) geometries to and from JTS. Stateless and thread-safe.
 *
 * <p>Reading never throws on bad input: it returns every problem it can name with a JSON-pointer
 * path into the input (e.g. {@code /location/coordinates/0/3/1: expected a number}), so an API can
 * answer "this field, this reason". Structure is checked here (types, nesting, numbers, closed
 * rings of at least four positions, at most {@value GeometryCheck#MAX_VERTICES} positions, counted
 * before anything is built); {@link #readLocation} then applies the domain's {@link GeometryCheck}
 * (ranges, self-intersection). A Feature is accepted and read through its {@code geometry} member.
 *
 * <p>Writing emits {@code type} and {@code coordinates} (or {@code geometries}) only, with every
 * double in its shortest exact decimal form, so writing and reading back is lossless; or with a
 * fixed number of decimals for display.
 */
public final class GeoJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GeoJson() {}

  /** Reads a geometry from JSON text; paths start at the root ({@code ""}). */
  public static GeoJsonResult read(String json) {
    return read(json, "");
  }

  /**
   * Reads a geometry from JSON text; {@code path} is the text's own path, e.g. {@code /location}.
   */
  public static GeoJsonResult read(String json, String path) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      return GeoJsonResult.invalid(
          List.of(
              new GeometryProblem(path, "malformed JSON" + where + ": " + e.getOriginalMessage())));
    }
    return read(node, path);
  }

  /** Reads a geometry from a JSON tree; {@code path} is the node's own path. */
  public static GeoJsonResult read(JsonNode node, String path) {
    GeometryReader reader = new GeometryReader();
    Geometry g = reader.geometry(node, path);
    return g == null ? GeoJsonResult.invalid(reader.problems()) : GeoJsonResult.of(g);
  }

  /**
   * Reads a report location: {@link #read(JsonNode, String)} followed by {@link
   * GeometryCheck#validate(Geometry, String)} (Point, Polygon or MultiPolygon; ranges; topology).
   */
  public static GeoJsonResult readLocation(JsonNode node, String path) {
    return checked(read(node, path), g -> GeometryCheck.validate(g, path));
  }

  /** {@link #readLocation(JsonNode, String)} from JSON text. */
  public static GeoJsonResult readLocation(String json, String path) {
    return checked(read(json, path), g -> GeometryCheck.validate(g, path));
  }

  /**
   * Reads a custom area (Polygon or MultiPolygon) of a territory definition: {@link #read(JsonNode,
   * String)} followed by {@link GeometryCheck#validateArea}.
   */
  public static GeoJsonResult readArea(JsonNode node, String path) {
    return checked(read(node, path), g -> GeometryCheck.validateArea(g, path));
  }

  /** {@link #readArea(JsonNode, String)} from JSON text. */
  public static GeoJsonResult readArea(String json, String path) {
    return checked(read(json, path), g -> GeometryCheck.validateArea(g, path));
  }

  private static GeoJsonResult checked(
      GeoJsonResult parsed, Function<Geometry, List<GeometryProblem>> check) {
    if (!parsed.valid()) {
      return parsed;
    }
    List<GeometryProblem> problems = check.apply(parsed.geometry());
    return problems.isEmpty() ? parsed : GeoJsonResult.invalid(problems);
  }

  /** The geometry as GeoJSON text, lossless. */
  public static String write(Geometry g) {
    return toNode(g).toString();
  }

  /** The geometry as a GeoJSON tree, lossless. */
  public static ObjectNode toNode(Geometry g) {
    return new GeometryWriter(-1).geometry(g);
  }

  /**
   * The geometry as a GeoJSON tree with coordinates rounded half-up to {@code decimals} places (6
   * places is about 10 cm), for display payloads.
   */
  public static ObjectNode toNode(Geometry g, int decimals) {
    if (decimals < 0 || decimals > 15) {
      throw new IllegalArgumentException("decimals must be within 0..15: " + decimals);
    }
    return new GeometryWriter(decimals).geometry(g);
  }
}
