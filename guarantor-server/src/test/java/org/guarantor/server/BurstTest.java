package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.engine.Engine;
import org.guarantor.engine.Outcome;
import org.guarantor.signing.RequestSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of signed reports, each on a connection of its own, all at once: every report is
 * answered, 201 or 503 with Retry-After, none is reset or left without an answer, and what was
 * answered 201 is exactly what the log holds, every event of it accounted for. Connections beyond
 * what the server serves at once wait in its accept backlog instead of being dropped. Bounded: a
 * fixed number of connections, each exchange within a minute.
 */
class BurstTest {
  private static final int BURST = 500;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path data;

  @Test
  void a_burst_of_500_signed_reports_is_answered_every_one() throws IOException {
    List<Burst.Answer> answers;
    try (GuarantorServer server = GuarantorServer.start(ServerConfig.local(0, data))) {
      List<byte[]> reports = reports(new Http(server.port()), BURST, "burst-");
      try (Burst burst = Burst.open(server.port(), BURST)) {
        answers = burst.exchange(reports, WAIT);
      }
      assertAnsweredEveryOne(answers, new Http(server.port()));
    }
    Audits.assertAccountedFor(data);
  }

  @Test
  void connections_beyond_the_connection_cap_wait_in_the_backlog_and_are_answered()
      throws IOException {
    List<Burst.Answer> answers;
    try (GuarantorServer server = GuarantorServer.start(ServerConfig.local(0, data))) {
      Http http = new Http(server.port());
      List<byte[]> reports = reports(http, BURST, "backlog-");
      List<Socket> holders = holdEveryConnection(server.port());
      try (Burst burst = Burst.open(server.port(), BURST)) {
        // The server accepts nothing now: the burst's handshakes are done by the kernel while
        // there is room in the backlog, and a connection with no room is dropped (its SYN retried
        // after a second, then three, seven, …, or reset where the kernel aborts on overflow).
        assertThat(burst.awaitConnected(Duration.ofSeconds(2)))
            .as("connections of the burst in the accept backlog while the server is at its cap")
            .isEqualTo(BURST);
        for (Socket s : holders) {
          s.close();
        }
        answers = burst.exchange(reports, WAIT);
      }
      assertAnsweredEveryOne(answers, http);
    }
    Audits.assertAccountedFor(data);
  }

  @Test
  void a_report_the_writer_does_not_reach_in_time_is_answered_503_with_retry_after_and_not_done()
      throws Exception {
    try (GuarantorServer server = GuarantorServer.start(ServerConfig.local(0, data))) {
      Http http = new Http(server.port());
      CountDownLatch stalled = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Outcome> stall =
          server
              .engine()
              .submit(
                  at -> {
                    stalled.countDown();
                    try {
                      release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    return new DispatchCommand.Tick(Engine.SYSTEM, at);
                  });
      assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
      long t0 = System.nanoTime();
      Http.Response r;
      try {
        r =
            http.post(
                "demo-UKR", "/api/v1/reports", Http.report("stalled", "AIR_ATTACK", 4, 49.9, 36.2));
      } finally {
        release.countDown();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      stall.get(10, TimeUnit.SECONDS);

      assertThat(r.status()).as(r.body()).isEqualTo(503);
      assertThat(r.raw().headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(r.raw().headers().firstValue("Retry-After"))
          .hasValue(Long.toString(Api.BUSY_RETRY.toSeconds()));
      assertThat(r.json().get("detail").asText()).contains("nothing was done");
      assertThat(took).isBetween(Api.COMMAND_WAIT, Api.COMMAND_WAIT.plusSeconds(10));
      server.engine().awaitIdle();
      assertThat(server.engine().state().incidents()).isEmpty();
      // Sent again, signed afresh, it is decided.
      assertThat(
              http.post(
                      "demo-UKR",
                      "/api/v1/reports",
                      Http.report("stalled", "AIR_ATTACK", 4, 49.9, 36.2))
                  .status())
          .isEqualTo(201);
    }
    Audits.assertAccountedFor(data);
  }

  /**
   * Opens connections that each read {@code /health} and stay open, until one is not served: the
   * server then holds {@link Transport#MAX_CONNECTIONS} and accepts no more until one closes.
   */
  private static List<Socket> holdEveryConnection(int port) throws IOException {
    List<Socket> holders = new ArrayList<>();
    byte[] health =
        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i <= Transport.MAX_CONNECTIONS; i++) {
      Socket s = new Socket();
      holders.add(s);
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(i < Transport.MAX_CONNECTIONS - 10 ? 10_000 : 1_000);
      s.getOutputStream().write(health);
      try {
        readHead(s.getInputStream());
      } catch (SocketTimeoutException notServed) {
        return holders;
      }
    }
    throw new AssertionError(
        "the server served more than " + Transport.MAX_CONNECTIONS + " connections at once");
  }

  /** Reads an answer's status line and headers (and leaves its body). */
  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before an answer");
      }
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  /** Signed reports as UKR, each of a key of its own, near Kharkiv. */
  static List<byte[]> reports(Http http, int n, String prefix) {
    RequestSigner ukr = http.signer("demo-UKR").orElseThrow();
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String body =
          Http.report(prefix + i, "AIR_ATTACK", 4, 49.9 + (i % 50) * 0.002, 36.1 + (i / 50) * 0.01);
      out.add(Burst.post("/api/v1/reports", ukr.headers("POST", "/api/v1/reports", body), body));
    }
    return out;
  }

  /**
   * Every answer is whole and either 201 (an incident) or 503 with Retry-After; the incidents the
   * server holds are exactly those answered 201.
   */
  static void assertAnsweredEveryOne(List<Burst.Answer> answers, Http http) throws IOException {
    Set<String> created = new HashSet<>();
    int busy = 0;
    for (Burst.Answer a : answers) {
      assertThat(a.failure()).as("a connection of the burst got no answer").isNull();
      assertThat(a.complete()).as("a whole answer: " + a).isTrue();
      assertThat(a.status()).as(a.body()).isIn(201, 503);
      if (a.status() == 201) {
        created.add(Http.JSON.readTree(a.body()).get("id").asText());
      } else {
        busy++;
        assertThat(a.header("Retry-After")).as(a.body()).isNotNull();
        assertThat(a.header("Content-Type")).startsWith("application/problem+json");
      }
    }
    assertThat(created.size() + busy).isEqualTo(answers.size());
    Http.Response all = http.get("demo-SEC", "/api/v1/incidents?limit=1000");
    assertThat(all.raw().headers().firstValue("X-Total-Count"))
        .hasValue(Integer.toString(created.size()));
    Set<String> held = new HashSet<>();
    all.json().get("items").forEach(i -> held.add(i.get("id").asText()));
    assertThat(held).isEqualTo(created);
  }
}
