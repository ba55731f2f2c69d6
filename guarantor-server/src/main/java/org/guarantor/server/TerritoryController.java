package org.guarantor.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.territory.NamedArea;
import org.guarantor.domain.territory.Region;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.domain.treaty.Treaty;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * Where the guarantees apply: the covered territory and its exclusions as GeoJSON, a check of one
 * point without filing anything, and the country outlines of the offline base map. Responses are
 * built once per treaty version and detail, then served from memory.
 */
final class TerritoryController {
  /** About 1 km: small enough to read, a few hundred kilobytes for the bundled territory. */
  static final double DISPLAY_TOLERANCE = 0.01;

  /** About 5 km: country outlines are background only. */
  static final double BASE_MAP_TOLERANCE = 0.05;

  private final Api api;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  TerritoryController(Api api) {
    this.api = api;
  }

  /**
   * {@code GET /api/v1/territory[?detail=full]}: a FeatureCollection of covered, waters, excluded.
   */
  void territory(Context ctx) {
    api.actor(ctx);
    Treaty treaty = api.treaty();
    String detail = ctx.queryParamAsClass("detail", String.class).getOrDefault("display");
    if (!detail.equals("display") && !detail.equals("full")) {
      throw ApiError.of(
          400,
          "/query/detail",
          ReasonType.INVALID_VALUE,
          detail,
          "detail",
          "expected display or full");
    }
    boolean full = detail.equals("full");
    String body =
        cache.computeIfAbsent(
            "territory#" + treaty.id() + "#" + treaty.version() + "#" + detail,
            k -> territoryJson(treaty, full));
    ctx.contentType("application/geo+json").result(body);
  }

  private String territoryJson(Treaty treaty, boolean full) {
    CoveredTerritory t = api.engine.state().territory(treaty);
    double tol = full ? 0 : DISPLAY_TOLERANCE;
    ObjectNode fc = Api.MAPPER.createObjectNode();
    fc.put("type", "FeatureCollection");
    fc.put("territoryVersion", treaty.territory().version());
    fc.put("treatyVersion", treaty.version());
    fc.put("source", api.engine.state().atlas().source());
    ArrayNode features = fc.putArray("features");
    feature(
        features,
        "covered",
        treaty.territory().version(),
        "Covered territory",
        simplify(t.coveredLand(), tol));
    for (NamedArea w : t.territorialWaters()) {
      feature(
          features,
          "waters",
          w.code(),
          "Territorial waters off " + w.name(),
          simplify(w.geometry(), tol));
    }
    for (NamedArea x : full ? t.exclusions() : t.exclusions(tol)) {
      feature(features, "excluded", x.code(), x.name(), x.geometry());
    }
    return fc.toString();
  }

  /** {@code GET /api/v1/territory/check?lat=&lon=[&at=]}: the scope answer, nothing filed. */
  void check(Context ctx) {
    api.actor(ctx);
    double lat = coordinate(ctx, "lat", 90);
    double lon = coordinate(ctx, "lon", 180);
    Instant at = api.engine.clock().instant();
    String atText = ctx.queryParam("at");
    if (atText != null && !atText.isBlank()) {
      try {
        at = Instant.parse(atText);
      } catch (DateTimeParseException e) {
        throw ApiError.of(
            400, "/query/at", ReasonType.INVALID_VALUE, atText, "at", "expected ISO 8601 UTC");
      }
    }
    Treaty treaty = api.engine.state().treatyAt(at).orElse(api.treaty());
    ScopeAnswer a = api.engine.state().territory(treaty).check(lat, lon);
    ObjectNode out = Api.MAPPER.createObjectNode();
    out.put("inScope", a.inScope());
    out.put("cause", a.cause().name());
    out.put("code", a.code());
    out.put("name", a.name());
    out.put("explanation", a.explanation());
    out.put("territoryVersion", treaty.territory().version());
    out.put("treatyVersion", treaty.version());
    ctx.contentType("application/json").result(out.toString());
  }

  /** {@code GET /api/v1/atlas/countries}: simplified country outlines for the offline base map. */
  void countries(Context ctx) {
    String body =
        cache.computeIfAbsent(
            "countries",
            k -> {
              ObjectNode fc = Api.MAPPER.createObjectNode();
              fc.put("type", "FeatureCollection");
              fc.put("source", api.engine.state().atlas().source());
              ArrayNode features = fc.putArray("features");
              for (Region c : api.engine.state().atlas().countries()) {
                feature(
                    features,
                    "country",
                    c.code(),
                    c.name(),
                    simplify(c.geometry(), BASE_MAP_TOLERANCE));
              }
              return fc.toString();
            });
    ctx.header("Cache-Control", "max-age=3600").contentType("application/geo+json").result(body);
  }

  private static void feature(
      ArrayNode features, String kind, String code, String name, Geometry g) {
    if (g.isEmpty()) {
      return;
    }
    ObjectNode f = features.addObject();
    f.put("type", "Feature");
    ObjectNode p = f.putObject("properties");
    p.put("kind", kind);
    p.put("code", code);
    p.put("name", name);
    f.set("geometry", Api.MAPPER.valueToTree(g));
  }

  private static Geometry simplify(Geometry g, double tolerance) {
    return tolerance <= 0 ? g : TopologyPreservingSimplifier.simplify(g, tolerance);
  }

  private static double coordinate(Context ctx, String name, double limit) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      throw ApiError.of(400, "/query/" + name, ReasonType.REQUIRED, name);
    }
    try {
      double d = Double.parseDouble(v);
      if (!(d >= -limit && d <= limit)) {
        throw ApiError.of(400, "/query/" + name, ReasonType.OUT_OF_RANGE, name, -limit, limit, v);
      }
      return d;
    } catch (NumberFormatException e) {
      throw ApiError.of(
          400, "/query/" + name, ReasonType.INVALID_VALUE, v, name, "expected a number");
    }
  }
}
