package org.guarantor.domain.ledger;

/**
 * The reliability figure: a Bayesian estimate of the chance that a guarantor delivers a tasking in
 * full and on time.
 *
 * <p>Each tasking that reached an outcome counts once: delivered on time is a success; delivered
 * late, breached or declined is a failure (released taskings, closed with their incident before
 * delivery, count neither way). With a Beta(α, β) prior the posterior mean is
 *
 * <pre>reliability = (onTime + α) / (completed + α + β)</pre>
 *
 * with α = 4, β = 1: a newcomer with no history starts at 0.8 ("presumed reliable, not proven"),
 * one miss moves it to 0.67, not to 0, and a long record outweighs the prior. Stateless.
 */
public final class Reliability {
  public static final double ALPHA = 4;
  public static final double BETA = 1;

  /** The formula as published in the ledger. */
  public static final String FORMULA =
      "reliability = (deliveredOnTime + 4) / (deliveredOnTime + deliveredLate + breached + declined"
          + " + 5): posterior mean of a Beta(4, 1) prior over on-time outcomes";

  private Reliability() {}

  public static double of(long onTime, long completed) {
    return (onTime + ALPHA) / (completed + ALPHA + BETA);
  }
}
