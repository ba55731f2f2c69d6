package org.guarantor.domain.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.TaskingId;

/**
 * Everything a {@link Ledger} knows, as a value: {@link Ledger#image()} takes it and {@link
 * Ledger#restore} rebuilds a ledger that behaves exactly as the one it was taken from. It is the
 * ledger's part of a state snapshot, so it carries the raw counters and lists, not the judged
 * figures of a {@link LedgerSnapshot} (which are computed from these). Immutable and thread-safe.
 *
 * @param taskings every tasking the ledger was told of, in the order it was told
 * @param accounts one per guarantor, by party code
 * @param history the judged outcomes in log order
 */
public record LedgerImage(
    List<TaskingEntry> taskings, List<AccountImage> accounts, List<LedgerEntry> history) {
  public LedgerImage {
    taskings = List.copyOf(taskings);
    accounts = List.copyOf(accounts);
    history = List.copyOf(history);
  }

  /** What the ledger remembers of one tasking. */
  public record TaskingEntry(
      TaskingId id,
      PartyCode guarantor,
      Unit unit,
      long quantity,
      Instant issuedAt,
      Instant acknowledgeBy,
      Instant deliverBy,
      long delivered,
      boolean acknowledged,
      boolean closed) {}

  /** One guarantor's counters, figures per unit, acknowledgement times and declines. */
  public record AccountImage(
      PartyCode guarantor,
      int received,
      int acknowledgedOnTime,
      int acknowledgedLate,
      int declined,
      int deliveredOnTime,
      int deliveredLate,
      int breached,
      int released,
      Map<Unit, FiguresImage> units,
      List<Long> ackSeconds,
      List<GuarantorRecord.Decline> declines,
      double fund,
      String currency,
      int notices,
      boolean suspended,
      int breachesSinceReview) {
    public AccountImage {
      units = Map.copyOf(units);
      ackSeconds = List.copyOf(ackSeconds);
      declines = List.copyOf(declines);
    }
  }

  /** Quantities of one unit for one guarantor. */
  public record FiguresImage(
      long tasked,
      long delivered,
      long deliveredLate,
      long declined,
      long breached,
      long released,
      double unitHoursLate) {}
}
