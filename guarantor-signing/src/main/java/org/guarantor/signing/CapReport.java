package org.guarantor.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.guarantor.atlas.GeoJson;
import org.guarantor.atlas.GeoJsonResult;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.territory.GeometryProblem;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads an OASIS CAP 1.2 alert as the body of {@code POST /api/v1/reports}: a protected state's
 * warning system files its alert as it is, and it becomes the same report command as the JSON body
 * (docs/interop.md has the mapping). The XML is parsed with DTDs refused outright, so no entity,
 * external or internal, is ever expanded (XXE file reads, "billion laughs"), and nothing is fetched
 * from the network; it is then validated against the CAP 1.2 schema before anything is read from
 * it. Stateless and thread-safe.
 */
public final class CapReport {
  /** The CAP 1.2 namespace. */
  public static final String NS = "urn:oasis:names:tc:emergency:cap:1.2";

  /** The media type of a CAP alert (RFC 8574 names it; CAP 1.2 itself predates it). */
  public static final String MEDIA_TYPE = "application/cap+xml";

  /** The {@code eventCode} / {@code parameter} name that carries a threat type exactly. */
  public static final String THREAT_TYPE = "urn:guarantor:threat-type";

  /** The {@code parameter} name that carries a severity (1 to 5) exactly. */
  public static final String SEVERITY = "urn:guarantor:severity";

  private static final Schema SCHEMA = loadSchema();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CIRCLE_SIDES = 32;
  private static final double KM_PER_DEGREE = 111.32;

  private CapReport() {}

  /**
   * The CAP 1.2 schema, compiled once with every external access refused (it needs none). Public so
   * that tests validate what the server writes against the very schema it reads with.
   */
  public static Schema schema() {
    return SCHEMA;
  }

  private static Schema loadSchema() {
    try {
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return f.newSchema(CapReport.class.getResource("cap-1.2.xsd"));
    } catch (SAXException e) {
      throw new IllegalStateException("the bundled CAP 1.2 schema does not load", e);
    }
  }

