package org.guarantor.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.Engine;
import org.guarantor.engine.EngineBusy;
import org.guarantor.engine.EngineHalted;
import org.guarantor.engine.EngineStandby;
import org.guarantor.engine.ExerciseClock;
import org.guarantor.engine.Outcome;
import org.guarantor.engine.codec.Json;
import org.guarantor.signing.CommandReader;
import org.guarantor.signing.RequestRefused;
import org.guarantor.signing.SignedRequest;

/** What every controller needs: the engine, the caller's identity, JSON in and out. */
final class Api {
  static final ObjectMapper MAPPER =
      Json.mapper()
          .copy()
          .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, false)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false)
          .configure(SerializationFeature.INDENT_OUTPUT, false);

  /**
   * How long a command may wait for the single writer to take it. The writer decides thousands of
   * commands a second, so a command still queued after this is behind a queue that will not clear
   * soon (or a writer that is stuck): better a prompt 503 than a request that hangs.
   */
  static final Duration COMMAND_WAIT = Duration.ofSeconds(5);

  /** The Retry-After of a command that was withdrawn for {@link #COMMAND_WAIT}. */
  static final Duration BUSY_RETRY = Duration.ofSeconds(5);

  /** Request attribute set on every API request of an exercise server. */
  static final String EXERCISE = "guarantor.exercise";

  final Engine engine;

  /** The virtual clock when the server runs an exercise; null when it runs live. */
  final ExerciseClock exerciseClock;

  final Auth auth;

  final RateLimit rateLimit;

  Api(Engine engine, ExerciseClock exerciseClock, Auth auth, RateLimit rateLimit) {
    this.engine = engine;
    this.exerciseClock = exerciseClock;
    this.auth = auth;
    this.rateLimit = rateLimit;
  }

  boolean exercise() {
    return exerciseClock != null;
  }

  /**
   * The version in force now: an amendment adopted to take effect later changes nothing, parties
   * included, until then.
   */
  Treaty treaty() {
    return inForce().orElseThrow(() -> ApiError.of(503, "", ReasonType.NO_TREATY));
  }

  Optional<Treaty> inForce() {
    return engine.state().treatyAt(engine.clock().instant());
  }

  /**
   * The caller of a read: the party of a session token (or, on a demonstration log, of a {@code
   * demo-} token), or a 401 problem.
   */
  Actor actor(Context ctx) {
    String header = ctx.header("Authorization");
    String token =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : null;
    return actor(ctx, token, "/headers/Authorization");
  }

  /** As {@link #actor(Context)}, for a token that came elsewhere (an event stream's query). */
  Actor actor(Context ctx, String token, String where) {
    Treaty treaty = treaty();
    return auth.bearer(token, treaty)
        .orElseThrow(
            () -> {
              ctx.header("WWW-Authenticate", "Bearer realm=\"guarantor\"");
              return new ApiError(
                  401,
                  List.of(
                      Reason.of(
                          where,
                          ReasonType.INVALID_VALUE,
                          "Authorization",
                          "bearer token",
                          token == null
                              ? "sign in first (GET /api/v1/session/challenge, then POST"
                                  + " /api/v1/session signed) and send Authorization: Bearer"
                                  + " <token>"
                              : "the token is unknown or has expired; sign in again")));
            });
  }

  /**
   * The party the request's bearer token stands for, if it carries a valid one (in {@code
   * Authorization}, or as {@code ?access_token=} on the event stream, as {@link EventStream} takes
   * it); never a refusal.
   */
  Optional<Actor> bearer(Context ctx) {
    String header = ctx.header("Authorization");
    String token =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : null;
    if (token == null && header == null && ctx.path().equals(EventStream.PATH)) {
      token = ctx.queryParam("access_token");
    }
    Optional<Treaty> treaty = inForce();
    return token == null || treaty.isEmpty() ? Optional.empty() : auth.bearer(token, treaty.get());
  }

  /** A before-handler for the API: charges the caller's rate limit, or refuses with 429. */
  void throttle(Context ctx) {
    rateLimit.before(ctx, bearer(ctx));
  }

  /**
   * Checks a signed request ({@link Auth#verify}) and, once it proved its party, charges that
   * party's rate limit.
   *
   * @throws ApiError 401/403 for the signature, 429 when the party is over its rate
   */
  Auth.Verified verify(Context ctx, JsonNode body, Treaty treaty, boolean enrolling) {
    Auth.Verified v = auth.verify(ctx, body, treaty, enrolling);
    rateLimit.party(ctx, v.actor().party());
    return v;
  }

  /**
   * Checks the signature of a state-changing request and reads the command it asks for, from the
   * text that was signed (as an auditor will read it from the log).
   *
   * @throws ApiError 401/403 for the signature, 400/422 for the body, 404 for an unknown target
   */
  SignedCommand command(Context ctx) {
    JsonNode body;
    if (RequestBody.isCap(ctx)) {
      // A CAP alert is signed as the text posted; CommandReader reads it as a report.
      body = MAPPER.getNodeFactory().textNode(RequestBody.text(ctx));
    } else {
      body = RequestBody.text(ctx).isBlank() ? MAPPER.createObjectNode() : body(ctx);
      if (body.isTextual()) {
        // A JSON string is how a CAP alert is signed, never a JSON body.
        throw notAnObject();
      }
    }
    Treaty treaty = treaty();
    boolean enrolling = ctx.path().equals("/api/v1/keys/enrol");
    Auth.Verified v = verify(ctx, body, treaty, enrolling);
    try {
      JsonNode signedBody = SignedRequest.bodyOf(v.signature().text());
      Function<Instant, DispatchCommand> read =
          CommandReader.read(ctx.method().name(), ctx.path(), signedBody, v.actor());
      return new SignedCommand(
          v.actor(), at -> new DispatchCommand.Signed(read.apply(at), v.signature()));
    } catch (RequestRefused e) {
      throw new ApiError(e.status(), withThreatType(ctx.path(), signedBody(v), treaty, e));
    }
  }

  private static JsonNode signedBody(Auth.Verified v) {
    return SignedRequest.bodyOf(v.signature().text());
  }

  /**
   * A report refused for other fields is also refused for a threat type the treaty in force does
   * not know, so that the sender learns every problem at once: the reading of a signed body cannot
   * know the treaty (an auditor reads it the same way later), and the decision that checks the type
   * is not reached.
   */
  private static List<Reason> withThreatType(
      String path, JsonNode body, Treaty treaty, RequestRefused e) {
    JsonNode type = body == null || !body.isObject() ? null : body.get("type");
    if (!path.equals("/api/v1/reports")
        || type == null
        || !type.isTextual()
        || !ThreatType.isCode(type.asText())
        || treaty.vocabulary().knows(ThreatType.of(type.asText()))) {
      return e.reasons();
    }
    List<Reason> out = new ArrayList<>(e.reasons());
    int at = 0;
    while (at < out.size() && (out.get(at).path().equals("/key") || !isReportField(out.get(at)))) {
      at++;
    }
    out.add(
        at,
        Reason.of(
            "/type",
            ReasonType.UNKNOWN_CODE,
            type.asText(),
            "threat type",
            treaty.vocabulary().threatTypeCodes().stream()
                .map(ThreatType::code)
                .collect(java.util.stream.Collectors.joining(", "))));
    return out;
  }

  /** Whether a reason is about one of the report's fields after its type, in the body's order. */
  private static boolean isReportField(Reason r) {
    return List.of("/severity", "/location", "/observedAt", "/description").stream()
        .anyMatch(f -> r.path().equals(f) || r.path().startsWith(f + "/"));
  }

  /** A command ready to run, and who asks for it. */
  record SignedCommand(Actor actor, Function<Instant, DispatchCommand> command) {}

  /**
   * The request body as JSON, or a 400 problem naming where it broke; a 422 problem naming the
   * field when some text in it could not be stored (see {@link Json#unstorableText}).
   */
  JsonNode body(Context ctx) {
    String text = RequestBody.text(ctx);
    if (text.isBlank()) {
      throw ApiError.of(400, "", ReasonType.REQUIRED, "a JSON request body");
    }
    try {
      JsonNode body = MAPPER.readTree(text);
      Json.unstorableText(body)
          .ifPresent(
              bad -> {
                String field = bad.pointer().substring(bad.pointer().lastIndexOf('/') + 1);
                throw ApiError.of(
                    422, bad.pointer(), ReasonType.INVALID_VALUE, field, "text", bad.problem());
              });
      return body;
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw ApiError.of(
          400, "", ReasonType.INVALID_VALUE, "body", "JSON", e.getOriginalMessage() + where);
    }
  }

  /**
   * The request body as a JSON object whose fields are all among {@code fields}; a 400 problem when
   * it is no object, a 422 problem naming each field it does not take. An unknown field is refused
   * rather than ignored, since ignoring it can change what the command means: {@code {"amount":1}}
   * sent to report a delivery would otherwise report everything outstanding.
   */
  JsonNode object(Context ctx, String... fields) {
    JsonNode body = body(ctx);
    if (!body.isObject()) {
      throw notAnObject();
    }
    List<Reason> unknown = CommandReader.unknownFields(body, List.of(fields));
    if (!unknown.isEmpty()) {
      throw new ApiError(422, unknown);
    }
    return body;
  }

  /** As {@link #object}, for a body that may be left out: no body reads as {@code {}}. */
  JsonNode optionalObject(Context ctx, String... fields) {
    return RequestBody.text(ctx).isBlank() ? MAPPER.createObjectNode() : object(ctx, fields);
  }

  static ApiError notAnObject() {
    return new ApiError(
        400,
        List.of(Reason.of("", ReasonType.INVALID_VALUE, "body", "JSON object", "expected {…}")));
  }

  /**
   * Runs a command to its durable outcome; a refusal becomes the matching problem. A command the
   * writer does not reach within {@link #COMMAND_WAIT} is withdrawn and answered 503 with
   * Retry-After: nothing was done, and the request thread is not held by a queue that long.
   */
  Decision.Accepted run(Function<Instant, DispatchCommand> command) {
    Outcome o;
    try {
      o = engine.execute(command, COMMAND_WAIT);
    } catch (EngineBusy e) {
      throw new ApiError(
              503,
              List.of(
                  Reason.of(
                      "",
                      ReasonType.WRONG_STATE,
                      "the",
                      "engine",
                      "busy",
                      "take this command now ("
                          + e.getMessage()
                          + "); retry after "
                          + BUSY_RETRY.toSeconds()
                          + " s")))
          .retryAfter(BUSY_RETRY.toSeconds());
    } catch (EngineStandby e) {
      throw new ApiError(
              503,
              List.of(Reason.of("", ReasonType.INVALID_VALUE, "server", "role", e.getMessage())))
          .retryAfter(1);
    } catch (EngineHalted e) {
      throw new ApiError(
          503, List.of(Reason.of("", ReasonType.INVALID_VALUE, "engine", "state", e.getMessage())));
    }
    if (o.decision() instanceof Decision.Rejected r) {
      throw new ApiError(ApiError.status(r.category()), r.reasons());
    }
    return (Decision.Accepted) o.decision();
  }

  static void json(Context ctx, int status, Object value) {
    try {
      if (Boolean.TRUE.equals(ctx.attribute(EXERCISE))) {
        // Everything produced in an exercise says so, in the body as well as in a header.
        JsonNode node = MAPPER.valueToTree(value);
        if (node.isObject()) {
          ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("exercise", true);
        }
        ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(node));
        return;
      }
      ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write response", e);
    }
  }
}
