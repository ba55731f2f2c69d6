package org.guarantor.server;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.signing.SignedRequest;

/**
 * How many API requests each caller may send: a token bucket per party ({@link
 * Security#requestsPerSecond()}, {@link Security#burst()}), answered 429 with {@code Retry-After}
 * beyond it, before anything is written.
 *
 * <p>The bucket charged is that of the party the request <em>proves</em> to be: a valid bearer
 * token's, or a signed request's once its signature, time and nonce checked out. The {@code
 * Guarantor-Party} header of a signature not yet checked is only a claim: charging it would let
 * anyone drain another party's bucket. So a signed request always goes on to verification, and
 * costs its client address a token only if it proves no party. It is not refused for its address
 * beforehand: behind a proxy or a NAT, parties share an address with whoever else is there, and a
 * stranger's bad signatures must not block their commands. What a bad signature costs the server is
 * one Ed25519 check after the cheap ones (form, time, a registered key of that party); the
 * connection cap bounds how many run at once. A request that proves no party at all (no token, an
 * unknown one, a public route) is charged to its client address and refused when that is spent.
 * Behind a proxy every client has the proxy's address, so such requests share one bucket; parties
 * keep their own.
 *
 * <p>Thread-safe.
 */
final class RateLimit {
  private static final String CHARGED = "guarantor.rate.charged";
  private static final String DEFERRED = "guarantor.rate.deferred";

  /** Null when there is no limit. */
  private final TokenBuckets buckets;

  private final double perSecond;
  private final int burst;

  RateLimit(double perSecond, int burst, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.buckets = perSecond > 0 ? new TokenBuckets(perSecond, burst, nanoTime) : null;
  }

  static RateLimit of(Security s) {
    return new RateLimit(s.requestsPerSecond(), s.burst(), System::nanoTime);
  }

  /**
   * A before-handler for the API.
   *
   * @param bearer the party of the request's bearer token, if it carries a valid one
   * @throws ApiError 429 when the caller has no token left
   */
  void before(Context ctx, Optional<Actor> bearer) {
    if (buckets == null) {
      return;
    }
    if (bearer.isPresent()) {
      party(ctx, bearer.get().party());
    } else if (SignedRequest.HEADERS.stream().anyMatch(h -> ctx.header(h) != null)) {
      ctx.attribute(DEFERRED, true);
    } else {
      charge(ctx, client(ctx), "client " + ctx.ip());
    }
  }

  /**
   * Charges the party a request proved to be, unless it was charged already.
   *
   * @throws ApiError 429 when the party has no token left
   */
  void party(Context ctx, PartyCode party) {
    if (buckets != null && ctx.attribute(CHARGED) == null) {
      charge(ctx, "party " + party.value(), "party " + party.value());
    }
  }

  /** An after-handler for the API: a signed request that proved no party costs its address. */
  void after(Context ctx) {
    if (buckets != null
        && Boolean.TRUE.equals(ctx.attribute(DEFERRED))
        && ctx.attribute(CHARGED) == null) {
      buckets.take(client(ctx));
    }
  }

  private void charge(Context ctx, String key, String who) {
    ctx.attribute(CHARGED, true);
    long wait = buckets.take(key);
    if (wait > 0) {
      throw tooMany(ctx, wait, who);
    }
  }

  private static String client(Context ctx) {
    return "client " + ctx.ip();
  }

  private ApiError tooMany(Context ctx, long nanos, String who) {
    long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    ctx.header("Retry-After", Long.toString(seconds));
    String rate =
        perSecond == Math.rint(perSecond)
            ? Long.toString((long) perSecond)
            : Double.toString(perSecond);
    return ApiError.of(
        429,
        "",
        ReasonType.FORBIDDEN,
        who,
        "send more than "
            + rate
            + " requests a second after a burst of "
            + burst
            + "; nothing was done, retry in "
            + seconds
            + " s (Retry-After)");
  }
}
