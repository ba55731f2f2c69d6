package org.guarantor.bench.replan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.dispatch.Replan;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.Engine;
import org.guarantor.engine.Published;
import org.guarantor.engine.scenario.TreatyFile;
import org.guarantor.optimizer.ExactPlanner;
import org.guarantor.optimizer.StateReplanner;
import org.guarantor.server.Replanning;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * End-to-end re-plan latency on a real engine over SQLite: from a decline's durable answer to the
 * durable {@code ReplanAdopted} (read the state, solve, submit, decide, append). One run.
 *
 * <p>{@code ReplanLatency INCIDENTS COPIES}: {@code INCIDENTS} calls (air attack and ground
 * invasion, severity 3, alternating) against the bundled treaty with every pledge copied {@code
 * COPIES} times (new ids, same hubs and caveats). {@code 1 1}: the bundled scenario; {@code 220
 * 100}: about 1,000 lines against about 5,000 pledges.
 */
public final class ReplanLatency {
  private static final GeometryFactory GEO = new GeometryFactory(new PrecisionModel(), 4326);
  private static final Actor UKR = new Actor(PartyCode.of("UKR"), Role.PROTECTED);
  private static final double[][] PLACES = {
    {50.45, 30.52}, {49.99, 36.23}, {49.84, 24.03}, {46.48, 30.72},
    {48.46, 35.05}, {50.25, 28.66}, {49.59, 34.55}, {49.23, 28.47}
  };

  private ReplanLatency() {}

  public static void main(String[] args) throws Exception {
    int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int copies = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    ExactPlanner.warmUp();
    Treaty treaty = copies == 1 ? TreatyFile.bundled() : copied(TreatyFile.bundled(), copies);
    Path dir = Files.createTempDirectory("replan-latency");
    try (EventLog log = JdbcEventLog.sqlite(dir)) {
      Engine engine =
          Engine.start(log, new DispatchState(NaturalEarthAtlas.load()), Clock.systemUTC());
      engine.execute(at -> new DispatchCommand.AdoptTreaty(Engine.SYSTEM, at, treaty));
      for (int i = 0; i < incidents; i++) {
        double[] p = PLACES[i % PLACES.length];
        ThreatType type = i % 2 == 0 ? ThreatType.AIR_ATTACK : ThreatType.GROUND_INVASION;
        String key = "call-" + i;
        double lon = p[1] + i % 7 * 0.01;
        engine.execute(
            at ->
                new DispatchCommand.FileReport(
                    UKR,
                    at,
                    key,
                    new ThreatReport(
                        type, 3, GEO.createPoint(new Coordinate(lon, p[0])), at, "load")));
      }
      long lines =
          engine.state().incidents().stream().mapToLong(x -> x.requirements().size()).sum();
      CompletableFuture<DispatchEvent.ReplanAdopted> adopted = new CompletableFuture<>();
      long[] adoptedAt = new long[1];
      engine.onPublished(
          batch -> {
            for (Published p : batch) {
              if (p.event() instanceof DispatchEvent.ReplanAdopted a && !adopted.isDone()) {
                adoptedAt[0] = System.nanoTime();
                adopted.complete(a);
              }
            }
          });
      Replanning replanning =
          new Replanning(
              engine,
              (state, incident, trigger, budget, now) ->
                  StateReplanner.propose(state, incident, trigger, budget, now).proposal(),
              Replanning.DEFAULT_BUDGET);
      List<Incident> all = new ArrayList<>(engine.state().incidents());
      Incident last = all.get(all.size() - 1);
      Tasking t =
          last.taskings().stream()
              .filter(x -> x.state() == TaskingState.ISSUED)
              .max((a, b) -> Long.compare(a.quantity().amount(), b.quantity().amount()))
              .orElseThrow();
      Actor g = new Actor(t.guarantor(), Role.GUARANTOR);
      engine.execute(at -> new DispatchCommand.Decline(g, at, t.id(), "benchmark"));
      long declined = System.nanoTime();
      String trigger = "decline";
      replanning.awaitIdle(Duration.ofSeconds(60));
      if (!adopted.isDone()) {
        // The decline's re-plan covered no more than the plan in force, so it was not adopted (no
        // churn unasked); the secretariat's request adopts the optimal plan at equal coverage.
        trigger = "decline re-planned, not adopted (no gain); request";
        declined = System.nanoTime();
        replanning.request(last.id(), Replan.Trigger.REQUESTED);
      }
      String outcome;
      try {
        DispatchEvent.ReplanAdopted a = adopted.get(60, TimeUnit.SECONDS);
        outcome =
            String.format(
                "%s adopted: trigger→adoption %d ms (solver %d ms, %s), coverage %d → %d,"
                    + " %d withdrawn, %d issued",
                trigger,
                Duration.ofNanos(adoptedAt[0] - declined).toMillis(),
                a.elapsed().toMillis(),
                a.solverStatus(),
                a.coveredBefore(),
                a.coveredAfter(),
                a.withdrawn().size(),
                a.issued().size());
      } catch (java.util.concurrent.TimeoutException e) {
        outcome = "nothing adopted (the plan in force was already optimal)";
      }
      System.out.printf(
          "%d incidents, %d lines, %d pledges, %d cores: %s%n",
          incidents,
          lines,
          treaty.pledges().size(),
          Runtime.getRuntime().availableProcessors(),
          outcome);
      replanning.close();
      engine.close();
    }
  }

  private static Treaty copied(Treaty t, int copies) {
    List<Pledge> pledges = new ArrayList<>();
    for (int k = 0; k < copies; k++) {
      for (Pledge p : t.pledges()) {
        pledges.add(
            new Pledge(
                k == 0 ? p.id() : new PledgeId(p.id().value() + "-" + k),
                p.guarantor(),
                p.capability(),
                p.quantity(),
                p.readiness(),
                p.hub(),
                p.transport(),
                p.caveats(),
                p.validFrom(),
                p.validUntil()));
      }
    }
    return t.withPledges(pledges);
  }
}
