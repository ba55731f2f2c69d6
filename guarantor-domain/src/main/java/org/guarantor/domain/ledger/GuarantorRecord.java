package org.guarantor.domain.ledger;

import java.time.Duration;
import java.util.List;
import org.guarantor.domain.party.PartyCode;

/**
 * One guarantor's compliance record at a point in the log. Immutable.
 *
 * @param received taskings issued to it
 * @param acknowledgedOnTime acknowledged by the acknowledgement deadline
 * @param acknowledgedLate acknowledged after it (during the grace period)
 * @param declined taskings it declined ({@link #declines} gives the reasons)
 * @param deliveredOnTime delivered in full by the delivery deadline
 * @param deliveredLate delivered in full after it (LATE)
 * @param breached ended BREACHED: a missed deadline was not remedied within the grace period
 * @param released closed with their incident before delivery
 * @param open still running
 * @param units quantities in each unit
 * @param medianAcknowledgement median time from issue to acknowledgement; null before the first
 * @param fundContributions total of the fund contributions applied
 * @param notices public notices applied
 * @param suspended whether it has lost the right to be tasked first, pending review
 * @param breachesSinceReview breaches since it was last reinstated (or since the start)
 * @param reliability see {@link Reliability}
 */
public record GuarantorRecord(
    PartyCode guarantor,
    int received,
    int acknowledgedOnTime,
    int acknowledgedLate,
    int declined,
    int deliveredOnTime,
    int deliveredLate,
    int breached,
    int released,
    int open,
    List<UnitFigures> units,
    Duration medianAcknowledgement,
    List<Decline> declines,
    double fundContributions,
    String currency,
    int notices,
    boolean suspended,
    int breachesSinceReview,
    double reliability) {
  public GuarantorRecord {
    units = List.copyOf(units);
    declines = List.copyOf(declines);
  }

  /** A declined tasking and the reason the guarantor gave. */
  public record Decline(java.time.Instant at, String unit, long quantity, String reason) {}
}
