package org.guarantor.server;

import io.javalin.http.Context;
import java.io.StringWriter;
import java.time.Instant;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.treaty.Treaty;
import org.locationtech.jts.geom.Point;

/**
 * OASIS EDXL-RM 1.0 messages for a tasking: the {@code RequestResource} the treaty's plan sends the
 * guarantor, and, once acknowledged, the guarantor's {@code CommitResource}. The field mapping is
 * in docs/interop.md. Stateless and thread-safe.
 */
final class EdxlRm {
  /** The namespace of EDXL-RM 1.0 messages. */
  static final String NS = "urn:oasis:names:tc:emergency:EDXL:RM:1.0:msg";

  /** The namespace of EDXL-RM 1.0 common types. */
  static final String RM = "urn:oasis:names:tc:emergency:EDXL:RM:1.0";

  static final String MEDIA_TYPE = "application/xml";

  private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();

  private final Api api;

  EdxlRm(Api api) {
    this.api = api;
  }

  void request(Context ctx) {
    Actor actor = api.actor(ctx);
    Tasking t = readable(actor, ctx.pathParam("id"));
    Incident i = api.engine.state().incident(t.incident()).orElseThrow();
    ctx.status(200).contentType(MEDIA_TYPE).result(request(api.auth.logId(), t, i));
  }

  void commit(Context ctx) {
    Actor actor = api.actor(ctx);
    Tasking t = readable(actor, ctx.pathParam("id"));
    if (t.acknowledgedAt() == null) {
      throw ApiError.of(
          409,
          "/id",
          ReasonType.WRONG_STATE,
          "tasking",
          t.id().value(),
          t.state().name(),
          "give its commitment before the guarantor acknowledges it");
    }
    Incident i = api.engine.state().incident(t.incident()).orElseThrow();
    ctx.status(200).contentType(MEDIA_TYPE).result(commit(api.auth.logId(), t, i));
  }

  private Tasking readable(Actor actor, String id) {
    Treaty treaty = api.treaty();
    return api.engine
        .state()
        .tasking(new TaskingId(id))
        .filter(t -> Access.mayReadResourceMessage(actor, t, treaty))
        .orElseThrow(() -> ApiError.of(404, "/id", ReasonType.NOT_FOUND, "tasking", id));
  }

  static String messageId(String logId, Tasking t, String kind) {
    return "guarantor-" + logId.substring(0, 16) + "-" + t.id().value() + "-" + kind;
  }

  static String request(String logId, Tasking t, Incident i) {
    return document(
        w -> {
          start(w, "RequestResource");
          text(w, NS, "MessageID", messageId(logId, t, "request"));
          text(w, NS, "SentDateTime", CapAlerts.time(t.issuedAt()));
          text(w, NS, "MessageContentType", "RequestResource");
          text(
              w,
              NS,
              "MessageDescription",
              "Tasking "
                  + t.id().value()
                  + " of incident "
                  + i.id().value()
                  + " under plan "
                  + i.planId()
                  + ", line "
                  + t.line());
          contact(w, "Requester", "Guarantor treaty dispatch (secretariat)");
          incident(w, i);
          resource(w, t, i, null);
          w.writeEndElement();
        });
  }

  static String commit(String logId, Tasking t, Incident i) {
    return document(
        w -> {
          start(w, "CommitResource");
          text(w, NS, "MessageID", messageId(logId, t, "commit"));
          text(w, NS, "SentDateTime", CapAlerts.time(t.acknowledgedAt()));
          text(w, NS, "MessageContentType", "CommitResource");
          text(
              w,
              NS,
              "MessageDescription",
              t.guarantor().value() + " commits to tasking " + t.id().value());
          text(w, NS, "OriginatingMessageID", messageId(logId, t, "request"));
          contact(w, "Sender", t.guarantor().value());
          incident(w, i);
          resource(w, t, i, "Accepted");
          w.writeEndElement();
        });
  }

