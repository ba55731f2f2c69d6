package org.guarantor.server;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.engine.Engine;

/**
 * What the operations centre reads: {@code GET /metrics} (Prometheus text), {@code GET
 * /health/live} and {@code GET /health/ready}. None of them needs a session; {@code /metrics} is
 * for the loopback interface or the bearer of the metrics token (docs/security.md).
 */
final class OpsController {
  private final Engine engine;
  private final ServerMetrics metrics;
  private final byte[] metricsToken;

  OpsController(Engine engine, ServerMetrics metrics, String metricsToken) {
    this.engine = engine;
    this.metrics = metrics;
    this.metricsToken = metricsToken == null ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code GET /metrics}: counts and durations, never an incident's content. */
  void metrics(Context ctx) {
    if (!mayReadMetrics(ctx.req().getRemoteAddr(), ctx.header("Authorization"))) {
      throw metricsToken == null
          ? new ApiError(
              403,
              List.of(
                  Reason.of(
                      "",
                      ReasonType.FORBIDDEN,
                      "a caller off the loopback interface",
                      "read /metrics while the server has no metrics token (--metrics-token)")))
          : new ApiError(
              401,
              List.of(
                  Reason.of(
                      "/headers/Authorization",
                      ReasonType.FORBIDDEN,
                      "a caller without the metrics token",
                      "read /metrics")));
    }
    ctx.header("Cache-Control", "no-store")
        .contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(metrics.scrape());
  }

  /**
   * With a token configured, whoever sends it, from anywhere (a proxy on the same host would make
   * every caller look local); without one, callers on the loopback interface only.
   */
  boolean mayReadMetrics(String remoteAddress, String authorization) {
    if (metricsToken != null) {
      if (authorization == null || !authorization.startsWith("Bearer ")) {
        return false;
      }
      return MessageDigest.isEqual(
          metricsToken, authorization.substring(7).getBytes(StandardCharsets.UTF_8));
    }
    return loopback(remoteAddress);
  }

  private static boolean loopback(String address) {
    if (address == null || address.isEmpty()) {
      return false;
    }
    try {
      // A literal address: no name is looked up.
      return address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
          && InetAddress.getByName(address).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** {@code GET /health/live}: 200 whenever the HTTP layer answers, halted or not. */
  void live(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    Api.json(ctx, 200, Map.of("status", "LIVE"));
  }

  /**
   * {@code GET /health/ready}: 200 when the engine takes writes (the chain verified, not halted, a
   * treaty adopted), else 503 with the reason.
   */
  void ready(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    Optional<String> why = notReady(engine);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", why.isEmpty() ? "READY" : "NOT_READY");
    why.ifPresent(r -> out.put("reason", r));
    Api.json(ctx, why.isEmpty() ? 200 : 503, out);
  }

  /** Why {@code engine} does not take writes, or empty when it does. */
  static Optional<String> notReady(Engine engine) {
    if (!engine.isWriter() && engine.haltReason().isEmpty()) {
      return Optional.of(
          "standby: follows the log another server writes (at position "
              + engine.lastPosition()
              + "); takes writes once it takes over");
    }
    return notReady(
        engine.chainChecked(),
        engine.haltReason().orElse(null),
        engine.state().treaty().isPresent());
  }

  /** Why the engine does not take writes, or empty when it does. */
  static Optional<String> notReady(CompletableFuture<Void> chain, String halt, boolean treaty) {
    if (halt != null) {
      return Optional.of("halted: " + halt);
    }
    if (!chain.isDone()) {
      return Optional.of("checking the log's hash chain; writes wait until it is verified");
    }
    if (chain.isCompletedExceptionally()) {
      return Optional.of("the log's hash chain is broken");
    }
    if (!treaty) {
      return Optional.of("no treaty adopted yet");
    }
    return Optional.empty();
  }
}
