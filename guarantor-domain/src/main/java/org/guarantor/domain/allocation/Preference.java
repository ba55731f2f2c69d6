package org.guarantor.domain.allocation;

/**
 * The online allocator's order among pledges that can all serve a need on time, as one score in
 * minutes (the smaller goes first), and the rule a pledge lost on.
 *
 * <ol>
 *   <li><b>Least margin.</b> The margin is the whole minutes from the pledge's arrival to the
 *       need's deadline. The pledge that only just makes it goes first, so pledges that could make
 *       tighter deadlines stay free for the lines that need them (a line is covered as fully either
 *       way; what differs is what is left for the next line).
 *   <li><b>Burden share</b>, weighted by the treaty. Each guarantor's share of its pledged quantity
 *       in the need's unit that is in use, in [0, 1], counts as {@code weight ×} {@link
 *       #BURDEN_MINUTES} minutes of margin: at weight 1 a guarantor with half its pledged quantity
 *       in use must be 12 hours tighter to go before one with none in use. Weight 0 turns this off.
 *       (On generated instances weights up to 1 cost no coverage, 2 a little and 4 more, while the
 *       burden deviation falls: see {@code docs/benchmarks.md}.)
 *   <li><b>Reliability.</b> A delivery record {@code r} in [0, 1] counts as {@code (1 − r) ×}
 *       {@link #RELIABILITY_MINUTES} minutes of margin, the same price the exact optimizer puts on
 *       it.
 * </ol>
 *
 * A treaty's safety margin comes before all three: a pledge that would arrive on time but less than
 * the safety margin before the deadline goes after every pledge with more to spare (among such thin
 * ones, the most to spare first), and margins above it count from it, so that the pledge arriving
 * closest to "deadline less safety margin" goes first. With no safety margin (the default) this is
 * the plain least-margin rule.
 *
 * <p>Equal scores go to the smaller pledge id. A suspended guarantor goes after every other
 * whatever its score; that is the allocator's rule, not a term here. Immutable and thread-safe.
 */
final class Preference {
  /** Minutes of margin that a guarantor with all its pledged quantity in use costs, at weight 1. */
  static final double BURDEN_MINUTES = 24 * 60;

  /** Minutes of margin that a reliability of 0 costs (as in the exact optimizer). */
  static final double RELIABILITY_MINUTES = 60;

  /** Added to a thin margin's term, so that it sorts after any margin with room to spare. */
  private static final double THIN = 1e9;

  private final double burdenWeight;
  private final long safetyMinutes;

  /**
   * @param burdenWeight the treaty's weight of burden-sharing; 0 turns it off
   * @throws IllegalArgumentException when negative or not finite
   */
  Preference(double burdenWeight) {
    this(burdenWeight, 0);
  }

  /**
   * @param safetyMinutes the treaty's safety margin in whole minutes; 0 for none
   */
  Preference(double burdenWeight, long safetyMinutes) {
    if (!(burdenWeight >= 0) || Double.isInfinite(burdenWeight)) {
      throw new IllegalArgumentException("burdenWeight must be a finite number >= 0");
    }
    if (safetyMinutes < 0) {
      throw new IllegalArgumentException("safetyMinutes must be >= 0");
    }
    this.burdenWeight = burdenWeight;
    this.safetyMinutes = safetyMinutes;
  }

  /** Whether a margin is inside the safety margin (on time, but with too little to spare). */
  boolean thin(long marginMinutes) {
    return marginMinutes < safetyMinutes;
  }

  double marginTerm(long marginMinutes) {
    return thin(marginMinutes)
        ? THIN + (safetyMinutes - marginMinutes)
        : marginMinutes - safetyMinutes;
  }

  /** Whether burden shares count at all (a weight of 0 turns them off). */
  boolean weighsBurden() {
    return burdenWeight > 0;
  }

  /** The score of a pledge: its margin, plus what its guarantor's burden and record cost. */
  double score(long marginMinutes, double burdenShare, double reliability) {
    return marginTerm(marginMinutes) + burdenTerm(burdenShare) + reliabilityTerm(reliability);
  }

  double burdenTerm(double burdenShare) {
    return burdenWeight == 0 ? 0 : burdenWeight * BURDEN_MINUTES * burdenShare;
  }

  static double reliabilityTerm(double reliability) {
    return RELIABILITY_MINUTES * (1 - Math.max(0, Math.min(1, reliability)));
  }

  /**
   * Which rule a pledge lost on against one that went before it with a smaller score: the term that
   * counted most against it; {@link Alternative.Lost#PLEDGE_ORDER} when the scores are equal.
   */
  Alternative.Lost lostOn(
      long margin,
      double share,
      double reliability,
      long winnerMargin,
      double winnerShare,
      double winnerReliability) {
    if (thin(margin) && !thin(winnerMargin)) {
      return Alternative.Lost.THIN_MARGIN;
    }
    double byMargin = marginTerm(margin) - marginTerm(winnerMargin);
    double byBurden = burdenTerm(share) - burdenTerm(winnerShare);
    double byRecord = reliabilityTerm(reliability) - reliabilityTerm(winnerReliability);
    if (byMargin + byBurden + byRecord <= 0) {
      return Alternative.Lost.PLEDGE_ORDER;
    }
    if (byMargin >= byBurden && byMargin >= byRecord) {
      return Alternative.Lost.LARGER_MARGIN;
    }
    return byBurden >= byRecord
        ? Alternative.Lost.HIGHER_BURDEN_SHARE
        : Alternative.Lost.LOWER_RELIABILITY;
  }
}