  private static void start(XMLStreamWriter w, String root) throws XMLStreamException {
    w.setDefaultNamespace(NS);
    w.setPrefix("rm", RM);
    w.writeStartElement("", root, NS);
    w.writeDefaultNamespace(NS);
    w.writeNamespace("rm", RM);
  }

  private static void contact(XMLStreamWriter w, String role, String description)
      throws XMLStreamException {
    w.writeStartElement(NS, "ContactInformation");
    text(w, RM, "ContactDescription", description);
    text(w, RM, "ContactRole", role);
    w.writeEndElement();
  }

  private static void incident(XMLStreamWriter w, Incident i) throws XMLStreamException {
    w.writeStartElement(NS, "IncidentInformation");
    text(w, RM, "IncidentID", i.id().value());
    text(
        w,
        RM,
        "IncidentDescription",
        CapAlerts.words(i.report().type()) + ", severity " + i.report().severity());
    w.writeEndElement();
  }

  /**
   * @param response the response to the request for a commitment, or null for the request itself
   */
  private static void resource(XMLStreamWriter w, Tasking t, Incident i, String response)
      throws XMLStreamException {
    w.writeStartElement(NS, "ResourceInformation");
    text(w, RM, "ResourceInfoElementID", Integer.toString(t.line()));
    if (response != null) {
      w.writeStartElement(RM, "ResponseInformation");
      text(w, RM, "PrecedingResourceInfoElementID", Integer.toString(t.line()));
      text(w, RM, "ResponseType", response);
      w.writeEndElement();
    }
    w.writeStartElement(RM, "Resource");
    text(w, RM, "ResourceID", t.pledge().value());
    text(w, RM, "Name", t.capability().code() + " from " + t.guarantor().value());
    w.writeStartElement(RM, "TypeStructure");
    text(w, RM, "Value", t.capability().code());
    text(w, RM, "ValueListURN", "urn:guarantor:capability");
    w.writeEndElement();
    text(w, RM, "Description", "pledge " + t.pledge().value() + " at hub " + t.hub().value());
    w.writeEndElement();
    w.writeStartElement(RM, "AssignmentInformation");
    w.writeStartElement(RM, "Quantity");
    w.writeStartElement(RM, "MeasuredQuantity");
    text(w, RM, "Amount", Long.toString(t.quantity().amount()));
    text(w, RM, "UnitOfMeasure", t.quantity().unit().code());
    w.writeEndElement();
    w.writeEndElement();
    text(
        w,
        RM,
        "AnticipatedFunction",
        "line " + t.line() + " of plan " + i.planId() + " for incident " + i.id().value());
    w.writeEndElement();
    if (response == null) {
      schedule(w, "RespondByTime", t.acknowledgeBy(), null);
      schedule(w, "RequestedArrival", t.deliverBy(), i);
    } else {
      schedule(w, "RequestedArrival", t.deliverBy(), i);
    }
    schedule(w, "EstimatedArrival", t.estimatedArrival(), i);
    w.writeEndElement();
  }

  private static void schedule(XMLStreamWriter w, String type, Instant at, Incident where)
      throws XMLStreamException {
    w.writeStartElement(RM, "ScheduleInformation");
    text(w, RM, "ScheduleType", type);
    text(w, RM, "DateTime", CapAlerts.time(at));
    if (where != null) {
      Point p = where.report().location().getInteriorPoint();
      w.writeStartElement(RM, "Location");
      text(
          w,
          RM,
          "LocationDescription",
          where.scope() == null ? "reported location" : where.scope().explanation());
      w.writeStartElement(RM, "TargetArea");
      text(w, RM, "Circle", p.getY() + "," + p.getX() + " 0");
      w.writeEndElement();
      w.writeEndElement();
    }
    w.writeEndElement();
  }

  private interface Body {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  private static String document(Body body) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = OUT.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      body.write(w);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write an EDXL-RM message", e);
    }
    return out.toString();
  }

  private static void text(XMLStreamWriter w, String ns, String name, String value)
      throws XMLStreamException {
    w.writeStartElement(ns, name);
    w.writeCharacters(value);
    w.writeEndElement();
  }
}
