package org.guarantor.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.Engine;
import org.guarantor.engine.EngineHalted;
import org.guarantor.engine.ExerciseClock;
import org.guarantor.engine.Outcome;
import org.guarantor.engine.codec.Json;

/** What every controller needs: the engine, the caller's identity, JSON in and out. */
final class Api {
  static final ObjectMapper MAPPER =
      Json.mapper()
          .copy()
          .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, false)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false)
          .configure(SerializationFeature.INDENT_OUTPUT, false);

  /** Request attribute set on every API request of an exercise server. */
  static final String EXERCISE = "guarantor.exercise";

  final Engine engine;

  /** The virtual clock when the server runs an exercise; null when it runs live. */
  final ExerciseClock exerciseClock;

  Api(Engine engine) {
    this(engine, null);
  }

  Api(Engine engine, ExerciseClock exerciseClock) {
    this.engine = engine;
    this.exerciseClock = exerciseClock;
  }

  boolean exercise() {
    return exerciseClock != null;
  }

  Treaty treaty() {
    return engine.state().treaty().orElseThrow(() -> ApiError.of(503, "", ReasonType.NO_TREATY));
  }

  /** The authenticated caller, or a 401 problem. */
  Actor actor(Context ctx) {
    return Tokens.actor(ctx.header("Authorization"), treaty())
        .orElseThrow(
            () ->
                new ApiError(
                    401,
                    List.of(
                        Reason.of(
                            "/headers/Authorization",
                            ReasonType.INVALID_VALUE,
                            "Authorization",
                            "bearer token",
                            "send Authorization: Bearer <token> of a party of the treaty"))));
  }

  /**
   * The request body as JSON, or a 400 problem naming where it broke; a 422 problem naming the
   * field when some text in it could not be stored (see {@link Json#unstorableText}).
   */
  JsonNode body(Context ctx) {
    String text = ctx.body();
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
    List<Reason> unknown = unknownFields(body, List.of(fields));
    if (!unknown.isEmpty()) {
      throw new ApiError(422, unknown);
    }
    return body;
  }

  /** As {@link #object}, for a body that may be left out: no body reads as {@code {}}. */
  JsonNode optionalObject(Context ctx, String... fields) {
    return ctx.body().isBlank() ? MAPPER.createObjectNode() : object(ctx, fields);
  }

  static ApiError notAnObject() {
    return new ApiError(
        400,
        List.of(Reason.of("", ReasonType.INVALID_VALUE, "body", "JSON object", "expected {…}")));
  }

  /** A reason for each field of {@code body} that is not among {@code fields}. */
  static List<Reason> unknownFields(JsonNode body, List<String> fields) {
    List<Reason> r = new java.util.ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!fields.contains(f)) {
                r.add(
                    Reason.of(
                        "/" + f,
                        ReasonType.INVALID_VALUE,
                        f,
                        "field",
                        fields.isEmpty()
                            ? "this request takes no fields"
                            : "unknown field; this request takes " + String.join(", ", fields)));
              }
            });
    return r;
  }

  /** Runs a command to its durable outcome; a refusal becomes the matching problem. */
  Decision.Accepted run(Function<Instant, DispatchCommand> command) {
    Outcome o;
    try {
      o = engine.execute(command);
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
