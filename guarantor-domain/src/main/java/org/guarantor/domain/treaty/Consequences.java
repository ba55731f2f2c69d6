package org.guarantor.domain.treaty;

/**
 * What a breach costs a guarantor, as the treaty defines it. Immutable.
 *
 * @param fundPerUnitHour contribution to the common fund per unit-hour of shortfall (undelivered
 *     quantity × hours late at the breach); 0 for none
 * @param currency the fund's currency, e.g. {@code EUR}
 * @param publicNotice whether each breach is published as a notice naming the guarantor
 * @param suspendAfterBreaches after this many breaches since the last review, the guarantor loses
 *     the right to be tasked first until the secretariat reinstates it; 0 for never
 */
public record Consequences(
    double fundPerUnitHour, String currency, boolean publicNotice, int suspendAfterBreaches) {
  public Consequences {
    currency = currency == null || currency.isBlank() ? "EUR" : currency;
    if (fundPerUnitHour < 0 || Double.isNaN(fundPerUnitHour) || suspendAfterBreaches < 0) {
      throw new IllegalArgumentException("consequences must not be negative");
    }
  }

  /** No consequence beyond the ledger entry. */
  public static Consequences none() {
    return new Consequences(0, "EUR", false, 0);
  }
}
