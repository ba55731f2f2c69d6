package org.guarantor.domain.ledger;

import java.util.List;

/**
 * The whole compliance ledger at a point in the log: one record per guarantor that has been tasked
 * or sanctioned (by party code), and the judged outcomes in log order. Immutable.
 */
public record LedgerSnapshot(
    List<GuarantorRecord> guarantors, List<LedgerEntry> history, String reliabilityFormula) {
  public LedgerSnapshot {
    guarantors = List.copyOf(guarantors);
    history = List.copyOf(history);
  }
}
