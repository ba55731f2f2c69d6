package org.guarantor.engine.credibility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.domain.treaty.HubId;
import org.guarantor.domain.treaty.Treaty;
import org.locationtech.jts.geom.Envelope;

/**
 * What chance decides about one crisis before it starts: its threats, the transport slowdown, the
 * hubs out of service and the seed of every guarantor's fate. Drawn from (seed, run index) and the
 * treaty as written, so that a variant of the treaty (a party removed) meets the same crisis.
 * Immutable.
 */
record Draw(List<Threat> threats, double slowdown, Set<HubId> hubsOut, long fateSeed) {
  /** One threat report: which plan, where, how long after the crisis starts. */
  record Threat(ResponsePlan plan, double lat, double lon, Duration offset) {}

  /** Reports are spread over the first hours of the crisis. */
  static final Duration SPREAD = Duration.ofHours(12);

  private static final int MAX_TRIES = 10_000;

  /** A run's own random source: the same for (seed, run) on any thread, independent across runs. */
  static SplittableRandom random(long seed, int run) {
    return new SplittableRandom(new SplittableRandom(seed).split().nextLong() ^ mix(run));
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static Draw of(Treaty treaty, CoveredTerritory territory, Behaviour b, long seed, int run) {
    SplittableRandom r = random(seed, run);
    double slowdown = b.slowdownMin() + (b.slowdownMax() - b.slowdownMin()) * r.nextDouble();
    Set<HubId> out = new HashSet<>();
    for (Hub h : treaty.hubs()) {
      if (r.nextDouble() < b.hubOutage()) {
        out.add(h.id());
      }
    }
    int n = 1 + r.nextInt(3);
    Envelope land = territory.coveredLand().getEnvelopeInternal();
    List<ResponsePlan> plans = treaty.plans();
    List<Threat> threats = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ResponsePlan plan = plans.get(r.nextInt(plans.size()));
      Duration offset = i == 0 ? Duration.ZERO : Duration.ofMinutes(r.nextLong(SPREAD.toMinutes()));
      double[] at = place(territory, land, r);
      threats.add(new Threat(plan, at[0], at[1], offset));
    }
    threats.sort(java.util.Comparator.comparing(Threat::offset));
    return new Draw(threats, slowdown, Set.copyOf(out), r.nextLong());
  }

  /** A point on covered land, by rejection inside the land's envelope. */
  private static double[] place(CoveredTerritory territory, Envelope land, SplittableRandom r) {
    for (int i = 0; i < MAX_TRIES; i++) {
      double lat = land.getMinY() + r.nextDouble() * land.getHeight();
      double lon = land.getMinX() + r.nextDouble() * land.getWidth();
      if (territory.check(lat, lon).cause() == ScopeAnswer.Cause.IN_COVERED_TERRITORY) {
        return new double[] {lat, lon};
      }
    }
    throw new IllegalArgumentException("no covered land found in the territory's envelope");
  }
}
