package org.guarantor.domain.pledge;

import java.time.Duration;
import java.util.Objects;

/**
 * How a pledge moves from its hub to the place of need.
 *
 * @param mode the transport mode; {@link Mode#NONE} for capabilities that need no travel
 * @param speedKmh average speed over the great-circle distance
 * @param handling fixed time for loading and unloading
 */
public record Transport(Mode mode, double speedKmh, Duration handling) {
  /** Transport modes. */
  public enum Mode {
    AIR,
    ROAD,
    RAIL,
    SEA,
    /** Delivered remotely (intelligence feeds, cyber defence): arrives at readiness. */
    NONE
  }

  public Transport {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(handling, "handling");
    if (mode != Mode.NONE && !(speedKmh > 0)) {
      throw new IllegalArgumentException("speedKmh must be positive for " + mode);
    }
  }

  public static Transport none() {
    return new Transport(Mode.NONE, 0, Duration.ZERO);
  }

  /** Travel time over a distance, whole seconds. */
  public Duration travel(double distanceKm) {
    if (mode == Mode.NONE) {
      return Duration.ZERO;
    }
    return handling.plusSeconds(Math.round(distanceKm / speedKmh * 3600));
  }
}
