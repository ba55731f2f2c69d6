package org.guarantor.domain.allocation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.PledgeId;

/**
 * A pledge that was considered for a need and not used, and why: data, so that it is cheap to make
 * at allocation and can be worded at the edge ({@link #detail()}). Pledges of another capability or
 * unit are never listed: they were not candidates. Immutable.
 *
 * @param arrival when it would have arrived; null when it was ruled out before time was looked at
 * @param reference the deadline it missed ({@link Lost#TOO_LATE}) or the arrival of the pledge that
 *     beat it (ranked lower); else null
 * @param winner the last pledge used, which it ranked below; null when it was ruled out
 * @param mine its reliability ({@link Lost#LOWER_RELIABILITY}) or its guarantor's burden share
 *     ({@link Lost#HIGHER_BURDEN_SHARE}); else 0
 * @param theirs the same figure for the winner
 */
public record Alternative(
    PledgeId pledge,
    PartyCode guarantor,
    Lost lost,
    Instant arrival,
    Instant reference,
    PledgeId winner,
    PartyCode winnerGuarantor,
    double mine,
    double theirs) {
  /** Why an alternative lost, in the order the allocator applies its rules. */
  public enum Lost {
    /** The guarantor declined this line already. */
    DECLINED,
    /** Not valid at the time of the call. */
    NOT_VALID,
    /** A caveat rules out this threat type, severity or region. */
    CAVEAT,
    /** Everything pledged is in use by other taskings. */
    NO_QUANTITY_LEFT,
    /** Readiness and travel miss the deadline. */
    TOO_LATE,
    /** On time, but its guarantor is suspended and goes after every other. */
    SUSPENDED,
    /**
     * Recorded by the earlier earliest-arrival rule (it arrived in a later minute); no longer
     * given, kept so that taskings recorded under that rule still read.
     */
    LATER_ARRIVAL,
    /**
     * On time, but with more time to spare than the pledge used, which also makes the deadline: the
     * faster pledge is kept for lines with tighter deadlines.
     */
    LARGER_MARGIN,
    /**
     * On time, but inside the treaty's safety margin before the deadline, while the pledge used
     * arrives with more to spare.
     */
    THIN_MARGIN,
    /** On time, but its guarantor's weaker delivery record counted most against it. */
    LOWER_RELIABILITY,
    /** On time, but its guarantor's larger share of its pledges in use counted most against it. */
    HIGHER_BURDEN_SHARE,
    /** Equal on the allocator's score; the smaller pledge id went first. */
    PLEDGE_ORDER,
    /** The treaty counts only certified pledges, and the secretariat has not certified this one. */
    NOT_CERTIFIED,
    /** The treaty counts only certified pledges, and this one's certification had expired. */
    CERTIFICATION_EXPIRED
  }

  public Alternative {
    Objects.requireNonNull(pledge, "pledge");
    Objects.requireNonNull(lost, "lost");
  }

  /** One short sentence, e.g. "arrives 2025-03-01T21:10Z, 1 h 10 min after the deadline …". */
  public String detail() {
    switch (lost) {
      case DECLINED:
        return guarantor + " declined this line";
      case NOT_VALID:
        return "the pledge was not valid at the time of the call";
      case CAVEAT:
        return "a caveat excludes this threat type, severity or region";
      case NO_QUANTITY_LEFT:
        return "all of it is in use by other taskings";
      case NOT_CERTIFIED:
        return "not certified: the treaty counts a pledge only once the secretariat has certified"
            + " it";
      case CERTIFICATION_EXPIRED:
        return "its certification had expired: the treaty counts a pledge only while one is in"
            + " force";
      case TOO_LATE:
        return "arrives "
            + minutes(arrival)
            + ", "
            + span(Duration.between(reference, arrival))
            + " after the deadline "
            + minutes(reference);
      case SUSPENDED:
        return guarantor + " is suspended: tasked only after every other guarantor";
      case LATER_ARRIVAL:
        return "arrives "
            + minutes(arrival)
            + ", "
            + span(Duration.between(reference, arrival))
            + " after "
            + winner;
      case LARGER_MARGIN:
        return "arrives "
            + minutes(arrival)
            + ", "
            + span(Duration.between(arrival, reference))
            + " before "
            + winner
            + ", which also makes the deadline: the faster pledge is kept for tighter deadlines";
      case THIN_MARGIN:
        return "arrives "
            + minutes(arrival)
            + ", on time but inside the treaty's safety margin before the deadline, while "
            + winner
            + " leaves room for delay";
      case LOWER_RELIABILITY:
        return "reliability " + mine + " against " + theirs + " for " + winnerGuarantor;
      case HIGHER_BURDEN_SHARE:
        return guarantor
            + " has "
            + percent(mine)
            + " of its pledged quantity in use, "
            + winnerGuarantor
            + " "
            + percent(theirs);
      default:
        return "equal on every rule; " + winner + " comes first by id";
    }
  }

  private static String minutes(Instant t) {
    return t.truncatedTo(ChronoUnit.MINUTES).toString();
  }

  private static String span(Duration d) {
    long m = d.toMinutes();
    return m >= 60 ? m / 60 + " h " + m % 60 + " min" : m + " min";
  }

  private static String percent(double share) {
    return Math.round(share * 1000) / 10.0 + " %";
  }
}
