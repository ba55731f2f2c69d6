package org.guarantor.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every route in one place, and the one mapping from errors to problem bodies. */
final class Routes {
  static final long MAX_BODY = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

  private Routes() {}

  static void install(
      JavalinConfig config,
      SecurityHeaders headers,
      Cors cors,
      Api api,
      DispatchController dispatch,
      TreatyController treaty,
      EventStream events,
      LedgerController ledger,
      TerritoryController territory,
      ReplanController replan,
      KeysController keys,
      AmendmentController amendments,
      CapController cap,
      EdxlRm edxl,
      ApiDocs docs,
      OpsController ops) {
    config.http.maxRequestSize = MAX_BODY;
    config.staticFiles.add("/web", io.javalin.http.staticfiles.Location.CLASSPATH);
    config.staticFiles.enableWebjars();
    var r = config.routes;
    r.before(headers::apply);
    r.before(RequestBody::read);
    r.before("/api/*", cors::apply);
    if (cors.enabled()) {
      r.options("/api/*", cors::preflight);
    }
    r.before("/api/*", api::throttle);
    r.after("/api/*", api.rateLimit::after);
    r.before("/api/*", Routes::noHead);
    r.before("/api/*", RequestBody::checkContentType);
    r.before("/api/*", ledger::markExercise);
    r.get("/health", treaty::health);
    r.get("/health/live", ops::live);
    r.get("/health/ready", ops::ready);
    r.get("/metrics", ops::metrics);
    r.get("/api/v1/openapi.json", docs::openApi);
    r.get("/api/docs", docs::page);
    r.get("/api/v1/treaty", treaty::treaty);
    r.get("/api/v1/treaty/schema", treaty::schema);
    r.get("/api/v1/treaty/versions", amendments::versions);
    r.get("/api/v1/treaty/versions/{version}", amendments::version);
    r.get("/api/v1/treaty/diff", amendments::diff);
    r.get("/api/v1/amendments", amendments::list);
    r.post("/api/v1/amendments", amendments::propose);
    r.get("/api/v1/amendments/{id}", amendments::get);
    r.post("/api/v1/amendments/{id}/vote", amendments::vote);
    r.get("/api/v1/certifications", amendments::certifications);
    r.post("/api/v1/pledges/{id}/certify", amendments::certify);
    r.get("/api/v1/credibility", amendments::credibility);
    r.get("/api/v1/me", treaty::me);
    r.get("/api/v1/territory", territory::territory);
    r.get("/api/v1/territory/check", territory::check);
    r.get("/api/v1/atlas/countries", territory::countries);
    r.post("/api/v1/reports", dispatch::fileReport);
    r.get("/api/v1/incidents", dispatch::listIncidents);
    r.get("/api/v1/incidents/{id}", dispatch::getIncident);
    r.get("/api/v1/incidents/{id}/cap", cap::incident);
    r.get("/api/v1/cap", cap::feed);
    r.post("/api/v1/incidents/{id}/resolve", dispatch::resolve);
    r.post("/api/v1/incidents/{id}/stand-down", dispatch::standDown);
    r.post("/api/v1/incidents/{id}/corroborate", dispatch::corroborate);
    r.post("/api/v1/incidents/{id}/replan", replan::replan);
    r.get("/api/v1/taskings", dispatch::listTaskings);
    r.get("/api/v1/taskings/{id}", dispatch::getTasking);
    r.get("/api/v1/taskings/{id}/why", dispatch::why);
    r.get("/api/v1/taskings/{id}/edxl-rm", edxl::request);
    r.get("/api/v1/taskings/{id}/edxl-rm/commit", edxl::commit);
    r.post("/api/v1/taskings/{id}/acknowledge", dispatch::acknowledge);
    r.post("/api/v1/taskings/{id}/decline", dispatch::decline);
    r.post("/api/v1/taskings/{id}/mobilising", dispatch::mobilising);
    r.post("/api/v1/taskings/{id}/delivered", dispatch::delivered);
    r.get("/api/v1/ledger", ledger::ledger);
    r.get("/api/v1/ledger.csv", ledger::ledgerCsv);
    r.post("/api/v1/ledger/{guarantor}/reinstate", ledger::reinstate);
    r.get("/api/v1/exercise/clock", ledger::clock);
    r.post("/api/v1/exercise/clock", ledger::advance);
    r.get("/api/v1/keys", keys::list);
    r.post("/api/v1/keys", keys::change);
    r.post("/api/v1/keys/enrolments", keys::change);
    r.post("/api/v1/keys/enrol", keys::change);
    r.post("/api/v1/keys/{id}/revoke", keys::change);
    r.get("/api/v1/session/challenge", keys::challenge);
    r.post("/api/v1/session", keys::signIn);
    r.delete("/api/v1/session", keys::signOut);
    r.get("/api/v1/demo/keys", keys::demoParties);
    r.get("/api/v1/demo/keys/{party}", keys::demoKey);
    r.before(EventStream.PATH, events::authenticate);
    r.after(EventStream.PATH, events::release);
    r.sse(EventStream.PATH, events::connect);

    r.exception(
        ApiError.class,
        (e, ctx) -> {
          if (e.retryAfter > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfter));
          }
          problem(ctx, e.status, e.reasons);
        });
    r.exception(
        HttpResponseException.class,
        (e, ctx) ->
            problem(
                ctx,
                e.getStatus(),
                List.of(
                    Reason.of(
                        "", ReasonType.INVALID_VALUE, "request", "request", e.getMessage()))));
    r.exception(
        Exception.class,
        (e, ctx) -> {
          // The request may already be recycled (a stream closing at shutdown): never throw here,
          // or Javalin keeps calling this handler.
          String where;
          try {
            where = ctx.method() + " " + ctx.path();
          } catch (RuntimeException gone) {
            LOG.debug("error after the request ended: {}", e.toString());
            return;
          }
          logWithIds(where, () -> LOG.error("unexpected error on {}", where, e));
          problem(
              ctx,
              500,
              List.of(
                  Reason.of(
                      "",
                      ReasonType.INVALID_VALUE,
                      "request",
                      "request",
                      "internal error ("
                          + e.getClass().getSimpleName()
                          + "); nothing was written")));
        });
    r.error(
        404,
        "*",
        ctx -> {
          if (ctx.result() == null) {
            problem(ctx, 404, List.of(Reason.of("", ReasonType.NOT_FOUND, "route", ctx.path())));
          }
        });
    r.error(
        405,
        "*",
        ctx -> {
          if (ctx.result() == null) {
            problem(
                ctx,
                405,
                List.of(
                    Reason.of("", ReasonType.FORBIDDEN, ctx.method(), "be used on " + ctx.path())));
          }
        });
  }

  /**
   * HEAD on the API is refused: Jetty would answer a HEAD for a GET route 200 with no body without
   * running the route, whoever asked, so its status would say nothing true.
   */
  private static void noHead(Context ctx) {
    if (ctx.method() == io.javalin.http.HandlerType.HEAD) {
      ctx.header("Allow", "GET");
      throw ApiError.of(405, "", ReasonType.FORBIDDEN, "HEAD", "be used on the API; use GET");
    }
  }

  static void problem(Context ctx, int status, List<Reason> reasons) {
    try {
      ctx.status(status)
          .contentType("application/problem+json")
          .result(Api.MAPPER.writeValueAsString(Problem.of(status, reasons)));
    } catch (JsonProcessingException e) {
      ctx.status(status).result(Problem.title(status));
    } catch (RuntimeException gone) {
      // The response is gone (client or server went away); an error handler must not throw.
      LOG.debug("cannot answer {}: {}", status, gone.toString());
    }
  }

  private static final java.util.regex.Pattern INCIDENT_PATH =
      java.util.regex.Pattern.compile("/api/v1/incidents/(INC-[0-9]+)");
  private static final java.util.regex.Pattern TASKING_PATH =
      java.util.regex.Pattern.compile("/api/v1/taskings/(TSK-[0-9]+)");

  /**
   * Runs {@code logging} with the incident's or tasking's id of the request's path in the MDC (as
   * {@code incident}, {@code tasking}), so that a JSON log carries it as a field.
   */
  static void logWithIds(String where, Runnable logging) {
    java.util.regex.Matcher incident = INCIDENT_PATH.matcher(where);
    java.util.regex.Matcher tasking = TASKING_PATH.matcher(where);
    try {
      if (incident.find()) {
        org.slf4j.MDC.put("incident", incident.group(1));
      }
      if (tasking.find()) {
        org.slf4j.MDC.put("tasking", tasking.group(1));
      }
      logging.run();
    } finally {
      org.slf4j.MDC.remove("incident");
      org.slf4j.MDC.remove("tasking");
    }
  }
}
