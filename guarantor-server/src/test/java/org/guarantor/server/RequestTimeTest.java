package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request body holds its thread for {@link RequestBody#READ_DEADLINE} at most: one that stops
 * short of its Content-Length, one that trickles in, one too large that is never sent whole are
 * each answered with a problem within that time and their connection closed, and nothing is done. A
 * body that arrives within the time, pauses and all, is read as usual. Each test waits at most the
 * deadline and a few seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestTimeTest {
  /** What the server may take beyond the deadline to answer, on a busy two-core machine. */
  private static final Duration SLACK = Duration.ofSeconds(3);

  private static final Duration BOUND = RequestBody.READ_DEADLINE.plus(SLACK);

  GuarantorServer server;
  Http http;

  @BeforeAll
  void start(@TempDir Path data) {
    server = GuarantorServer.start(ServerConfig.local(0, data));
    http = new Http(server.port());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void a_body_that_stops_short_of_its_content_length_is_answered_408_within_the_deadline()
      throws Exception {
    long events = server.engine().lastPosition();
    byte[] body =
        Http.report("short", "AIR_ATTACK", 4, 49.9, 36.2).getBytes(StandardCharsets.UTF_8);
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      OutputStream out = s.getOutputStream();
      out.write(signedHead("/api/v1/reports", body, body.length + 100));
      out.write(body);
      out.flush();
      Raw.Answer a = Raw.read(s.getInputStream());
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      assertTimedOut(a, took);
      assertThat(a.json().get("detail").asText()).contains("body");
    }
    assertThat(server.engine().lastPosition()).isEqualTo(events);
  }

  @Test
  void a_body_that_trickles_in_slower_than_the_deadline_allows_is_answered_408_within_it()
      throws Exception {
    long events = server.engine().lastPosition();
    byte[] body = Http.report("slow", "AIR_ATTACK", 4, 49.9, 36.2).getBytes(StandardCharsets.UTF_8);
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      OutputStream out = s.getOutputStream();
      out.write(signedHead("/api/v1/reports", body, body.length));
      out.flush();
      // One byte every 200 ms: the whole body would take about a minute, and the server never
      // waits a whole idle timeout between two bytes.
      Thread trickle =
          new Thread(
              () -> {
                try {
                  for (byte b : body) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(200);
                  }
                } catch (IOException | InterruptedException closed) {
                  // the server answered and closed the connection, or the test ended
                }
              });
      trickle.setDaemon(true);
      trickle.start();
      Raw.Answer a = Raw.read(s.getInputStream());
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      trickle.interrupt();

      assertTimedOut(a, took);
    }
    assertThat(server.engine().lastPosition()).isEqualTo(events);
  }

  @Test
  void a_body_over_the_limit_that_never_arrives_whole_is_answered_413_within_the_deadline()
      throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      OutputStream out = s.getOutputStream();
      out.write(
          Raw.post(
              "/api/v1/reports", Map.of("Content-Type", "application/json"), 2 * Routes.MAX_BODY));
      out.write(new byte[1024]);
      out.flush();
      Raw.Answer a = Raw.read(s.getInputStream());
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      assertThat(a.status()).as(a.body()).isEqualTo(413);
      assertThat(took).isLessThan(BOUND);
      assertThat(a.header("Connection")).isEqualTo("close");
    }
  }

  @Test
  void a_body_that_pauses_but_arrives_within_the_deadline_is_read_and_the_connection_kept()
      throws Exception {
    byte[] body =
        Http.report("paused", "AIR_ATTACK", 4, 49.91, 36.21).getBytes(StandardCharsets.UTF_8);
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(signedHead("/api/v1/reports", body, body.length));
      out.write(body, 0, 40);
      out.flush();
      Thread.sleep(2_000);
      out.write(body, 40, body.length - 40);
      out.flush();
      Raw.Answer a = Raw.read(in);
      assertThat(a.status()).as(a.body()).isEqualTo(201);

      out.write(
          ("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer demo-UKR\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Raw.Answer me = Raw.read(in);
      assertThat(me.status()).as(me.body()).isEqualTo(200);
    }
  }

  @Test
  void a_read_with_a_body_is_answered_after_its_body_so_no_reset_cuts_the_answer()
      throws Exception {
    String head =
        "GET /api/v1/atlas/countries HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Authorization: Bearer demo-UKR\r\n";
    byte[] body = "{\"ignored\":true}".getBytes(StandardCharsets.UTF_8);
    String whole;
    try (Socket s = connect()) {
      s.getOutputStream().write((head + "\r\n").getBytes(StandardCharsets.US_ASCII));
      whole = bodyOf(s.getInputStream().readAllBytes());
    }
    assertThat(whole.length()).as("an answer of some size").isGreaterThan(100_000);
    for (int i = 0; i < 20; i++) {
      try (Socket s = connect()) {
        OutputStream out = s.getOutputStream();
        out.write(
            (head + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // A server that answers before the body came, and closes the connection after its
        // answer, has the body arrive at a closed socket: the kernel resets the connection, and
        // the client loses what of the answer it had not read yet.
        Thread.sleep(4);
        out.write(body);
        out.flush();
        byte[] answer = s.getInputStream().readAllBytes();
        assertThat(new String(answer, 0, 12, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        assertThat(bodyOf(answer)).as("the answer, whole").isEqualTo(whole);
      }
    }
  }

  private static String bodyOf(byte[] answer) {
    String text = new String(answer, StandardCharsets.ISO_8859_1);
    return text.substring(text.indexOf("\r\n\r\n") + 4);
  }

  private void assertTimedOut(Raw.Answer a, Duration took) {
    assertThat(a.status()).as(a.body()).isEqualTo(408);
    assertThat(took).isLessThan(BOUND);
    assertThat(a.header("Content-Type")).startsWith("application/problem+json");
    assertThat(a.header("Connection")).isEqualTo("close");
  }

  private Socket connect() throws IOException {
    // Longer than Jetty's idle timeout, so a server that waits that long fails the test by its
    // time, not by this socket's.
    return Raw.connect(server.port(), (int) Transport.IDLE_TIMEOUT.plusSeconds(10).toMillis());
  }

  /** The head of a report signed as UKR over {@code body}, declaring {@code length} bytes. */
  private byte[] signedHead(String path, byte[] body, long length) {
    Map<String, String> headers =
        new LinkedHashMap<>(
            http.signer("demo-UKR")
                .orElseThrow()
                .headers("POST", path, new String(body, StandardCharsets.UTF_8)));
    headers.put("Content-Type", "application/json");
    return Raw.post(path, headers, length);
  }
}
