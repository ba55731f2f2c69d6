package org.guarantor.server;

import io.javalin.http.Context;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.dispatch.Replan;
import org.guarantor.domain.incident.IncidentId;

/**
 * {@code POST /api/v1/incidents/{id}/replan}: the secretariat asks for an exact re-plan. The answer
 * (202) says what was started; the outcome arrives later as events (a {@code ReplanAdopted} with
 * its withdrawals and new taskings), or not at all when the plan in force is already as good.
 */
final class ReplanController {
  private final Api api;
  private final Replanning replanning;

  /** {@code replanning} is null on a server that runs no re-plans. */
  ReplanController(Api api, Replanning replanning) {
    this.api = api;
    this.replanning = replanning;
  }

  void replan(Context ctx) {
    Api.SignedCommand c = api.command(ctx);
    if (replanning == null && !Access.mayReplan(c.actor())) {
      // Refused as a server that runs re-plans would refuse it (403, or 404 when unseen).
      api.run(c.command());
    }
    if (replanning == null) {
      throw ApiError.of(
          503, "", ReasonType.INVALID_VALUE, "re-planning", "service", "not run by this server");
    }
    Decision.Accepted a = api.run(c.command());
    Api.json(ctx, 202, replanning.request(new IncidentId(a.subject()), Replan.Trigger.REQUESTED));
  }
}
