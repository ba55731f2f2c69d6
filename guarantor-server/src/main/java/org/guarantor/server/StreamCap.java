package org.guarantor.server;

import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.party.PartyCode;

/**
 * How many event streams each party may hold open at once ({@link Security#streamsPerParty()}): a
 * stream holds a connection for as long as it lasts, so without a cap one party's token could hold
 * every connection the server has. A place is taken before the stream opens, so the one over the
 * cap gets a 429 problem instead of a stream. Thread-safe.
 */
final class StreamCap {
  /** A place among a party's streams, given back once however many times it is released. */
  final class Place {
    private final PartyCode party;
    private final AtomicBoolean released = new AtomicBoolean();

    private Place(PartyCode party) {
      this.party = party;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        open.computeIfPresent(party, (p, n) -> n <= 1 ? null : n - 1);
      }
    }
  }

  private final int perParty;
  private final Map<PartyCode, Integer> open = new ConcurrentHashMap<>();

  /**
   * @param perParty streams one party may hold open at once; 0 for no cap
   */
  StreamCap(int perParty) {
    this.perParty = perParty;
  }

  /**
   * Takes a place for one more stream of {@code party}.
   *
   * @param retryAfter seconds after which a refused client may try again
   * @throws ApiError 429 with Retry-After when the party holds its cap
   */
  Place take(Context ctx, PartyCode party, long retryAfter) {
    boolean[] taken = {false};
    open.compute(
        party,
        (p, n) -> {
          int now = n == null ? 0 : n;
          if (perParty > 0 && now >= perParty) {
            return n;
          }
          taken[0] = true;
          return now + 1;
        });
    if (!taken[0]) {
      ctx.header("Retry-After", Long.toString(retryAfter));
      throw ApiError.of(
          429,
          "",
          ReasonType.FORBIDDEN,
          "party " + party.value(),
          "hold more than "
              + perParty
              + " event streams open at once; close one first (Retry-After)");
    }
    return new Place(party);
  }
}
