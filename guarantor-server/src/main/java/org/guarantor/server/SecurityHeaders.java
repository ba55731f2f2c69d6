package org.guarantor.server;

import io.javalin.http.Context;

/**
 * The headers every answer carries, page and API alike, so that a browser runs only this server's
 * own scripts and styles, never frames the page, never guesses a content type, and never sends the
 * page's address elsewhere. The page has no inline script or style, so the policy needs no {@code
 * unsafe-inline}. API answers are never stored by a cache: they hold what one party may see.
 * Immutable and thread-safe.
 */
final class SecurityHeaders {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'";

  /**
   * One year, the usual minimum for HSTS preload lists. Subdomains are left out: whoever runs the
   * domain decides for them, not this service.
   */
  static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

  private final boolean tls;

  /**
   * @param tls the server answers over HTTPS only, so browsers may be told to use nothing else
   */
  SecurityHeaders(boolean tls) {
    this.tls = tls;
  }

  /** A before-handler for every path. */
  void apply(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    if (tls) {
      ctx.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    }
    if (ctx.path().startsWith("/api/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }
}
