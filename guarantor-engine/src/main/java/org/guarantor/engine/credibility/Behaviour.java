package org.guarantor.engine.credibility;

/**
 * How guarantors and hubs are assumed to behave in a simulated crisis: the chance that a tasked
 * guarantor declines, acknowledges after its deadline, or delivers only part of what it owes; the
 * chance that a hub is out of service for a whole crisis; and the range of the transport slowdown
 * drawn once per crisis (actual travel = estimated travel × slowdown). Immutable.
 *
 * <p>The defaults ({@link #defaults()}) are 5 % decline, 10 % late, 5 % short, 2 % hub outage and a
 * slowdown between 1.0 and 1.5: a guarantor with no record, which the ledger presumes 80 % reliable
 * ({@link org.guarantor.domain.ledger.Reliability}), fails a fifth of the time in one way or
 * another.
 */
public record Behaviour(
    double decline,
    double late,
    double shortDelivery,
    double hubOutage,
    double slowdownMin,
    double slowdownMax) {
  /** The reliability the default failure chances stand for: the ledger's prior. */
  public static final double PRIOR_RELIABILITY = 0.8;

  public Behaviour {
    for (double p : new double[] {decline, late, shortDelivery, hubOutage}) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("a probability must be within 0..1: " + p);
      }
    }
    if (decline + late + shortDelivery > 1) {
      throw new IllegalArgumentException("decline + late + short must not exceed 1");
    }
    if (!(slowdownMin > 0 && slowdownMax >= slowdownMin && Double.isFinite(slowdownMax))) {
      throw new IllegalArgumentException("slowdown range must be 0 < min <= max");
    }
  }

  public static Behaviour defaults() {
    return new Behaviour(0.05, 0.10, 0.05, 0.02, 1.0, 1.5);
  }

  /**
   * The failure chances of a guarantor whose ledger reliability is {@code reliability}: scaled by
   * its unreliability against the prior's, so that a guarantor at 0.8 keeps the defaults, one at
   * 0.9 fails half as often and one at 0.6 twice as often (capped so they add up to at most 1).
   */
  public Behaviour scaledFor(double reliability) {
    double k = (1 - reliability) / (1 - PRIOR_RELIABILITY);
    double d = decline * k;
    double l = late * k;
    double s = shortDelivery * k;
    double sum = d + l + s;
    if (sum > 1) {
      d /= sum;
      l /= sum;
      s /= sum;
    }
    return new Behaviour(d, l, s, hubOutage, slowdownMin, slowdownMax);
  }
}
