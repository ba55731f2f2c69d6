package org.guarantor.server;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.signing.SignedRequest;

/**
 * Cross-origin access to the API: none, unless the deployment names the origins whose pages may
 * call it ({@link Security#corsOrigins()}), and then exactly those, never any origin. The server's
 * own page is same-origin and needs none of this. Credentials travel in the {@code Authorization}
 * and signature headers, never in cookies, so no {@code Access-Control-Allow-Credentials}.
 * Immutable and thread-safe.
 */
final class Cors {
  static final String ALLOWED_METHODS = "GET, POST, DELETE";

  /** What a page of another origin may send: the bearer token, JSON, and a signature. */
  static final String ALLOWED_HEADERS =
      String.join(
          ", ",
          List.of(
              "Authorization",
              "Content-Type",
              "Last-Event-ID",
              SignedRequest.KEY,
              SignedRequest.PARTY,
              SignedRequest.SIGNED_AT,
              SignedRequest.NONCE,
              SignedRequest.SIGNATURE));

  /** What such a page may read beyond the safe-listed headers: when to retry, how to sign in. */
  static final String EXPOSED_HEADERS = "Retry-After, WWW-Authenticate";

  /** How long a browser may reuse a preflight's answer. */
  static final int MAX_AGE_SECONDS = 600;

  private final Set<String> origins;

  Cors(List<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  boolean enabled() {
    return !origins.isEmpty();
  }

  /** A before-handler for the API: marks an answer to an allowed origin as readable by it. */
  void apply(Context ctx) {
    if (!enabled()) {
      return;
    }
    ctx.header("Vary", "Origin");
    String origin = ctx.header("Origin");
    if (origin != null && origins.contains(origin)) {
      ctx.header("Access-Control-Allow-Origin", origin);
      ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
  }

  /**
   * {@code OPTIONS /api/*}: a browser's preflight. An allowed origin learns what it may send; any
   * other is refused, so its page's request is never made.
   */
  void preflight(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      ctx.header("Allow", ALLOWED_METHODS + ", OPTIONS").status(204);
      return;
    }
    if (!origins.contains(origin)) {
      throw ApiError.of(
          403,
          "/headers/Origin",
          ReasonType.FORBIDDEN,
          origin,
          "call this API from a page: it is not among the server's --cors-origin");
    }
    ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
    ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    ctx.header("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS));
    ctx.status(204);
  }
}
