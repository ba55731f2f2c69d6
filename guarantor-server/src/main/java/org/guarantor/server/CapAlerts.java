package org.guarantor.server;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.signing.CapReport;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes the CAP 1.2 alert of a {@link CapJournal.Moment}, as much of it as the reader's view of
 * the incident allows: a summary carries no place, words or notes (which may name a place). The
 * mapping is in docs/interop.md. Stateless and thread-safe.
 */
final class CapAlerts {
  static final String MEDIA_TYPE = CapReport.MEDIA_TYPE;

  /** CAP times: seconds, and an offset rather than Z, which the schema's pattern requires. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();

  private CapAlerts() {}

  /** Where the alerts come from: the log, by its id. */
  static String sender(String logId) {
    return "urn:guarantor:log:" + logId;
  }

  /** An alert's identifier: the log's id, the incident and the position of its event. */
  static String identifier(String logId, CapJournal.Moment m) {
    return "guarantor-" + logId.substring(0, 16) + "-" + m.incident().value() + "-" + m.position();
  }

  static String time(Instant t) {
    return TIME.format(t);
  }

  /** The alert as a document of its own. */
  static String document(
      String logId,
      boolean exercise,
      CapJournal.Moment m,
      CapJournal.Moment first,
      Incident i,
      Access.View view) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = OUT.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      write(w, logId, exercise, m, first, i, view);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write a CAP alert", e);
    }
    return out.toString();
  }

  /**
   * Writes the {@code <alert>} element.
   *
   * @param first the incident's first alert, which an update or cancel references; null for none
   */
  static void write(
      XMLStreamWriter w,
      String logId,
      boolean exercise,
      CapJournal.Moment m,
      CapJournal.Moment first,
      Incident i,
      Access.View view)
      throws XMLStreamException {
    boolean summary = view == Access.View.SUMMARY;
    w.writeStartElement("", "alert", CapReport.NS);
    w.writeDefaultNamespace(CapReport.NS);
    element(w, "identifier", identifier(logId, m));
    element(w, "sender", sender(logId));
    element(w, "sent", time(m.at()));
    element(w, "status", exercise ? "Exercise" : "Actual");
    element(w, "msgType", msgType(m, first));
    element(w, "scope", "Restricted");
    element(
        w,
        "restriction",
        summary
            ? "public summary of the treaty's record: no place or words"
            : "parties to the security-guarantee treaty");
    element(w, "code", "guarantor:" + m.kind().name());
    if (!summary && !m.note().isEmpty()) {
      element(w, "note", note(m));
    }
    if (first != null && first.position() != m.position()) {
      element(
          w, "references", sender(logId) + "," + identifier(logId, first) + "," + time(first.at()));
    }
    element(w, "incidents", i.id().value());

    w.writeStartElement("info");
    element(w, "language", "en-US");
    element(w, "category", "Security");
    element(w, "event", words(i.report().type()));
    element(w, "responseType", responseType(m.kind()));
    element(w, "urgency", closing(m.kind()) ? "Past" : "Immediate");
    element(w, "severity", severity(i.report().severity()));
    element(w, "certainty", "Observed");
    valuePair(w, "eventCode", CapReport.THREAT_TYPE, i.report().type().code());
    element(w, "onset", time(i.report().observedAt()));
    element(w, "senderName", "Guarantor treaty dispatch");
    element(w, "headline", headline(m, i));
    if (!summary && !i.report().description().isEmpty()) {
      element(w, "description", i.report().description());
    }
    valuePair(w, "parameter", CapReport.SEVERITY, Integer.toString(i.report().severity()));
    valuePair(w, "parameter", "urn:guarantor:incident", i.id().value());
    if (!i.planId().isEmpty()) {
      valuePair(w, "parameter", "urn:guarantor:plan", i.planId());
    }
    if (m.tasking() != null) {
      valuePair(w, "parameter", "urn:guarantor:tasking", m.tasking().value());
      valuePair(w, "parameter", "urn:guarantor:guarantor", m.guarantor());
    }
    if (!summary) {
      area(w, i);
    }
    w.writeEndElement();
    w.writeEndElement();
  }

  private static String msgType(CapJournal.Moment m, CapJournal.Moment first) {
    return switch (m.kind()) {
      case ACTIVATED, OUT_OF_SCOPE -> "Alert";
      case ESCALATED -> "Update";
      case STOOD_DOWN, RESOLVED -> first == null ? "Alert" : "Cancel";
    };
  }

  private static boolean closing(CapJournal.Kind k) {
    return k == CapJournal.Kind.STOOD_DOWN || k == CapJournal.Kind.RESOLVED;
  }

  private static String responseType(CapJournal.Kind k) {
    return switch (k) {
      case ACTIVATED, ESCALATED -> "Execute";
      case OUT_OF_SCOPE -> "None";
      case STOOD_DOWN, RESOLVED -> "AllClear";
    };
  }

  /** The treaty's severity 1–5 in CAP's words; the exact figure travels as a parameter. */
  static String severity(int s) {
    return switch (s) {
      case 5 -> "Extreme";
      case 4 -> "Severe";
      case 3 -> "Moderate";
      default -> "Minor";
    };
  }

  static String words(ThreatType t) {
    String w = t.code().replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  private static String headline(CapJournal.Moment m, Incident i) {
    String what = words(i.report().type()) + ", severity " + i.report().severity();
    return switch (m.kind()) {
      case ACTIVATED -> "Treaty activated: " + what + " (" + i.id().value() + ")";
      case OUT_OF_SCOPE -> "Out of the treaty's scope: " + what + " (" + i.id().value() + ")";
      case ESCALATED ->
          "Escalated: tasking " + m.tasking().value() + " of " + m.guarantor() + " is overdue";
      case STOOD_DOWN -> "Stood down: " + i.id().value();
      case RESOLVED -> "Resolved: " + i.id().value();
    };
  }

  private static String note(CapJournal.Moment m) {
    if (m.kind() == CapJournal.Kind.ESCALATED) {
      return "tasking "
          + m.tasking().value()
          + " of "
          + m.guarantor()
          + " missed its "
          + m.note().toLowerCase(Locale.ROOT)
          + " deadline "
          + m.dueAt()
          + "; unless remedied by "
          + m.backfillAt()
          + " what it owes goes to other pledges";
    }
    return m.note();
  }

  /** The report's location: a polygon per polygon (outer ring), a point as a circle of radius 0. */
  private static void area(XMLStreamWriter w, Incident i) throws XMLStreamException {
    Geometry g = i.report().location();
    w.writeStartElement("area");
    String desc =
        i.scope() == null || i.scope().explanation() == null
            ? "reported location"
            : i.scope().explanation();
    element(w, "areaDesc", desc);
    if (g instanceof Point p) {
      element(w, "circle", latLon(p.getCoordinate()) + " 0");
    } else {
      for (int n = 0; n < g.getNumGeometries(); n++) {
        if (g.getGeometryN(n) instanceof Polygon poly) {
          StringBuilder sb = new StringBuilder();
          for (Coordinate c : poly.getExteriorRing().getCoordinates()) {
            sb.append(sb.length() == 0 ? "" : " ").append(latLon(c));
          }
          element(w, "polygon", sb.toString());
        }
      }
    }
    if (i.scope() != null && i.scope().code() != null && !i.scope().code().isEmpty()) {
      valuePair(w, "geocode", "ISO 3166-2", i.scope().code());
    }
    w.writeEndElement();
  }

  private static String latLon(Coordinate c) {
    return c.getY() + "," + c.getX();
  }

  private static void element(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(text);
    w.writeEndElement();
  }

  private static void valuePair(XMLStreamWriter w, String element, String name, String value)
      throws XMLStreamException {
    w.writeStartElement(element);
    element(w, "valueName", name);
    element(w, "value", value);
    w.writeEndElement();
  }

  /** The incident's first alert (its activation or out-of-scope decision), or null. */
  static CapJournal.Moment first(List<CapJournal.Moment> ofIncident) {
    return ofIncident.stream()
        .filter(
            m -> m.kind() == CapJournal.Kind.ACTIVATED || m.kind() == CapJournal.Kind.OUT_OF_SCOPE)
        .findFirst()
        .orElse(null);
  }
}
