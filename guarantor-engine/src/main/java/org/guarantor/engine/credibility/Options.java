package org.guarantor.engine.credibility;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.party.PartyCode;

/**
 * How a credibility exercise runs. Immutable.
 *
 * @param behaviour the assumed behaviour of guarantors and hubs
 * @param reliability ledger reliability by guarantor; a guarantor listed here has its failure
 *     chances scaled ({@link Behaviour#scaledFor}); empty: every guarantor behaves by default
 * @param horizon how long each crisis is played (72 hours)
 * @param criticalRuns how many of the runs (the first ones) are replayed once per guarantor and per
 *     hub removed, to find the critical parties; 0 skips them
 * @param threads worker threads; the report does not depend on it
 * @param progress called once per crisis played (from any worker thread), or null
 * @param tamper test-only: changes each event before it is applied, to prove a broken invariant is
 *     caught; null in every real exercise
 */
public record Options(
    Behaviour behaviour,
    Map<PartyCode, Double> reliability,
    Duration horizon,
    int criticalRuns,
    int threads,
    Runnable progress,
    UnaryOperator<DispatchEvent> tamper) {
  public Options {
    Objects.requireNonNull(behaviour, "behaviour");
    reliability = Map.copyOf(reliability);
    Objects.requireNonNull(horizon, "horizon");
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("horizon must be positive");
    }
    if (criticalRuns < 0 || threads < 1) {
      throw new IllegalArgumentException("criticalRuns >= 0 and threads >= 1");
    }
  }

  /** Default behaviour, 72 hours, critical parties on every run, all cores. */
  public static Options defaults() {
    return new Options(
        Behaviour.defaults(),
        Map.of(),
        Duration.ofHours(72),
        Integer.MAX_VALUE,
        Runtime.getRuntime().availableProcessors(),
        null,
        null);
  }

  public Options withBehaviour(Behaviour value) {
    return new Options(value, reliability, horizon, criticalRuns, threads, progress, tamper);
  }

  public Options withReliability(Map<PartyCode, Double> value) {
    return new Options(behaviour, value, horizon, criticalRuns, threads, progress, tamper);
  }

  public Options withCriticalRuns(int value) {
    return new Options(behaviour, reliability, horizon, value, threads, progress, tamper);
  }

  public Options withThreads(int value) {
    return new Options(behaviour, reliability, horizon, criticalRuns, value, progress, tamper);
  }

  public Options withProgress(Runnable value) {
    return new Options(behaviour, reliability, horizon, criticalRuns, threads, value, tamper);
  }

  public Options withTamper(UnaryOperator<DispatchEvent> value) {
    return new Options(behaviour, reliability, horizon, criticalRuns, threads, progress, value);
  }
}
