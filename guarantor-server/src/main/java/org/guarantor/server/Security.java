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
 * @param requestsPerSecond each party's sustained rate of requests, beyond which it is answered 429
 *     with Retry-After; 0 for no limit
 * @param burst how many requests a party may send at once before its rate applies
 * @param streamsPerParty event-stream connections a party may hold open at once
 */
public record Security(
    Duration sessionTtl,
    Path tlsKeystore,
    String tlsPassword,
    List<String> corsOrigins,
    double requestsPerSecond,
    int burst,
    int streamsPerParty) {
  /** An origin as browsers serialize it: scheme, lower-case host, and a port only if given. */
  private static final java.util.regex.Pattern ORIGIN =
      java.util.regex.Pattern.compile(
          "https?://[a-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+](:[0-9]{1,5})?");

  /**
   * @throws IllegalArgumentException naming an origin that is not of that form
   */
  public Security {
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
  }

  public static Security defaults() {
    return new Security(Duration.ofMinutes(15), null, "", List.of(), 0, 0, 32);
  }

  public Security withTls(Path keystore, String password) {
    return new Security(
        sessionTtl, keystore, password, corsOrigins, requestsPerSecond, burst, streamsPerParty);
  }

  public Security withCors(List<String> origins) {
    return new Security(
        sessionTtl, tlsKeystore, tlsPassword, origins, requestsPerSecond, burst, streamsPerParty);
  }

  public Security withRateLimit(double perSecond, int burstSize) {
    return new Security(
        sessionTtl, tlsKeystore, tlsPassword, corsOrigins, perSecond, burstSize, streamsPerParty);
  }

  public Security withStreamsPerParty(int n) {
    return new Security(
        sessionTtl, tlsKeystore, tlsPassword, corsOrigins, requestsPerSecond, burst, n);
  }

  public Security withSessionTtl(Duration ttl) {
    return new Security(
        ttl, tlsKeystore, tlsPassword, corsOrigins, requestsPerSecond, burst, streamsPerParty);
  }
}
