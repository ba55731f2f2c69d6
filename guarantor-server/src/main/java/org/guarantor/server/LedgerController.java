package org.guarantor.server;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.treaty.Treaty;

/**
 * The compliance ledger (JSON and CSV, readable by every authenticated party, observers included,
 * each as {@link LedgerView} lets it), the secretariat's review of suspended guarantors, and the
 * exercise clock.
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

  /** The ledger as {@code reader} may read it (see {@link LedgerView}). */
  LedgerView.Ledger view(Actor reader) {
    Treaty treaty = api.treaty();
    return LedgerView.of(
        api.engine.state().ledger().snapshot(), treaty, api.engine.clock().instant(), reader);
  }

  void ledger(Context ctx) {
    Api.json(ctx, 200, view(api.actor(ctx)));
  }

  void ledgerCsv(Context ctx) {
    Actor reader = api.actor(ctx);
    ctx.status(200)
        .contentType("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"guarantor-ledger.csv\"")
        .result(LedgerView.csv(view(reader), api.exercise()));
  }

  /** {@code POST /api/v1/ledger/{guarantor}/reinstate {"note": "…"}}: secretariat only. */
  void reinstate(Context ctx) {
    Api.SignedCommand c = api.command(ctx);
    api.run(c.command());
    Api.json(ctx, 200, view(c.actor()));
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
    if (!api.exercise()) {
      throw ApiError.of(409, "", ReasonType.NOT_AN_EXERCISE, "moving the clock");
    }
    Decision.Accepted a = api.run(api.command(ctx).command());
    // The move is durable: now the clock moves, and every deadline it passes fires.
    api.exerciseClock.advanceTo(Instant.parse(a.subject()));
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
