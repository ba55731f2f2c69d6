package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live updates: each party receives exactly the events it may see, and can resume. */
class EventStreamTest {
  @TempDir Path data;
  GuarantorServer server;
  Http http;

  @BeforeEach
  void start() {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Collects the stream's lines in the background until closed. */
  private final class Listener implements AutoCloseable {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final CompletableFuture<HttpResponse<Stream<String>>> response;

    Listener(String token, String lastEventId) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:" + server.port() + "/api/v1/events?access_token=" + token))
              .header("Accept", "text/event-stream")
              .timeout(Duration.ofSeconds(30));
      if (lastEventId != null) {
        b.header("Last-Event-ID", lastEventId);
      }
      response =
          HttpClient.newHttpClient().sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
      response.thenAccept(r -> r.body().forEach(lines::add));
    }

    boolean await(String text) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < end) {
        if (lines.stream().anyMatch(l -> l.contains(text))) {
          return true;
        }
        Thread.sleep(20);
      }
      return false;
    }

    @Override
    public void close() {
      response.cancel(true);
    }
  }

  @Test
  void parties_hear_what_they_may_see_and_nothing_else() throws Exception {
    try (Listener sec = new Listener("demo-SEC", null);
        Listener obs = new Listener("demo-OBS", null);
        // Canada, not Poland: under the least-margin rule Poland's fast pledges are kept for tight
        // deadlines, and this plan's lines go to guarantors that are slower but still in time.
        Listener can = new Listener("demo-CAN", null)) {
      assertThat(sec.await("connected as SEC")).isTrue();
      assertThat(obs.await("connected as OBS")).isTrue();
      assertThat(can.await("connected as CAN")).isTrue();

      var incident =
          http.post(
                  "demo-UKR",
                  "/api/v1/reports",
                  Http.report("live", "GROUND_INVASION", 5, 50.45, 30.52))
              .json();
      var canTasking =
          java.util.stream.StreamSupport.stream(incident.get("taskings").spliterator(), false)
              .filter(t -> t.get("guarantor").asText().equals("CAN"))
              .findFirst()
              .orElseThrow();

      assertThat(sec.await("event: TaskingIssued")).isTrue();
      assertThat(can.await(canTasking.get("id").asText())).isTrue();
      assertThat(obs.await("event: IncidentActivated")).isTrue();
      Thread.sleep(200);
      assertThat(obs.lines).noneMatch(l -> l.contains("TaskingIssued"));
      var foreign =
          java.util.stream.StreamSupport.stream(incident.get("taskings").spliterator(), false)
              .filter(t -> !t.get("guarantor").asText().equals("CAN"))
              .map(t -> t.get("id").asText())
              .toList();
      assertThat(foreign).isNotEmpty();
      for (String id : foreign) {
        assertThat(can.lines).noneMatch(l -> l.contains("\"" + id + "\""));
      }
    }
  }

  @Test
  void a_client_that_reconnects_with_last_event_id_gets_what_it_missed() throws Exception {
    http.post("demo-UKR", "/api/v1/reports", Http.report("missed", "SABOTAGE", 2, 50.45, 30.52));
    try (Listener sec = new Listener("demo-SEC", "1")) {
      assertThat(sec.await("event: IncidentReported")).isTrue();
      assertThat(sec.lines).noneMatch(l -> l.equals("id: 1"));
      assertThat(sec.lines).anyMatch(l -> l.equals("id: 2"));
    }
  }

  @Test
  void closing_the_server_while_streams_are_busy_ends_cleanly() throws Exception {
    Listener sec = new Listener("demo-SEC", "0");
    Listener gone = new Listener("demo-OBS", null);
    assertThat(sec.await("connected as SEC")).isTrue();
    assertThat(gone.await("connected as OBS")).isTrue();
    gone.close();
    for (int i = 0; i < 20; i++) {
      http.post(
          "demo-UKR", "/api/v1/reports", Http.report("busy" + i, "SABOTAGE", 1, 50.45, 30.52));
    }
    server.close();
    server = GuarantorServer.start(ServerConfig.local(0, data));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (sseThreads() > 1 && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    // Only the new server's fan-out thread may be left; a looping one would still be there.
    assertThat(sseThreads()).isLessThanOrEqualTo(1);
    sec.close();
  }

  private static long sseThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("guarantor-sse") && t.isAlive())
        .count();
  }

  @Test
  void a_bad_token_is_refused_before_the_stream_opens() {
    assertThat(http.get(null, "/api/v1/events?access_token=demo-NOPE").status()).isEqualTo(401);
  }
}
