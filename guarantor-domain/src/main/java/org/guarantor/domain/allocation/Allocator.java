package org.guarantor.domain.allocation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.domain.treaty.Treaty;

/**
 * The online allocator: fast, deterministic, greedy.
 *
 * <p>A pledge can serve a need when its capability and unit match, it is valid, its caveats allow
 * the threat, severity and region, it has quantity left, it is not excluded, and readiness plus
 * travel from its hub arrives by the due time. Among those, the earliest arrival (to the minute)
 * goes first; ties go to the guarantor with the smaller share of its pledged quantity already in
 * use, then to the smaller pledge id. What nothing can cover on time is the shortfall.
 *
 * <p>Stateless; the caller passes the quantities in use and receives them updated.
 */
public final class Allocator {
  private Allocator() {}

  /**
   * Allocates a need.
   *
   * @param held quantity in use per pledge; updated with the assignments made
   */
  public static Allocation allocate(Treaty treaty, Need need, Map<PledgeId, Long> held) {
    List<Candidate> candidates = new ArrayList<>();
    for (Pledge p : treaty.pledges()) {
      if (!servable(p, need)) {
        continue;
      }
      long left = p.quantity().amount() - held.getOrDefault(p.id(), 0L);
      if (left <= 0) {
        continue;
      }
      Hub hub = treaty.hub(p.hub()).orElse(null);
      double km =
          hub == null || p.transport().mode() == org.guarantor.domain.pledge.Transport.Mode.NONE
              ? 0
              : GreatCircle.km(hub.lat(), hub.lon(), need.lat(), need.lon());
      Duration travel = p.transport().travel(km);
      Instant arrival = need.from().plus(p.readiness()).plus(travel);
      if (arrival.isAfter(need.dueAt())) {
        continue;
      }
      candidates.add(new Candidate(p, arrival, km));
    }
    Burden burden = Burden.of(treaty, need.unit(), held);
    Comparator<Candidate> order =
        Comparator.<Candidate, Instant>comparing(c -> c.arrival.truncatedTo(ChronoUnit.MINUTES))
            .thenComparingDouble(c -> burden.share(c.pledge.guarantor()))
            .thenComparing(c -> c.pledge.id());
    long remaining = need.amount();
    List<Assignment> out = new ArrayList<>();
    while (remaining > 0 && !candidates.isEmpty()) {
      Candidate best = candidates.stream().min(order).orElseThrow();
      candidates.remove(best);
      long left = best.pledge.quantity().amount() - held.getOrDefault(best.pledge.id(), 0L);
      long take = Math.min(left, remaining);
      held.merge(best.pledge.id(), take, Long::sum);
      burden.add(best.pledge.guarantor(), take);
      remaining -= take;
      out.add(new Assignment(best.pledge, take, best.arrival, best.km));
    }
    String reason =
        remaining == 0
            ? ""
            : out.isEmpty()
                ? "no pledge of "
                    + need.capability()
                    + " in "
                    + need.unit()
                    + " can arrive by the deadline"
                : "pledges that can arrive by the deadline cover only "
                    + (need.amount() - remaining);
    return new Allocation(out, remaining, reason);
  }

  /** Whether a pledge may serve this need at all, ignoring quantity and time. */
  public static boolean servable(Pledge p, Need need) {
    return p.capability() == need.capability()
        && p.quantity().unit() == need.unit()
        && p.validAt(need.from())
        && !need.excluded().contains(p.id())
        && p.caveats().allow(need.threat(), need.severity(), need.regionCode());
  }

  private record Candidate(Pledge pledge, Instant arrival, double km) {}
}
