package org.guarantor.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The server's hardening settings.
 *
 * @param sessionTtl how long a sign-in lasts
 * @param tlsKeystore a PKCS#12 keystore with the server's certificate and key: serve HTTPS; null
 *     serves plain HTTP (for loopback, or behind a terminating proxy)
 * @param tlsPassword the keystore's password (empty for none)
 * @param corsOrigins origins allowed to call the API from a browser page of theirs, each exactly as
 *     a browser sends it ({@code https://ops.example}, {@code http://127.0.0.1:8081}: scheme, host
 *     and port, no path); empty: none (the API's own page is same-origin and needs none). Never
 *     {@code *}: an origin must be named to be trusted
 * @param requestsPerSecond each party's sustained rate of API requests, beyond which it is answered
 *     429 with Retry-After (a request that proves no party counts against its client address); 0
 *     for no limit. See {@link RateLimit}
 * @param burst how many requests a party may send at once before its rate applies; at least 1 when
 *     there is a rate
 * @param streamsPerParty event-stream connections a party may hold open at once; 0 for no cap
 * @param metricsToken the bearer token {@code GET /metrics} requires from any caller; null: no
 *     token, and only callers on the loopback interface may read it (docs/security.md)
 */
public record Security(
    Duration sessionTtl,
    Path tlsKeystore,
    String tlsPassword,
    List<String> corsOrigins,
    double requestsPerSecond,
    int burst,
    int streamsPerParty,
    String metricsToken) {
  /** An origin as browsers serialize it: scheme, lower-case host, and a port only if given. */
  private static final java.util.regex.Pattern ORIGIN =
      java.util.regex.Pattern.compile(
          "https?://[a-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+](:[0-9]{1,5})?");

  /**
   * @throws IllegalArgumentException naming an origin that is not of that form
   */
  public Security {
    java.util.Objects.requireNonNull(sessionTtl, "sessionTtl");
    if (sessionTtl.isNegative() || sessionTtl.isZero()) {
      throw new IllegalArgumentException("a session must last some time: " + sessionTtl);
    }
    if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException(
          "requests per second must be 0 (no limit) or more: " + requestsPerSecond);
    }
    if (burst < 0 || (requestsPerSecond > 0 && burst < 1)) {
      throw new IllegalArgumentException(
          "a rate limit needs a burst of at least 1 request: " + burst);
    }
    if (streamsPerParty < 0) {
      throw new IllegalArgumentException(
          "event streams per party must be 0 (no cap) or more: " + streamsPerParty);
    }
    corsOrigins = List.copyOf(corsOrigins);
    for (String o : corsOrigins) {
      if (!ORIGIN.matcher(o).matches()) {
        throw new IllegalArgumentException(
            "CORS origin '"
                + o
                + "' is not an origin: write it as a browser sends it, scheme://host[:port] in"
                + " lower case with no path or trailing slash (e.g. https://ops.example); '*' is"
                + " refused: every origin must be named");
      }
    }
    tlsPassword = tlsPassword == null ? "" : tlsPassword;
    if (metricsToken != null && metricsToken.length() < 16) {
      throw new IllegalArgumentException(
          "a metrics token must have at least 16 characters: it is the only lock on /metrics");
    }
  }

  /**
   * Plain HTTP, no CORS, 15-minute sessions, 32 event streams per party, and a rate limit so
   * generous (1,000 requests a second, bursts of 2,000) that only a runaway client meets it: for
   * tests and local use. {@code guarantor serve} sets production limits (docs/security.md).
   */
  public static Security defaults() {
    return new Security(Duration.ofMinutes(15), null, "", List.of(), 1000, 2000, 32, null);
  }

  public Security withTls(Path keystore, String password) {
    return new Security(
        sessionTtl,
        keystore,
        password,
        corsOrigins,
        requestsPerSecond,
        burst,
        streamsPerParty,
        metricsToken);
  }

  public Security withCors(List<String> origins) {
    return new Security(
        sessionTtl,
        tlsKeystore,
        tlsPassword,
        origins,
        requestsPerSecond,
        burst,
        streamsPerParty,
        metricsToken);
  }

  public Security withRateLimit(double perSecond, int burstSize) {
    return new Security(
        sessionTtl,
        tlsKeystore,
        tlsPassword,
        corsOrigins,
        perSecond,
        burstSize,
        streamsPerParty,
        metricsToken);
  }

  public Security withStreamsPerParty(int n) {
    return new Security(
        sessionTtl,
        tlsKeystore,
        tlsPassword,
        corsOrigins,
        requestsPerSecond,
        burst,
        n,
        metricsToken);
  }

  public Security withSessionTtl(Duration ttl) {
    return new Security(
        ttl,
        tlsKeystore,
        tlsPassword,
        corsOrigins,
        requestsPerSecond,
        burst,
        streamsPerParty,
        metricsToken);
  }

  /**
   * With {@code /metrics} open to whoever sends {@code Authorization: Bearer token}, from any
   * address; null: to callers on the loopback interface only, with no token.
   */
  public Security withMetricsToken(String token) {
    return new Security(
        sessionTtl,
        tlsKeystore,
        tlsPassword,
        corsOrigins,
        requestsPerSecond,
        burst,
        streamsPerParty,
        token);
  }
}
