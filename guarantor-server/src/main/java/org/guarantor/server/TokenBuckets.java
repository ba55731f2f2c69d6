package org.guarantor.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (a party, or a client address): each holds up to {@code burst} tokens,
 * refilled at {@code perSecond}; a request takes one. Buckets that are full again (idle callers)
 * are dropped once there are many (at most once a second), so a stream of new addresses cannot grow
 * this for long: a bucket that served one request is full again after {@code 1/perSecond}.
 * Thread-safe.
 */
final class TokenBuckets {
  /** Above this many buckets, full ones are dropped (they would be created full again). */
  static final int PURGE_ABOVE = 10_000;

  private static final double NANOS_PER_SECOND = 1e9;

  private final double perNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong nextPurge;

  /**
   * @param perSecond tokens added per second, more than 0
   * @param burst tokens a bucket holds at most (and starts with), at least 1
   * @param nanoTime a monotonic clock, {@link System#nanoTime} outside tests
   */
  TokenBuckets(double perSecond, int burst, LongSupplier nanoTime) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond) || burst < 1) {
      throw new IllegalArgumentException(
          "a token bucket needs a rate above 0 and a burst of 1 or more: "
              + perSecond
              + ", "
              + burst);
    }
    this.perNano = perSecond / NANOS_PER_SECOND;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.nextPurge = new java.util.concurrent.atomic.AtomicLong(nanoTime.getAsLong());
  }

  /**
   * Takes a token from {@code key}'s bucket.
   *
   * @return 0 if it had one; otherwise how many nanoseconds until it will (nothing is taken)
   */
  long take(String key) {
    long now = nanoTime.getAsLong();
    Bucket b = buckets.get(key);
    if (b == null) {
      long due = nextPurge.get();
      if (buckets.size() >= PURGE_ABOVE
          && now - due >= 0
          && nextPurge.compareAndSet(due, now + 1_000_000_000L)) {
        // At most once a second: a flood of new addresses must not make every request a scan.
        buckets.values().removeIf(x -> x.fullAt(now));
      }
      b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    }
    return b.take(now);
  }

  int size() {
    return buckets.size();
  }

  private final class Bucket {
    private double tokens;
    private long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }

    synchronized long take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return nanosToOne();
    }

    synchronized boolean fullAt(long now) {
      refill(now);
      return tokens >= burst;
    }

    private void refill(long now) {
      if (now > at) {
        tokens = Math.min(burst, tokens + (now - at) * perNano);
        at = now;
      }
    }

    private long nanosToOne() {
      return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }
  }
}
