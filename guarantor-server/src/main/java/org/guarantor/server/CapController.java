package org.guarantor.server;

import io.javalin.http.Context;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.treaty.Treaty;

/**
 * CAP 1.2 out: an incident's latest alert ({@code GET /api/v1/incidents/{id}/cap}) and an Atom feed
 * of every alert the caller may read ({@code GET /api/v1/cap}), each entry carrying its alert.
 */
final class CapController {
  static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final int MAX_ENTRIES = 1000;
  private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();

  private final Api api;
  private final CapJournal journal;

  CapController(Api api, CapJournal journal) {
    this.api = api;
    this.journal = journal;
  }

  /** A moment the actor may read, with the view it reads it in. */
  private record Readable(CapJournal.Moment moment, Incident incident, Access.View view) {}

  void incident(Context ctx) {
    Actor actor = api.actor(ctx);
    Treaty treaty = api.treaty();
    String id = ctx.pathParam("id");
    Incident i =
        api.engine
            .state()
            .incident(new IncidentId(id))
            .filter(x -> Access.incident(actor, x, treaty) != Access.View.NONE)
            .orElseThrow(() -> ApiError.of(404, "/id", ReasonType.NOT_FOUND, "incident", id));
    List<CapJournal.Moment> all = journal.of(i.id());
    Readable latest = null;
    for (CapJournal.Moment m : all) {
      Readable r = readable(actor, treaty, m, i);
      if (r != null) {
        latest = r;
      }
    }
    if (latest == null) {
      throw ApiError.of(
          404,
          "/id",
          ReasonType.NOT_FOUND,
          "CAP alert of incident",
          id + " (it is neither activated, out of scope nor closed yet)");
    }
    ctx.status(200)
        .contentType(CapAlerts.MEDIA_TYPE)
        .result(
            CapAlerts.document(
                api.auth.logId(),
                api.exercise(),
                latest.moment(),
                CapAlerts.first(all),
                i,
                latest.view()));
  }

  void feed(Context ctx) {
    Actor actor = api.actor(ctx);
    Treaty treaty = api.treaty();
    int limit = limit(ctx);
    List<CapJournal.Moment> all = journal.all();
    Map<IncidentId, CapJournal.Moment> firsts = new HashMap<>();
    for (CapJournal.Moment m : all) {
      if (m.kind() == CapJournal.Kind.ACTIVATED || m.kind() == CapJournal.Kind.OUT_OF_SCOPE) {
        firsts.putIfAbsent(m.incident(), m);
      }
    }
    List<Readable> entries = new ArrayList<>();
    for (int n = all.size() - 1; n >= 0 && entries.size() < limit; n--) {
      CapJournal.Moment m = all.get(n);
      api.engine
          .state()
          .incident(m.incident())
          .map(i -> readable(actor, treaty, m, i))
          .ifPresent(entries::add);
    }
    String logId = api.auth.logId();
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = OUT.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("", "feed", ATOM);
      w.writeDefaultNamespace(ATOM);
      text(w, "id", CapAlerts.sender(logId) + ":cap");
      text(w, "title", "Guarantor: CAP 1.2 alerts for " + actor.party());
      text(
          w,
          "updated",
          entries.isEmpty()
              ? CapAlerts.time(java.time.Instant.EPOCH)
              : CapAlerts.time(entries.get(0).moment().at()));
      w.writeStartElement("author");
      text(w, "name", "Guarantor treaty dispatch");
      w.writeEndElement();
      link(w, "self", "/api/v1/cap", "application/atom+xml");
      for (Readable r : entries) {
        CapJournal.Moment m = r.moment();
        w.writeStartElement("entry");
        text(w, "id", "urn:guarantor:cap:" + CapAlerts.identifier(logId, m));
        text(w, "title", m.kind().name() + " " + m.incident().value());
        text(w, "updated", CapAlerts.time(m.at()));
        link(
            w,
            "related",
            "/api/v1/incidents/" + m.incident().value() + "/cap",
            CapAlerts.MEDIA_TYPE);
        w.writeStartElement("content");
        w.writeAttribute("type", CapAlerts.MEDIA_TYPE);
        CapAlerts.write(
            w, logId, api.exercise(), m, firsts.get(m.incident()), r.incident(), r.view());
        w.writeEndElement();
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the CAP feed", e);
    }
    ctx.status(200).contentType("application/atom+xml").result(out.toString());
  }

  private static Readable readable(Actor actor, Treaty treaty, CapJournal.Moment m, Incident i) {
    Tasking t = m.tasking() == null ? null : i.tasking(m.tasking()).orElse(null);
    if (m.tasking() != null && t == null) {
      return null;
    }
    Access.View v = Access.capAlert(actor, i, t, treaty);
    return v == Access.View.NONE ? null : new Readable(m, i, v);
  }

  private static int limit(Context ctx) {
    String v = ctx.queryParam("limit");
    if (v == null || v.isBlank()) {
      return 100;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= MAX_ENTRIES) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.of(400, "/query/limit", ReasonType.OUT_OF_RANGE, "limit", 1, MAX_ENTRIES, v);
  }

  private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(value);
    w.writeEndElement();
  }

  private static void link(XMLStreamWriter w, String rel, String href, String type)
      throws XMLStreamException {
    w.writeEmptyElement("link");
    w.writeAttribute("rel", rel);
    w.writeAttribute("href", href);
    w.writeAttribute("type", type);
  }
}
