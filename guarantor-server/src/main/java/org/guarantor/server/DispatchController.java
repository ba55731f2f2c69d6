package org.guarantor.server;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.allocation.Explanation;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.signing.CapReport;

/** Reports, incidents and taskings: the call and what follows it. */
final class DispatchController {
  private static final int MAX_PAGE = 1000;
  private final Api api;

  DispatchController(Api api) {
    this.api = api;
  }

  // ---- reports and incidents ------------------------------------------------------------------

  void fileReport(Context ctx) {
    Api.SignedCommand c = api.command(ctx);
    Actor actor = c.actor();
    Decision.Accepted a;
    try {
      a = api.run(c.command());
    } catch (ApiError e) {
      throw RequestBody.isCap(ctx) ? inAlert(e, RequestBody.text(ctx)) : e;
    }
    Incident i = api.engine.state().incident(new IncidentId(a.subject())).orElseThrow();
    ctx.header("Location", "/api/v1/incidents/" + i.id().value());
    Api.json(ctx, a.repeated() ? 200 : 201, Views.incident(actor, i, api.treaty()));
  }

  /**
   * A refusal of a CAP alert, its threat type named where the alert gave it: the decision names the
   * report's field ({@code /type}), which an alert does not have.
   */
  private static ApiError inAlert(ApiError e, String xml) {
    if (e.reasons.stream().noneMatch(r -> r.path().equals("/type"))) {
      return e;
    }
    String where = CapReport.threatTypePath(xml);
    return new ApiError(
        e.status,
        e.reasons.stream()
            .map(r -> r.path().equals("/type") ? new Reason(where, r.type(), r.params()) : r)
            .toList());
  }

  void listIncidents(Context ctx) {
    Actor actor = api.actor(ctx);
    Treaty treaty = api.treaty();
    IncidentState state = enumParam(ctx, "state", IncidentState.class);
    ThreatType type = threatTypeParam(ctx, treaty);
    Integer severity = intParam(ctx, "severity", 1, 5, null);
    Instant since = timeParam(ctx, "since");
    int limit = intParam(ctx, "limit", 1, MAX_PAGE, 100);
    int offset = intParam(ctx, "offset", 0, Integer.MAX_VALUE, 0);
    List<Views.IncidentView> out = new ArrayList<>();
    int skipped = 0;
    int total = 0;
    List<Incident> all = new ArrayList<>(api.engine.state().incidents());
    all.sort(Comparator.comparing(Incident::id).reversed());
    for (Incident i : all) {
      if ((state != null && i.state() != state)
          || (type != null && !i.report().type().equals(type))
          || (severity != null && i.report().severity() != severity)
          || (since != null && i.reportedAt().isBefore(since))) {
        continue;
      }
      Views.IncidentView v = Views.incident(actor, i, treaty);
      if (v == null) {
        continue;
      }
      total++;
      if (skipped < offset) {
        skipped++;
      } else if (out.size() < limit) {
        out.add(v);
      }
    }
    ctx.header("X-Total-Count", Integer.toString(total));
    Api.json(ctx, 200, new Page<>(out, total, offset, limit));
  }

  record Page<T>(List<T> items, int total, int offset, int limit) {}

  void getIncident(Context ctx) {
    Actor actor = api.actor(ctx);
    Treaty treaty = api.treaty();
    String id = ctx.pathParam("id");
    Views.IncidentView v =
        api.engine
            .state()
            .incident(new IncidentId(id))
            .map(i -> Views.incident(actor, i, treaty))
            .orElse(null);
    if (v == null) {
      throw ApiError.of(404, "/id", ReasonType.NOT_FOUND, "incident", id);
    }
    Api.json(ctx, 200, v);
  }

  void resolve(Context ctx) {
    close(ctx, true);
  }

  void standDown(Context ctx) {
    close(ctx, false);
  }

  private void close(Context ctx, boolean resolve) {
    incidentCommand(ctx);
  }

  void corroborate(Context ctx) {
    incidentCommand(ctx);
  }

  /** A signed command on the incident of the path; answers with the incident as it now is. */
  private void incidentCommand(Context ctx) {
    Api.SignedCommand c = api.command(ctx);
    api.run(c.command());
    IncidentId id = new IncidentId(ctx.pathParam("id"));
    Incident i = api.engine.state().incident(id).orElseThrow();
    Api.json(ctx, 200, Views.incident(c.actor(), i, api.treaty()));
  }

