package org.guarantor.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.PledgedTotal;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.scenario.TreatyFile;

/** The treaty in force, and the service's health. */
final class TreatyController {
  private final Api api;

  TreatyController(Api api) {
    this.api = api;
  }

  /** The treaty file's JSON Schema, read once: it is part of the build. */
  private static final String SCHEMA = TreatyFile.schema();

  /**
   * {@code GET /api/v1/treaty/schema}: the JSON Schema (draft 2020-12) of a treaty file, for
   * anyone, as the atlas is: it says how a treaty is written, nothing of the treaty in force.
   */
  void schema(Context ctx) {
    ctx.header("Cache-Control", "max-age=3600")
        .contentType("application/schema+json")
        .result(SCHEMA);
  }

  /**
   * The treaty in force, as {@link Access#treaty} lets the caller see it: whole (hubs, pledges) for
   * the parties, the {@link PublicTreaty} for the public; its versions; per guarantor the quantity
   * pledged of each capability; and how much of each pledge is in use, where {@link
   * Access#mayReadPledgeUse} allows.
   */
  void treaty(Context ctx) {
    Actor actor = api.actor(ctx);
    Treaty t = api.treaty();
    Access.TreatyView view = Access.treaty(actor);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("view", view.name());
    out.put("treaty", view == Access.TreatyView.FULL ? t : PublicTreaty.of(t));
    // Always whole, bundled or not (the treaty's own JSON leaves the bundled words out): the
    // threat types to report, the units and capabilities with their labels, and which units count
    // people.
    out.put("vocabulary", t.vocabulary());
    out.put(
        "versions",
        api.engine.state().treatyVersions().stream()
            .map(v -> Map.of("version", v.version(), "effectiveFrom", v.effectiveFrom().toString()))
            .toList());
    out.put("pledged", PledgedTotal.of(t.pledges()));
    Map<String, Long> inUse = new LinkedHashMap<>();
    Map<PledgeId, Long> held = api.engine.state().held();
    for (Pledge p : t.pledges()) {
      if (Access.mayReadPledgeUse(actor, p)) {
        inUse.put(p.id().value(), held.getOrDefault(p.id(), 0L));
      }
    }
    if (!inUse.isEmpty()) {
      out.put("pledgesInUse", inUse);
    }
    Api.json(ctx, 200, out);
  }

  /** {@code GET /api/v1/me}: who the token belongs to, so a client need not parse tokens. */
  void me(Context ctx) {
    Actor actor = api.actor(ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("party", actor.party().value());
    out.put(
        "name", api.treaty().party(actor.party()).map(p -> p.name()).orElse(actor.party().value()));
    out.put("role", actor.role().name());
    Api.json(ctx, 200, out);
  }

  void health(Context ctx) {
    DispatchState s = api.engine.state();
    Map<String, Object> out = new LinkedHashMap<>();
    String halt = api.engine.haltReason().orElse(null);
    out.put("status", halt == null ? "UP" : "HALTED");
    if (halt != null) {
      out.put("reason", halt);
    }
    java.util.concurrent.CompletableFuture<Void> chain = api.engine.chainChecked();
    // "checking": the chain below the snapshot the start restored is being verified; no write
    // is taken until it is.
    out.put(
        "chain",
        !chain.isDone() ? "checking" : chain.isCompletedExceptionally() ? "broken" : "verified");
    // "standby": follows the log another server writes, serves reads, takes no command.
    out.put("role", api.engine.isWriter() ? "writer" : "standby");
    out.put("events", api.engine.lastPosition());
    out.put("incidents", s.incidents().size());
    out.put("pendingDeadlines", s.pendingTimers());
    out.put("queued", api.engine.queued());
    s.treaty().ifPresent(t -> out.put("treaty", t.id() + " v" + t.version()));
    out.put("log", api.auth.logId());
    out.put("demo", s.keyring().demo());
    Api.json(ctx, halt == null ? 200 : 503, out);
  }
}
