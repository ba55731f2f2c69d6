package org.guarantor.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.Keyring;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.keys.RegisteredKey;
import org.guarantor.domain.keys.Signature;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.Engine;
import org.guarantor.signing.Ed25519;
import org.guarantor.signing.SignedRequest;

/**
 * Who is asking. A request that changes state must carry its party's signature (see {@link
 * SignedRequest}); it is checked here, on the HTTP thread that received it, so the single writer
 * never spends time on signature arithmetic: the form of the headers, the signing time (within
 * {@link #SKEW} of this machine's clock, which is the real clock even in an exercise), the key
 * (registered to the party that signs, in force), the signature itself, and the nonce (not seen in
 * the last {@link #NONCE_MEMORY}). The writer checks the key and the nonce once more against the
 * state it decides on, so a key revoked meanwhile signs nothing.
 *
 * <p>Reads need a session token ({@link Sessions}); on a demonstration log the static {@code demo-}
 * tokens are taken as well. Thread-safe.
 */
final class Auth {
  static final Duration SKEW = Duration.ofMinutes(5);

  /** Longer than twice the skew: a signature older than that is refused by its time anyway. */
  static final Duration NONCE_MEMORY = Duration.ofMinutes(11);

  private static final int NONCES_BEFORE_PURGE = 200_000;

  /** A request whose signature checked out: who signed, and the signature as the log keeps it. */
  record Verified(Actor actor, Signature signature, SignedRequest request) {}

  private final Engine engine;
  private final Clock wallClock;
  private final Sessions sessions;
  private final Map<String, Instant> nonces = new ConcurrentHashMap<>();
  private volatile String logId;

  Auth(Engine engine, Clock wallClock, Sessions sessions) {
    this.engine = engine;
    this.wallClock = wallClock;
    this.sessions = sessions;
  }

  /** The log's id (the hash of its first event), which every signature names. */
  void logId(String id) {
    this.logId = id;
  }

  String logId() {
    return logId;
  }

  Sessions sessions() {
    return sessions;
  }

  // ---- reads ----------------------------------------------------------------------------------

