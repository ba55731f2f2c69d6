package org.guarantor.optimizer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.guarantor.domain.allocation.Need;
import org.guarantor.domain.allocation.Standing;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.treaty.Hub;

/**
 * A pure description of what is to be planned, the same for both allocators: the lines in the order
 * they were activated, each a {@link Need} for the quantity still to place; the pledges and hubs;
 * the quantity in use by everything that is not being planned (other incidents, and taskings
 * already acknowledged, which are fixed); and each guarantor's reliability. Immutable.
 *
 * @param burdenWeight the treaty's weight on keeping guarantors' shares of tasked quantity close to
 *     their shares of pledged quantity; 0 turns burden-sharing off. The online allocator trades it
 *     against margin ({@code Allocator}); the exact optimizer's objective is lexicographic, so
 *     there any positive weight means the same thing: burden deviation second, after coverage
 * @param kept taskings in force that a re-plan may keep as they are: their arrival was fixed when
 *     they were issued, so keeping one may meet a deadline that issuing the same pledge anew no
 *     longer would; their quantity is not in {@code held}
 */
public record Problem(
    List<Hub> hubs,
    List<Pledge> pledges,
    List<Line> lines,
    Map<PledgeId, Long> held,
    Map<PartyCode, Double> reliability,
    double burdenWeight,
    List<Kept> kept) {

  /** Up to {@code amount} of a pledge on line {@code line}, arriving as issued. */
  public record Kept(int line, PledgeId pledge, long amount, java.time.Instant arrival) {}

  /** A problem where nothing is in force yet: everything is placed anew. */
  public Problem(
      List<Hub> hubs,
      List<Pledge> pledges,
      List<Line> lines,
      Map<PledgeId, Long> held,
      Map<PartyCode, Double> reliability,
      double burdenWeight) {
    this(hubs, pledges, lines, held, reliability, burdenWeight, List.of());
  }

  /** One line to plan; {@code key} names it in output ("INC-1/2"). */
  public record Line(String key, Need need) {
    public Line {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(need, "need");
    }
  }

  public Problem {
    hubs = List.copyOf(hubs);
    pledges = List.copyOf(pledges);
    lines = List.copyOf(lines);
    held = Map.copyOf(held);
    reliability = Map.copyOf(reliability);
    kept = kept == null ? List.of() : List.copyOf(kept);
    if (!(burdenWeight >= 0) || Double.isInfinite(burdenWeight)) {
      throw new IllegalArgumentException("burdenWeight must be finite and >= 0: " + burdenWeight);
    }
  }

  /** Whether the exact optimizer minimises burden-share deviation after coverage. */
  public boolean burdenSharing() {
    return burdenWeight > 0;
  }

  /** The same problem under another burden weight. */
  public Problem withBurdenWeight(double weight) {
    return new Problem(hubs, pledges, lines, held, reliability, weight, kept);
  }

  /** Total quantity to place over all lines. */
  public long required() {
    return lines.stream().mapToLong(l -> l.need().amount()).sum();
  }

  public double reliability(PartyCode guarantor) {
    return reliability.getOrDefault(guarantor, 1.0);
  }

  /** The guarantors' standing as the online allocator weighs it: reliability, nobody suspended. */
  public Standing standing() {
    return new Standing() {
      @Override
      public double reliability(PartyCode guarantor) {
        return Problem.this.reliability(guarantor);
      }

      @Override
      public boolean suspended(PartyCode guarantor) {
        return false;
      }
    };
  }
}