  // ---- taskings -------------------------------------------------------------------------------

  void listTaskings(Context ctx) {
    Actor actor = api.actor(ctx);
    Treaty treaty = api.treaty();
    boolean openOnly = booleanParam(ctx, "open");
    List<Views.TaskingView> out = new ArrayList<>();
    for (Incident i : api.engine.state().incidents()) {
      for (Tasking t : i.taskings()) {
        if (Access.tasking(actor, t, treaty) && (!openOnly || t.state().open())) {
          out.add(Views.tasking(actor, t, treaty));
        }
      }
    }
    out.sort(Comparator.comparing(Views.TaskingView::id).reversed());
    Api.json(ctx, 200, out);
  }

  void getTasking(Context ctx) {
    Actor actor = api.actor(ctx);
    Tasking t = visibleTasking(actor, ctx.pathParam("id"));
    Api.json(ctx, 200, Views.tasking(actor, t, api.treaty()));
  }

  void acknowledge(Context ctx) {
    taskingCommand(ctx);
  }

  void decline(Context ctx) {
    taskingCommand(ctx);
  }

  void mobilising(Context ctx) {
    taskingCommand(ctx);
  }

  void delivered(Context ctx) {
    taskingCommand(ctx);
  }

  /** A signed command on the tasking of the path; answers with the tasking as it now is. */
  private void taskingCommand(Context ctx) {
    Api.SignedCommand c = api.command(ctx);
    api.run(c.command());
    answerTasking(ctx, c.actor(), new TaskingId(ctx.pathParam("id")));
  }

  private void answerTasking(Context ctx, Actor actor, TaskingId id) {
    Api.json(
        ctx, 200, Views.tasking(actor, api.engine.state().tasking(id).orElseThrow(), api.treaty()));
  }

  /** "Why us?": the tasked guarantor and the secretariat see why; anyone else gets a 404. */
  void why(Context ctx) {
    Actor actor = api.actor(ctx);
    String id = ctx.pathParam("id");
    Tasking t = visibleTasking(actor, id);
    if (!Access.mayAskWhy(actor, t)) {
      throw ApiError.of(404, "/id", ReasonType.NOT_FOUND, "tasking", id);
    }
    Explanation e = api.engine.explanation(t.id()).orElseGet(Explanation::unknown);
    Api.json(ctx, 200, Views.why(t, e));
  }

  private Tasking visibleTasking(Actor actor, String id) {
    return api.engine
        .state()
        .tasking(new TaskingId(id))
        .filter(t -> Access.tasking(actor, t, api.treaty()))
        .orElseThrow(() -> ApiError.of(404, "/id", ReasonType.NOT_FOUND, "tasking", id));
  }

  // ---- parameters -----------------------------------------------------------------------------

  private static boolean booleanParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank() || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw ApiError.of(
        400, "/query/" + name, ReasonType.INVALID_VALUE, v, name, "expected true or false");
  }

  /**
   * The {@code type} filter: a threat type of the treaty in force, or of an earlier version (its
   * incidents keep theirs), so any code is taken; one of the wrong shape is refused, naming the
   * treaty's.
   */
  private static ThreatType threatTypeParam(Context ctx, Treaty treaty) {
    String v = ctx.queryParam("type");
    if (v == null || v.isBlank()) {
      return null;
    }
    if (!ThreatType.isCode(v)) {
      throw ApiError.of(
          400,
          "/query/type",
          ReasonType.INVALID_VALUE,
          v,
          "type",
          "expected a threat type of the treaty in force, one of "
              + treaty.vocabulary().threatTypeCodes());
    }
    return ThreatType.of(v);
  }

  private static <E extends Enum<E>> E enumParam(Context ctx, String name, Class<E> type) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      throw ApiError.of(
          400,
          "/query/" + name,
          ReasonType.INVALID_VALUE,
          v,
          name,
          "expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  private static Integer intParam(Context ctx, String name, int min, int max, Integer dflt) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) {
        throw ApiError.of(400, "/query/" + name, ReasonType.OUT_OF_RANGE, name, min, max, v);
      }
      return i;
    } catch (NumberFormatException e) {
      throw ApiError.of(
          400, "/query/" + name, ReasonType.INVALID_VALUE, v, name, "expected a whole number");
    }
  }

  private static Instant timeParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiError.of(
          400, "/query/" + name, ReasonType.INVALID_VALUE, v, name, "expected ISO 8601 UTC");
    }
  }
}
