package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A party holds at most so many event streams (here 2): the next is refused with a 429 problem
 * before it opens, other parties are unaffected, and closing a stream frees its place.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamCapTest {
  static final int CAP = 2;
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  GuarantorServer server;

  @BeforeAll
  void start(@TempDir Path data) {
    server =
        GuarantorServer.start(
            ServerConfig.local(0, data).withSecurity(Security.defaults().withStreamsPerParty(CAP)));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** An open event stream, read in the background until closed. */
  final class Stream implements AutoCloseable {
    final HttpResponse<InputStream> response;
    final List<String> lines = new CopyOnWriteArrayList<>();

    Stream(String token) throws Exception {
      response =
          CLIENT.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + server.port()
                              + "/api/v1/events?access_token="
                              + token))
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() == 200) {
        Thread reader =
            new Thread(
                () -> {
                  try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                      lines.add(line);
                    }
                  } catch (IOException closed) {
                    // the test closed it
                  }
                });
        reader.setDaemon(true);
        reader.start();
      }
    }

    int status() {
      return response.statusCode();
    }

    String problem() throws IOException {
      return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    boolean connected() throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < end) {
        if (lines.stream().anyMatch(l -> l.startsWith(": connected as"))) {
          return true;
        }
        Thread.sleep(20);
      }
      return false;
    }

    @Override
    public void close() throws IOException {
      response.body().close();
    }
  }

  @Test
  void the_stream_over_the_cap_is_refused_and_a_closed_one_frees_its_place() throws Exception {
    try (Stream first = new Stream("demo-SEC");
        Stream second = new Stream("demo-SEC")) {
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.connected()).isTrue();
      assertThat(second.connected()).isTrue();

      try (Stream third = new Stream("demo-SEC")) {
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(third.response.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(third.problem()).contains("party SEC").contains("2 event streams");
      }

      // Another party has places of its own.
      try (Stream pol = new Stream("demo-POL")) {
        assertThat(pol.status()).isEqualTo(200);
        assertThat(pol.connected()).isTrue();
      }

      // The server notices a closed stream within two pings (5 s apart).
      first.close();
      long end =
          System.nanoTime() + TimeUnit.SECONDS.toNanos(2 * EventStream.PING.toSeconds() + 10);
      int tries = 0;
      while (true) {
        try (Stream again = new Stream("demo-SEC")) {
          tries++;
          if (again.status() == 200) {
            assertThat(again.connected()).isTrue();
            break;
          }
          assertThat(again.status()).isEqualTo(429);
        }
        assertThat(System.nanoTime()).as("a place after %d tries", tries).isLessThan(end);
        Thread.sleep(500);
      }
    }
  }

  @Test
  void a_request_that_opens_no_stream_keeps_no_place() throws Exception {
    for (int i = 0; i < 2 * CAP; i++) {
      // No Accept: text/event-stream, so no stream opens; its place is given back at once.
      HttpResponse<String> r =
          CLIENT.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + server.port()
                              + "/api/v1/events?access_token=demo-OBS"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isNotEqualTo(429);
    }
    try (Stream a = new Stream("demo-OBS");
        Stream b = new Stream("demo-OBS")) {
      assertThat(a.connected()).isTrue();
      assertThat(b.connected()).isTrue();
    }
  }
}