  /** The party a bearer token (session, or demo token on a demo log) stands for, if any. */
  Optional<Actor> bearer(String token, Treaty treaty) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    Optional<Sessions.Session> s = sessions.find(token);
    if (s.isPresent()) {
      boolean inForce =
          engine.state().keyring().key(s.get().key()).map(k -> !k.revoked()).orElse(false);
      if (!inForce) {
        sessions.close(token);
        return Optional.empty();
      }
      return Optional.of(s.get().actor());
    }
    if (engine.state().keyring().demo() && token.startsWith(Tokens.PREFIX)) {
      return Tokens.actor("Bearer " + token, treaty);
    }
    return Optional.empty();
  }

  // ---- signed requests ------------------------------------------------------------------------

  /**
   * Checks the signature of a state-changing request.
   *
   * @param body the request's JSON body ({@code {}} for none)
   * @param enrolling the request enrols a new key: it is signed by that key, which {@code
   *     publicKey} in the body names and which is not registered yet
   * @throws ApiError 401 or 403, saying what is wrong
   */
  Verified verify(Context ctx, JsonNode body, Treaty treaty, boolean enrolling) {
    if (SignedRequest.HEADERS.stream().allMatch(h -> ctx.header(h) == null)) {
      throw unauthenticated(
          "/headers/" + SignedRequest.SIGNATURE,
          ReasonType.SIGNATURE_REQUIRED,
          ctx.method() + " " + ctx.path(),
          "send the officer's Ed25519 signature of the request in the headers "
              + String.join(", ", SignedRequest.HEADERS)
              + " (docs/security.md; the guarantor CLI and the web page sign for you)");
    }
    SignedRequest request;
    try {
      request =
          SignedRequest.fromHeaders(
              ctx.method().name(),
              ctx.path(),
              body,
              ctx.header(SignedRequest.KEY),
              ctx.header(SignedRequest.PARTY),
              ctx.header(SignedRequest.SIGNED_AT),
              ctx.header(SignedRequest.NONCE),
              logId);
    } catch (SignedRequest.Malformed e) {
      throw unauthenticated(
          "/headers/" + e.member(), ReasonType.BAD_SIGNATURE, "?", e.getMessage());
    }
    Instant now = wallClock.instant();
    Instant signedAt = request.signedAt();
    if (Duration.between(signedAt, now).abs().compareTo(SKEW) > 0) {
      throw unauthenticated(
          "/headers/" + SignedRequest.SIGNED_AT, ReasonType.SIGNATURE_TIME, signedAt, SKEW, now);
    }
    PublicKey publicKey = enrolling ? enrollingKey(body, request.key()) : keyInForce(request);
    String signature = ctx.header(SignedRequest.SIGNATURE);
    String text = request.text();
    if (signature == null || !Ed25519.verify(publicKey, text, signature)) {
      throw unauthenticated(
          "/headers/" + SignedRequest.SIGNATURE,
          ReasonType.BAD_SIGNATURE,
          request.key(),
          text.length() <= 2000
              ? "it must sign exactly this text (RFC 8785): " + text
              : "it must sign the request's canonical text (RFC 8785)");
    }
    String nonceKey = request.key().value() + ' ' + request.nonce();
    if (nonces.putIfAbsent(nonceKey, now.plus(NONCE_MEMORY)) != null) {
      throw unauthenticated(
          "/headers/" + SignedRequest.NONCE,
          ReasonType.NONCE_REPLAYED,
          request.nonce(),
          request.key());
    }
    if (nonces.size() > NONCES_BEFORE_PURGE) {
      nonces.values().removeIf(expiry -> expiry.isBefore(now));
    }
    Party party =
        treaty
            .party(request.party())
            .orElseThrow(
                () ->
                    ApiError.of(
                        403,
                        "/headers/" + SignedRequest.PARTY,
                        ReasonType.FORBIDDEN,
                        request.party(),
                        "act: it is no party to the treaty in force"));
    return new Verified(
        Actor.of(party),
        new Signature(request.key(), request.party(), signedAt, request.nonce(), text, signature),
        request);
  }

  private PublicKey keyInForce(SignedRequest request) {
    Keyring keyring = engine.state().keyring();
    Optional<RegisteredKey> found = keyring.key(request.key());
    if (found.isEmpty()) {
      throw unauthenticated("/headers/" + SignedRequest.KEY, ReasonType.KEY_UNKNOWN, request.key());
    }
    RegisteredKey k = found.get();
    if (!k.party().equals(request.party())) {
      throw ApiError.of(
          403,
          "/headers/" + SignedRequest.KEY,
          ReasonType.KEY_OF_ANOTHER_PARTY,
          k.id(),
          k.party(),
          request.party());
    }
    if (k.revoked()) {
      throw unauthenticated(
          "/headers/" + SignedRequest.KEY,
          ReasonType.KEY_REVOKED,
          k.id(),
          k.party(),
          k.revokedAt());
    }
    return k.publicKey();
  }

  private static PublicKey enrollingKey(JsonNode body, KeyId key) {
    String x = body.path("publicKey").asText("");
    if (!PublicKey.isValid(x) || !new PublicKey(x).id().equals(key)) {
      throw unauthenticated(
          "/headers/" + SignedRequest.KEY,
          ReasonType.BAD_SIGNATURE,
          key,
          "an enrolment is signed by the key it enrols: "
              + SignedRequest.KEY
              + " must be the thumbprint of publicKey in the body");
    }
    return new PublicKey(x);
  }

  static ApiError unauthenticated(String path, ReasonType type, Object... params) {
    return new ApiError(401, List.of(Reason.of(path, type, params)));
  }
}
