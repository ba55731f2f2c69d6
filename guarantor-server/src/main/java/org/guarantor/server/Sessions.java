package org.guarantor.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.party.Actor;
import org.guarantor.signing.Ed25519;

/**
 * Sign-in for reads: the server hands out a challenge, the party signs it with a key in force, and
 * gets a bearer token for a short while. A token is a random 256-bit value known only to this
 * process (a restart signs everyone out) and is good only while its key stays in force. A challenge
 * is good once, for two minutes. Both tables are bounded, so nobody can fill the memory with them.
 * Thread-safe.
 */
final class Sessions {
  static final Duration CHALLENGE_TTL = Duration.ofMinutes(2);
  private static final int MAX_CHALLENGES = 10_000;
  private static final int MAX_SESSIONS = 10_000;

  /**
   * Sessions one key may hold: a new sign-in beyond them ends the key's oldest session, so no party
   * can fill the table and lock the others out.
   */
  static final int PER_KEY = 16;

  /** A signed-in party: who, with which key, until when. */
  record Session(String token, Actor actor, KeyId key, Instant expiresAt) {}

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Instant> challenges = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  Sessions(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  Duration ttl() {
    return ttl;
  }

  /** A new challenge, or empty when too many are outstanding. */
  Optional<String> challenge() {
    Instant now = clock.instant();
    if (challenges.size() >= MAX_CHALLENGES) {
      challenges.values().removeIf(expiry -> !expiry.isAfter(now));
      if (challenges.size() >= MAX_CHALLENGES) {
        return Optional.empty();
      }
    }
    String c = Ed25519.randomText(32);
    challenges.put(c, now.plus(CHALLENGE_TTL));
    return Optional.of(c);
  }

  /** Whether the challenge was handed out and is still good; it is used up either way. */
  boolean consume(String challenge) {
    Instant expiry = challenge == null ? null : challenges.remove(challenge);
    return expiry != null && clock.instant().isBefore(expiry);
  }

  /** A new session, or empty when too many are open. */
  Optional<Session> open(Actor actor, KeyId key) {
    Instant now = clock.instant();
    List<Session> mine =
        sessions.values().stream()
            .filter(x -> x.key().equals(key))
            .sorted(java.util.Comparator.comparing(Session::expiresAt))
            .toList();
    for (int i = 0; i <= mine.size() - PER_KEY; i++) {
      sessions.remove(mine.get(i).token());
    }
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
      if (sessions.size() >= MAX_SESSIONS) {
        return Optional.empty();
      }
    }
    Session s = new Session(Ed25519.randomText(32), actor, key, now.plus(ttl));
    sessions.put(s.token(), s);
    return Optional.of(s);
  }

  /** The session of a token, if it is open and unexpired. */
  Optional<Session> find(String token) {
    Session s = sessions.get(token);
    if (s == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(s.expiresAt())) {
      sessions.remove(token);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  void close(String token) {
    sessions.remove(token);
  }

  /** Ends every session of a key (it was revoked). */
  void closeAll(KeyId key) {
    sessions.values().removeIf(s -> s.key().equals(key));
  }
}
