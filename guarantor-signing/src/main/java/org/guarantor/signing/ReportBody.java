package org.guarantor.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.atlas.GeoJson;
import org.guarantor.atlas.GeoJsonResult;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.territory.GeometryProblem;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Parses the body of {@code POST /api/v1/reports}, collecting every problem with its field path
 * rather than stopping at the first.
 *
 * <p>{@code location} is either {@code {"lat": 50.45, "lon": 30.52}} or a GeoJSON geometry ({@code
 * {"type": "Point", "coordinates": [lon, lat]}}, Polygon, MultiPolygon).
 */
final class ReportBody {
  private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);
  private static final List<String> FIELDS =
      List.of("key", "type", "severity", "location", "observedAt", "description");

  record Parsed(String key, ThreatReport report) {}

  private ReportBody() {}

  static Parsed parse(JsonNode body) {
    List<Reason> r = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw CommandReader.notAnObject();
    }
    r.addAll(CommandReader.unknownFields(body, FIELDS));
    String key = text(body, "key", r, true);
    ThreatType type = null;
    String typeText = text(body, "type", r, true);
    if (typeText != null) {
      // Only the shape is known here: which threat types there are is the treaty in force's to
      // say, and the decision refuses one it does not declare, naming those it does.
      if (ThreatType.isCode(typeText)) {
        type = ThreatType.of(typeText);
      } else {
        r.add(
            Reason.of(
                "/type",
                ReasonType.INVALID_VALUE,
                typeText,
                "threat type",
                "expected a threat type of the treaty in force, e.g. AIR_ATTACK"));
      }
    }
    int severity = 0;
    JsonNode sev = body.get("severity");
    if (sev == null || sev.isNull()) {
      r.add(Reason.of("/severity", ReasonType.REQUIRED, "severity"));
    } else if (!sev.isIntegralNumber()) {
      r.add(
          Reason.of(
              "/severity",
              ReasonType.INVALID_VALUE,
              sev.toString(),
              "severity",
              "expected 1 to 5"));
    } else {
      severity = sev.asInt();
      if (severity < 1 || severity > 5) {
        r.add(Reason.of("/severity", ReasonType.OUT_OF_RANGE, "severity", 1, 5, sev.asText()));
      }
    }
    Geometry location = location(body.get("location"), r);
    Instant observedAt = null;
    String obs = text(body, "observedAt", r, true);
    if (obs != null) {
      try {
        observedAt = Instant.parse(obs);
      } catch (DateTimeParseException e) {
        r.add(
            Reason.of(
                "/observedAt",
                ReasonType.INVALID_VALUE,
                obs,
                "time",
                "expected ISO 8601 UTC, e.g. 2026-11-28T06:30:00Z"));
      }
    }
    String description = text(body, "description", r, false);
    if (!r.isEmpty()) {
      throw new RequestRefused(422, r);
    }
    return new Parsed(key, new ThreatReport(type, severity, location, observedAt, description));
  }

  private static String text(JsonNode body, String field, List<Reason> r, boolean required) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        r.add(Reason.of("/" + field, ReasonType.REQUIRED, field));
      }
      return null;
    }
    if (!n.isTextual()) {
      r.add(
          Reason.of(
              "/" + field, ReasonType.INVALID_VALUE, n.toString(), field, "expected a string"));
      return null;
    }
    return n.asText();
  }

  private static Geometry location(JsonNode n, List<Reason> r) {
    if (n == null || n.isNull()) {
      r.add(Reason.of("/location", ReasonType.REQUIRED, "location"));
      return null;
    }
    if (!n.isObject()) {
      r.add(invalidLocation("expected {\"lat\":…, \"lon\":…} or a GeoJSON geometry"));
      return null;
    }
    if (n.has("lat") || n.has("lon")) {
      Double lat = coordinate(n, "lat", -90, 90, r);
      Double lon = coordinate(n, "lon", -180, 180, r);
      return lat == null || lon == null ? null : GEOMETRY.createPoint(new Coordinate(lon, lat));
    }
    if (!n.has("type")) {
      r.add(invalidLocation("expected {\"lat\":…, \"lon\":…} or a GeoJSON geometry"));
      return null;
    }
    GeoJsonResult parsed = GeoJson.readLocation(n, "/location");
    if (!parsed.valid()) {
      for (GeometryProblem p : parsed.problems()) {
        r.add(Reason.of(p.path(), ReasonType.INVALID_GEOMETRY, p.message()));
      }
      return null;
    }
    return parsed.geometry();
  }

  private static Double coordinate(JsonNode n, String f, double min, double max, List<Reason> r) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) {
      r.add(Reason.of("/location/" + f, ReasonType.REQUIRED, "location." + f));
      return null;
    }
    if (!v.isNumber()) {
      r.add(
          Reason.of(
              "/location/" + f, ReasonType.INVALID_VALUE, v.toString(), f, "expected a number"));
      return null;
    }
    double d = v.asDouble();
    if (!(d >= min && d <= max)) {
      r.add(Reason.of("/location/" + f, ReasonType.OUT_OF_RANGE, f, min, max, v.asText()));
      return null;
    }
    return d;
  }

  private static Reason invalidLocation(String why) {
    return Reason.of("/location", ReasonType.INVALID_VALUE, "location", "location", why);
  }
}
