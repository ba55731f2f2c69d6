package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.engine.Engine;
import org.guarantor.engine.SnapshotPolicy;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operations centre reads: metrics (counts and durations, for the loopback interface or
 * the token's bearer), liveness and readiness.
 */
class OpsTest {
  static final double[] KHARKIV = {49.99, 36.23};
  static final String TOKEN = "metrics-token-for-the-ops-centre";

  @TempDir Path data;

  @Test
  void metrics_after_a_report_count_the_decision_the_queue_the_taskings_and_the_jvm() {
    try (GuarantorServer server = GuarantorServer.start(ServerConfig.local(0, data))) {
      Http http = new Http(server.port());
      Http.Response r =
          http.post(
              "demo-UKR",
              "/api/v1/reports",
              Http.report("ops-1", "AIR_ATTACK", 3, KHARKIV[0], KHARKIV[1]));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      String incident = r.json().get("id").asText();

      Http.Response m = http.get(null, "/metrics");
      assertThat(m.status()).as(m.body()).isEqualTo(200);
      assertThat(m.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      String text = m.body();
      assertThat(value(text, "guarantor_decision_seconds_count{kind=\"FileReport\"}"))
          .isGreaterThanOrEqualTo(1);
      assertThat(text).contains("guarantor_decision_seconds_bucket{kind=\"FileReport\",le=");
      assertThat(value(text, "guarantor_commands_total{kind=\"FileReport\",outcome=\"accepted\"}"))
          .isGreaterThanOrEqualTo(1);
      assertThat(value(text, "guarantor_commands_total{kind=\"AdoptTreaty\",outcome=\"accepted\"}"))
          .isEqualTo(1);
      assertThat(value(text, "guarantor_queue_depth")).isGreaterThanOrEqualTo(0);
      assertThat(value(text, "guarantor_taskings_open{state=\"ISSUED\"}"))
          .isGreaterThanOrEqualTo(1);
      assertThat(value(text, "guarantor_log_append_seconds_count")).isGreaterThanOrEqualTo(1);
      assertThat(value(text, "guarantor_breaches_total")).isEqualTo(0);
      assertThat(text).contains("guarantor_start_replay_seconds ");
      assertThat(value(text, "guarantor_engine_halted")).isEqualTo(0);
      assertThat(value(text, "guarantor_writer")).isEqualTo(1);
      assertThat(text).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ");
      assertThat(text).contains("jvm_gc_");

      // A repeated report is counted as such.
      http.post(
          "demo-UKR",
          "/api/v1/reports",
          Http.report("ops-1", "AIR_ATTACK", 3, KHARKIV[0], KHARKIV[1]));
      assertThat(
              value(
                  http.get(null, "/metrics").body(),
                  "guarantor_commands_total{kind=\"FileReport\",outcome=\"repeated\"}"))
          .isEqualTo(1);

      // Counts only: no incident, tasking, place or words.
      assertThat(text).doesNotContain(incident, "TSK-", "UKR", "Kharkiv", "missile");
    }
  }

  @Test
  void with_a_metrics_token_metrics_need_it_and_nothing_else_does() {
    try (GuarantorServer server =
        GuarantorServer.start(
            ServerConfig.local(0, data)
                .withSecurity(Security.defaults().withMetricsToken(TOKEN)))) {
      int port = server.port();
      assertThat(get(port, "/metrics").statusCode()).isEqualTo(401);
      assertThat(get(port, "/metrics", "Authorization", "Bearer demo-SEC").statusCode())
          .isEqualTo(401);
      assertThat(get(port, "/metrics", "Authorization", "Bearer " + TOKEN + "x").statusCode())
          .isEqualTo(401);
      var ok = get(port, "/metrics", "Authorization", "Bearer " + TOKEN);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("guarantor_queue_depth");
      // The token opens nothing else.
      assertThat(get(port, "/api/v1/incidents", "Authorization", "Bearer " + TOKEN).statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void without_a_token_metrics_are_for_the_loopback_interface_only() {
    OpsController open = new OpsController(null, null, null);
    assertThat(open.mayReadMetrics("127.0.0.1", null)).isTrue();
    assertThat(open.mayReadMetrics("0:0:0:0:0:0:0:1", null)).isTrue();
    assertThat(open.mayReadMetrics("[::1]", null)).isFalse(); // not as a servlet reports it
    assertThat(open.mayReadMetrics("10.0.0.7", null)).isFalse();
    assertThat(open.mayReadMetrics("192.168.1.20", "Bearer anything")).isFalse();
    assertThat(open.mayReadMetrics("localhost", null)).as("no name is looked up").isFalse();
    assertThat(open.mayReadMetrics(null, null)).isFalse();

    OpsController locked = new OpsController(null, null, TOKEN);
    assertThat(locked.mayReadMetrics("127.0.0.1", null)).as("the token binds locals too").isFalse();
    assertThat(locked.mayReadMetrics("10.0.0.7", "Bearer " + TOKEN)).isTrue();
    assertThat(locked.mayReadMetrics("10.0.0.7", TOKEN)).isFalse();
  }

  @Test
  void live_and_ready_on_a_running_server_and_after_a_halt_only_live() throws Exception {
    GuarantorServer server = GuarantorServer.start(ServerConfig.local(0, data));
    try {
      Http http = new Http(server.port());
      assertThat(http.get(null, "/health/live").status()).isEqualTo(200);
      Http.Response ready = http.get(null, "/health/ready");
      assertThat(ready.status()).as(ready.body()).isEqualTo(200);
      assertThat(ready.json().get("status").asText()).isEqualTo("READY");

      // The log fails under the engine: the next write halts it.
      server.log().close();
      http.post(
          "demo-UKR",
          "/api/v1/reports",
          Http.report("halts", "AIR_ATTACK", 3, KHARKIV[0], KHARKIV[1]));
      assertThat(server.engine().haltReason()).isPresent();

      assertThat(http.get(null, "/health/live").status()).isEqualTo(200);
      Http.Response notReady = http.get(null, "/health/ready");
      assertThat(notReady.status()).isEqualTo(503);
      assertThat(notReady.json().get("status").asText()).isEqualTo("NOT_READY");
      assertThat(notReady.json().get("reason").asText()).startsWith("halted: ");
      assertThat(value(http.get(null, "/metrics").body(), "guarantor_engine_halted")).isEqualTo(1);
      // /health keeps its answer.
      assertThat(http.get(null, "/health").json().get("status").asText()).isEqualTo("HALTED");
    } finally {
      server.close();
    }
  }

  @Test
  void a_start_from_a_snapshot_is_not_ready_until_the_chain_below_it_is_checked() throws Exception {
    // A log with a treaty and a snapshot (written on close).
    GuarantorServer.start(ServerConfig.local(0, data)).close();
    CountDownLatch belowMayBeChecked = new CountDownLatch(1);
    try (EventLog real = JdbcEventLog.sqlite(data)) {
      // The check of the whole chain waits for the test.
      EventLog held =
          (EventLog)
              Proxy.newProxyInstance(
                  EventLog.class.getClassLoader(),
                  new Class<?>[] {EventLog.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("verify")) {
                      belowMayBeChecked.await();
                    }
                    try {
                      return method.invoke(real, args);
                    } catch (InvocationTargetException x) {
                      throw x.getCause();
                    }
                  });
      Engine engine =
          Engine.start(
              held,
              new DispatchState(NaturalEarthAtlas.load()),
              Clock.systemUTC(),
              new SnapshotPolicy(true, false, 0));
      try {
        assertThat(engine.restoredFrom()).as("started from the snapshot").isPositive();
        assertThat(OpsController.notReady(engine))
            .hasValueSatisfying(r -> assertThat(r).contains("checking the log's hash chain"));
        belowMayBeChecked.countDown();
        engine.chainChecked().get(60, TimeUnit.SECONDS);
        assertThat(OpsController.notReady(engine)).isEmpty();
      } finally {
        belowMayBeChecked.countDown();
        engine.close();
      }
    }
  }

  @Test
  void not_ready_while_the_chain_is_checked_when_it_is_broken_halted_or_without_a_treaty() {
    CompletableFuture<Void> checking = new CompletableFuture<>();
    assertThat(OpsController.notReady(checking, null, true))
        .hasValueSatisfying(r -> assertThat(r).contains("checking the log's hash chain"));
    CompletableFuture<Void> broken = new CompletableFuture<>();
    broken.completeExceptionally(new IllegalStateException("edited at 7"));
    assertThat(OpsController.notReady(broken, null, true))
        .hasValueSatisfying(r -> assertThat(r).contains("broken"));
    CompletableFuture<Void> verified = CompletableFuture.completedFuture(null);
    assertThat(OpsController.notReady(verified, "writer failed", true))
        .contains("halted: writer failed");
    assertThat(OpsController.notReady(verified, null, false)).contains("no treaty adopted yet");
    assertThat(OpsController.notReady(verified, null, true)).isEmpty();
  }

  static java.net.http.HttpResponse<String> get(int port, String path, String... headers) {
    try {
      java.net.http.HttpRequest.Builder b =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create("http://127.0.0.1:" + port + path))
              .timeout(java.time.Duration.ofSeconds(30));
      for (int i = 0; i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      return java.net.http.HttpClient.newHttpClient()
          .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of the sample whose name and labels are exactly {@code series}. */
  static double value(String exposition, String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " ([-+0-9.eE]+|NaN)$")
            .matcher(exposition);
    assertThat(m.find()).as(series + " in\n" + exposition).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