  /**
   * Parses XML text with DTDs refused and no external access: the one way this project reads XML
   * from outside.
   *
   * @throws RequestRefused 400 naming the problem: a DOCTYPE (DTDs and entities are refused) or XML
   *     that is not well formed
   */
  public static Document parseSecurely(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      b.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entity " + systemId + " refused");
          });
      return b.parse(new InputSource(new StringReader(xml)));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a secure feature", e);
    } catch (SAXParseException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("DOCTYPE")) {
        throw refused(
            400,
            "",
            "DOCTYPE",
            "CAP alert",
            "a document type declaration (DTD) is refused, and with it every entity: send the"
                + " alert without <!DOCTYPE …>");
      }
      throw refused(
          400,
          "",
          "body",
          "XML document",
          m + " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")");
    } catch (SAXException | IOException e) {
      throw refused(400, "", "body", "XML document", String.valueOf(e.getMessage()));
    }
  }

  /**
   * The report a CAP alert files.
   *
   * @throws RequestRefused 400 for XML that is not well formed or carries a DTD, or that is no
   *     valid CAP 1.2 alert; 422 naming each part that cannot be mapped to a report
   */
  /**
   * Where in an alert its threat type was read from: {@code /alert/info/eventCode} when it gives
   * the event code {@value #THREAT_TYPE}, else {@code /alert/info/event}. For naming the field when
   * the treaty in force does not know the type read; the alert was read by {@link #parse} already,
   * so it is well formed.
   */
  public static String threatTypePath(String xml) {
    Element alert = parseSecurely(xml).getDocumentElement();
    for (Element info : children(alert, "info")) {
      for (Element code : children(info, "eventCode")) {
        if (THREAT_TYPE.equals(text(code, "valueName"))) {
          return "/alert/info/eventCode";
        }
      }
    }
    return "/alert/info/event";
  }

  static ReportBody.Parsed parse(String xml) {
    Document doc = parseSecurely(xml);
    Element alert = doc.getDocumentElement();
    if (!NS.equals(alert.getNamespaceURI()) || !"alert".equals(alert.getLocalName())) {
      throw refused(
          400,
          "",
          "<" + alert.getNodeName() + ">",
          "CAP 1.2 alert",
          "the root must be <alert xmlns=\"" + NS + "\">");
    }
    try {
      Validator v = schema().newValidator();
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      v.validate(new DOMSource(doc));
    } catch (SAXException e) {
      throw refused(400, "/alert", "alert", "CAP 1.2 alert", String.valueOf(e.getMessage()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<Reason> r = new ArrayList<>();
    String status = text(alert, "status");
    if (!status.equals("Actual") && !status.equals("Exercise")) {
      r.add(
          invalid(
              "/alert/status",
              status,
              "status",
              "only an Actual (or, on an exercise, Exercise) alert files a report"));
    }
    String msgType = text(alert, "msgType");
    if (!msgType.equals("Alert")) {
      r.add(
          invalid(
              "/alert/msgType",
              msgType,
              "msgType",
              "only msgType Alert files a report; to close an incident use its stand-down or"
                  + " resolve"));
    }
    String key = text(alert, "identifier");
    List<Element> infos = children(alert, "info");
    if (infos.isEmpty()) {
      r.add(Reason.of("/alert/info", ReasonType.REQUIRED, "info"));
      throw new RequestRefused(422, r);
    }
    if (infos.size() > 1) {
      r.add(
          invalid(
              "/alert/info",
              infos.size() + " <info> blocks",
              "report",
              "a report is one threat: send one <info> per alert"));
      throw new RequestRefused(422, r);
    }
    Element info = infos.get(0);
    ThreatType type = threatType(info, r);
    int severity = severity(info, r);
    var location = area(info, r);
    Instant observedAt = time(info, "onset").orElseGet(() -> time(alert, "sent").orElse(null));
    String description = text(info, "description");
    if (description.isEmpty()) {
      description = text(info, "headline");
    }
    if (!r.isEmpty()) {
      throw new RequestRefused(422, r);
    }
    return new ReportBody.Parsed(
        key, new ThreatReport(type, severity, location, observedAt, description));
  }

  private static ThreatType threatType(Element info, List<Reason> r) {
    List<String> categories = children(info, "category").stream().map(CapReport::text).toList();
    if (!categories.contains("Security") && !categories.contains("Infra")) {
      r.add(
          invalid(
              "/alert/info/category",
              String.join(",", categories),
              "category",
              "a threat under the treaty is category Security (or Infra for a cyber attack or"
                  + " sabotage)"));
    }
    for (Element code : children(info, "eventCode")) {
      if (THREAT_TYPE.equals(text(code, "valueName"))) {
        String value = text(code, "value");
        Optional<ThreatType> t = threatType(value);
        if (t.isEmpty()) {
          r.add(
              invalid(
                  "/alert/info/eventCode",
                  value,
                  "event code " + THREAT_TYPE,
                  "expected a threat type of the treaty in force, e.g. AIR_ATTACK"));
        }
        return t.orElse(null);
      }
    }
    String event = text(info, "event");
    Optional<ThreatType> t = threatType(event);
    if (t.isEmpty()) {
      r.add(
          invalid(
              "/alert/info/event",
              event,
              "event",
              "no threat type; name one of the treaty in force (its code such as AIR_ATTACK, or"
                  + " in words such as \"Air attack\") or give the eventCode "
                  + THREAT_TYPE));
    }
    return t.orElse(null);
  }

  /**
   * The code that words name: "Air attack" and "air-attack" name AIR_ATTACK. Whether the treaty in
   * force declares it is for the decision to say (it refuses one it does not, naming those it
   * does): a signed alert must read the same to the server and to an auditor of the log, whatever
   * treaty is in force when either reads it, so the reading here cannot depend on the treaty's
   * labels.
   */
  private static Optional<ThreatType> threatType(String words) {
    String name = words.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    return ThreatType.isCode(name) ? Optional.of(ThreatType.of(name)) : Optional.empty();
  }

  private static int severity(Element info, List<Reason> r) {
    for (Element p : children(info, "parameter")) {
      if (SEVERITY.equals(text(p, "valueName"))) {
        String value = text(p, "value");
        try {
          int s = Integer.parseInt(value);
          if (s >= 1 && s <= 5) {
            return s;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        r.add(Reason.of("/alert/info/parameter", ReasonType.OUT_OF_RANGE, SEVERITY, 1, 5, value));
        return 0;
      }
    }
    String s = text(info, "severity");
    return switch (s) {
      case "Extreme" -> 5;
      case "Severe" -> 4;
      case "Moderate" -> 3;
      case "Minor" -> 2;
      default -> {
        r.add(
            invalid(
                "/alert/info/severity",
                s,
                "severity",
                "Unknown cannot be dispatched on: give Extreme, Severe, Moderate or Minor, or the"
                    + " parameter "
                    + SEVERITY
                    + " (1 to 5)"));
        yield 0;
      }
    };
  }

  private static org.locationtech.jts.geom.Geometry area(Element info, List<Reason> r) {
    List<Element> areas = children(info, "area");
    if (areas.isEmpty()) {
      r.add(
          Reason.of(
              "/alert/info/area",
              ReasonType.REQUIRED,
              "area (a <polygon> or <circle>: the report's location)"));
      return null;
    }
    List<Element> shapes = new ArrayList<>();
    for (Element a : areas) {
      shapes.addAll(children(a, "polygon"));
      shapes.addAll(children(a, "circle"));
    }
    if (shapes.size() != 1) {
      r.add(
          invalid(
              "/alert/info/area",
              shapes.size() + " polygons and circles",
              "location",
              shapes.isEmpty()
                  ? "a geocode alone cannot be placed: give one <polygon> or <circle>"
                  : "a report has one location: give exactly one <polygon> or <circle>"));
      return null;
    }
    Element shape = shapes.get(0);
    String path = "/alert/info/area/" + shape.getLocalName();
    ObjectNode geo;
    try {
      geo =
          shape.getLocalName().equals("polygon")
              ? polygon(text(shape))
              : circle(text(shape), path, r);
    } catch (IllegalArgumentException e) {
      r.add(invalid(path, text(shape), shape.getLocalName(), e.getMessage()));
      return null;
    }
    if (geo == null) {
      return null;
    }
    GeoJsonResult parsed = GeoJson.readLocation(geo, path);
    if (!parsed.valid()) {
      for (GeometryProblem p : parsed.problems()) {
        r.add(Reason.of(path, ReasonType.INVALID_GEOMETRY, p.message()));
      }
      return null;
    }
    return parsed.geometry();
  }

  /** A CAP polygon ("lat,lon lat,lon …", first and last the same) as a GeoJSON Polygon. */
  private static ObjectNode polygon(String text) {
    ArrayNode ring = JSON.createArrayNode();
    for (String pair : text.trim().split("\\s+")) {
      double[] latLon = latLon(pair);
      ring.add(JSON.createArrayNode().add(latLon[1]).add(latLon[0]));
    }
    if (ring.size() < 4) {
      throw new IllegalArgumentException(
          "a CAP polygon has at least four lat,lon pairs, the first and last the same");
    }
    ObjectNode g = JSON.createObjectNode().put("type", "Polygon");
    g.putArray("coordinates").add(ring);
    return g;
  }

  /**
   * A CAP circle ("lat,lon radius", radius in km) as a GeoJSON Point for radius 0, else a polygon
   * of {@value #CIRCLE_SIDES} sides inscribed in it.
   */
  private static ObjectNode circle(String text, String path, List<Reason> r) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected \"lat,lon radius\" (radius in km)");
    }
    double[] c = latLon(parts[0]);
    double radius;
    try {
      radius = Double.parseDouble(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the radius is not a number of km: " + parts[1]);
    }
    if (!(radius >= 0 && radius <= 1000)) {
      r.add(Reason.of(path, ReasonType.OUT_OF_RANGE, "circle radius (km)", 0, 1000, parts[1]));
      return null;
    }
    if (radius == 0) {
      ObjectNode g = JSON.createObjectNode().put("type", "Point");
      g.putArray("coordinates").add(c[1]).add(c[0]);
      return g;
    }
    double dLat = radius / KM_PER_DEGREE;
    double dLon = radius / (KM_PER_DEGREE * Math.cos(Math.toRadians(c[0])));
    ArrayNode ring = JSON.createArrayNode();
    for (int i = 0; i <= CIRCLE_SIDES; i++) {
      double a = 2 * Math.PI * (i % CIRCLE_SIDES) / CIRCLE_SIDES;
      ring.add(
          JSON.createArrayNode()
              .add(c[1] + dLon * Math.cos(a))
              .add(Math.max(-90, Math.min(90, c[0] + dLat * Math.sin(a)))));
    }
    ObjectNode g = JSON.createObjectNode().put("type", "Polygon");
    g.putArray("coordinates").add(ring);
    return g;
  }

  private static double[] latLon(String pair) {
    String[] ll = pair.split(",");
    if (ll.length != 2) {
      throw new IllegalArgumentException("expected lat,lon pairs, found " + pair);
    }
    try {
      double lat = Double.parseDouble(ll[0]);
      double lon = Double.parseDouble(ll[1]);
      if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        throw new IllegalArgumentException("latitude or longitude out of range in " + pair);
      }
      return new double[] {lat, lon};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number in " + pair);
    }
  }

  private static Optional<Instant> time(Element parent, String name) {
    String t = text(parent, name);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty(); // the schema checked its form; an impossible date is left out
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && NS.equals(e.getNamespaceURI())
          && name.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    List<Element> c = children(parent, name);
    return c.isEmpty() ? "" : text(c.get(0));
  }

  private static String text(Element e) {
    return e.getTextContent().trim();
  }

  private static Reason invalid(String path, String value, String what, String why) {
    return Reason.of(path, ReasonType.INVALID_VALUE, value, what, why);
  }

  private static RequestRefused refused(
      int status, String path, String value, String what, String why) {
    return new RequestRefused(status, List.of(invalid(path, value, what, why)));
  }
}
