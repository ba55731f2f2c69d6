package org.guarantor.server;

import io.javalin.http.Context;
import java.util.Optional;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.dispatch.Replan;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.treaty.Treaty;

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
    Actor actor = api.actor(ctx);
    Treaty treaty = api.treaty();
    String id = ctx.pathParam("id");
    api.optionalObject(ctx);
    Optional<Incident> found = api.engine.state().incident(new IncidentId(id));
    if (found.isEmpty() || Access.incident(actor, found.get(), treaty) == Access.View.NONE) {
      throw ApiError.of(404, "/id", ReasonType.NOT_FOUND, "incident", id);
    }
    if (!Access.mayReplan(actor)) {
      throw ApiError.of(403, "", ReasonType.FORBIDDEN, actor.party(), "ask for a re-plan");
    }
    Incident i = found.get();
    if (i.state() != IncidentState.ACTIVATED) {
      throw ApiError.of(
          409, "/id", ReasonType.WRONG_STATE, "incident", i.id(), i.state(), "re-plan");
    }
    if (replanning == null) {
      throw ApiError.of(
          503, "", ReasonType.INVALID_VALUE, "re-planning", "service", "not run by this server");
    }
    Api.json(ctx, 202, replanning.request(i.id(), Replan.Trigger.REQUESTED));
  }
}
