package org.guarantor.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.treaty.Treaty;

/**
 * The compliance ledger (JSON and CSV, readable by every authenticated party, observers included),
 * the secretariat's review of suspended guarantors, and the exercise clock.
 */
final class LedgerController {
  /** The longest single move of the exercise clock. */
  static final Duration MAX_ADVANCE = Duration.ofDays(30);

  private final Api api;

  LedgerController(Api api) {
    this.api = api;
  }

  /** Marks every API request of an exercise server, so every answer says it is an exercise. */
  void markExercise(Context ctx) {
    if (api.exercise()) {
      ctx.attribute(Api.EXERCISE, true);
      ctx.header("X-Guarantor-Exercise", "true");
    }
  }

  LedgerView.Ledger view() {
    Treaty treaty = api.treaty();
    return LedgerView.of(
        api.engine.state().ledger().snapshot(), treaty, api.engine.clock().instant());
  }

  void ledger(Context ctx) {
    api.actor(ctx);
    Api.json(ctx, 200, view());
  }

  void ledgerCsv(Context ctx) {
    api.actor(ctx);
    ctx.status(200)
        .contentType("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"guarantor-ledger.csv\"")
        .result(LedgerView.csv(view(), api.exercise()));
  }

  /** {@code POST /api/v1/ledger/{guarantor}/reinstate {"note": "…"}}: secretariat only. */
  void reinstate(Context ctx) {
    Actor actor = api.actor(ctx);
    String code = ctx.pathParam("guarantor");
    PartyCode g;
    try {
      g = PartyCode.of(code);
    } catch (IllegalArgumentException e) {
      throw ApiError.of(404, "/guarantor", ReasonType.NOT_FOUND, "guarantor", code);
    }
    JsonNode n = api.optionalObject(ctx, "note").get("note");
    if (n != null && !n.isNull() && !n.isTextual()) {
      throw ApiError.of(
          422, "/note", ReasonType.INVALID_VALUE, n.toString(), "note", "expected a string");
    }
    String text = n == null || n.isNull() ? "" : n.asText();
    api.run(t -> new DispatchCommand.Reinstate(actor, t, g, text));
    Api.json(ctx, 200, view());
  }

  /** {@code GET /api/v1/exercise/clock}: whether this is an exercise, and the engine's time. */
  void clock(Context ctx) {
    api.actor(ctx);
    Api.json(ctx, 200, clockState());
  }

  /**
   * {@code POST /api/v1/exercise/clock {"advance": "PT2H"}} (or {@code {"to": "2026-…Z"}}):
   * secretariat only, exercise servers only. Answers once every deadline the move passed has fired.
   */
  void advance(Context ctx) {
    Actor actor = api.actor(ctx);
    if (!api.exercise()) {
      throw ApiError.of(409, "", ReasonType.NOT_AN_EXERCISE, "moving the clock");
    }
    if (actor.role() != Role.SECRETARIAT) {
      throw ApiError.of(403, "", ReasonType.FORBIDDEN, actor.party(), "move the exercise clock");
    }
    JsonNode body = api.object(ctx, "advance", "to");
    JsonNode by = body.get("advance");
    JsonNode to = body.get("to");
    if ((by == null) == (to == null)) {
      throw ApiError.of(422, "/advance", ReasonType.REQUIRED, "advance (or to, but not both)");
    }
    if (by != null) {
      Duration d;
      try {
        d = Duration.parse(by.asText());
      } catch (DateTimeParseException e) {
        throw ApiError.of(
            422, "/advance", ReasonType.INVALID_VALUE, "advance", "ISO 8601 duration", by.asText());
      }
      if (d.isNegative() || d.isZero() || d.compareTo(MAX_ADVANCE) > 0) {
        throw ApiError.of(
            422, "/advance", ReasonType.OUT_OF_RANGE, "advance", "PT1S", MAX_ADVANCE, d);
      }
      api.exerciseClock.advance(d);
    } else {
      Instant t;
      try {
        t = Instant.parse(to.asText());
      } catch (DateTimeParseException e) {
        throw ApiError.of(422, "/to", ReasonType.INVALID_VALUE, "to", "time", to.asText());
      }
      Instant now = api.exerciseClock.instant();
      if (!t.isAfter(now) || t.isAfter(now.plus(MAX_ADVANCE))) {
        throw ApiError.of(422, "/to", ReasonType.OUT_OF_RANGE, "to", now, now.plus(MAX_ADVANCE), t);
      }
      api.exerciseClock.advanceTo(t);
    }
    api.engine.awaitIdle();
    Api.json(ctx, 200, clockState());
  }

  private Map<String, Object> clockState() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("exercise", api.exercise());
    out.put("now", api.engine.clock().instant().toString());
    out.put("pendingDeadlines", api.engine.state().pendingTimers());
    out.put("events", api.engine.lastPosition());
    return out;
  }
}
