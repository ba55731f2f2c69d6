package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.RequestSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process receiving a stream of reports is killed with SIGKILL several times. After
 * each restart every report that was answered is there with the same id, nothing is duplicated, and
 * the hash chain verifies.
 */
class CrashTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final int KILLS = 3;

  @TempDir Path data;

  private RequestSigner signer;

  /** The server's output, beside the data folder rather than in it; removed after the test. */
  @TempDir Path logs;

  @Test
  void answered_reports_survive_sigkill_exactly_once() throws Exception {
    Map<String, String> answered = new ConcurrentHashMap<>();
    AtomicInteger sent = new AtomicInteger();
    for (int round = 0; round < KILLS; round++) {
      int port = freePort();
      Process server = start(port);
      try {
        awaitHealthy(port);
        AtomicBoolean go = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        int thisRound = round;
        for (int c = 0; c < 4; c++) {
          int client = c;
          clients.execute(
              () -> {
                for (int n = 0; go.get() && n < 2_000; n++) {
                  String key = "r" + thisRound + "-c" + client + "-" + n;
                  sent.incrementAndGet();
                  try {
                    HttpResponse<String> r = post(port, key);
                    if (r.statusCode() == 201 || r.statusCode() == 200) {
                      answered.put(key, JSON.readTree(r.body()).get("id").asText());
                    }
                  } catch (IOException e) {
                    return; // the server is gone: this client stops
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
        }
        // Kill in the middle of the stream: after some answers, at a different moment each round.
        int target = answered.size() + 20;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered.size() < target && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        Thread.sleep(100L * round);
        server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        go.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
      } finally {
        server.destroyForcibly();
      }
    }
    assertThat(answered).hasSizeGreaterThan(KILLS);

    int port = freePort();
    Process server = start(port);
    try {
      awaitHealthy(port);
      JsonNode all = get(port, "/api/v1/incidents?limit=1000", "demo-SEC");
      Map<String, String> stored = new HashMap<>();
      Set<String> ids = new HashSet<>();
      int total = all.get("total").asInt();
      for (int offset = 0; offset < total; offset += 1000) {
        for (JsonNode i :
            get(port, "/api/v1/incidents?limit=1000&offset=" + offset, "demo-SEC").get("items")) {
          assertThat(stored.put(i.get("key").asText(), i.get("id").asText()))
              .as("key %s stored twice", i.get("key").asText())
              .isNull();
          ids.add(i.get("id").asText());
        }
      }
      assertThat(ids).hasSize(total);
      answered.forEach(
          (key, id) -> assertThat(stored.get(key)).as("answered report %s", key).isEqualTo(id));
      HttpResponse<String> again = post(port, answered.keySet().iterator().next());
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(get(port, "/api/v1/incidents?limit=1", "demo-SEC").get("total").asInt())
          .isEqualTo(total);
    } finally {
      server.destroy();
      server.waitFor(20, TimeUnit.SECONDS);
      server.destroyForcibly();
    }
    assertThat(Main.run("verify", "--data", data.toString())).isZero();
  }

  private Process start(int port) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "serve",
            "--demo",
            "--port",
            Integer.toString(port),
            "--data",
            data.toString())
        .redirectErrorStream(true)
        .redirectOutput(logs.resolve("server.log").toFile())
        .start();
  }

  private static void awaitHealthy(int port) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("server on port " + port + " did not become healthy in 60 s");
  }

  /** Files a report signed by the demonstration's officer key of the protected state. */
  private HttpResponse<String> post(int port, String key) throws IOException, InterruptedException {
    String body =
        "{\"key\":\""
            + key
            + "\",\"type\":\"SABOTAGE\",\"severity\":1,"
            + "\"location\":{\"lat\":50.45,\"lon\":30.52},"
            + "\"observedAt\":\"2026-11-28T05:00:00Z\",\"description\":\"crash test\"}";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    signer(port).headers("POST", "/api/v1/reports", body).forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Signs as the protected state's demonstration officer, whose key the first start wrote into the
   * data folder, for the log the server names (the same across restarts: its first event's hash).
   */
  private synchronized RequestSigner signer(int port) throws IOException, InterruptedException {
    if (signer == null) {
      HttpResponse<String> health =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      signer =
          new RequestSigner(
              KeyFiles.readPrivate(data.resolve("demo-keys").resolve("UKR.jwk")),
              JSON.readTree(health.body()).get("log").asText());
    }
    return signer;
  }

  private static JsonNode get(int port, String path, String token) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
