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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.RequestSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server processes on one PostgreSQL log: one writes, two follow. Under a steady stream of
 * signed reports, the writer is killed with SIGKILL, {@value #ROUNDS} times; each time a standby
 * takes over and the killed one is started again, as a standby. Clients go round the servers and
 * retry a report with its key until one answers. At the end every answered report is in the log
 * once, with the incident it was answered with (0 lost, 0 duplicated), and the chain verifies.
 * Takeover times are written to {@code target/failover.txt} (docs/benchmarks.md), not asserted.
 *
 * <p>Runs only when {@code GUARANTOR_PG_URL} names a database (CI starts a throwaway PostgreSQL);
 * works in a schema of its own, dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = "GUARANTOR_PG_URL", matches = ".+")
class FailoverTest {
  private static final int ROUNDS = 20;
  private static final int SERVERS = 3;
  private static final int CLIENTS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path data;
  @TempDir Path logs;

  private final String base = System.getenv("GUARANTOR_PG_URL");
  private String schema;
  private String url;
  private final int[] ports = new int[SERVERS];
  private final Process[] servers = new Process[SERVERS];
  private final int[] starts = new int[SERVERS];
  private volatile RequestSigner signer;

  @BeforeEach
  void schemaOfItsOwn() throws Exception {
    schema = "failover_" + UUID.randomUUID().toString().replace("-", "");
    sql("CREATE SCHEMA " + schema);
    url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @AfterEach
  void stopAndDrop() throws Exception {
    for (Process p : servers) {
      if (p != null) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    sql("DROP SCHEMA " + schema + " CASCADE");
  }

  @Test
  void no_answered_report_is_lost_or_duplicated_when_the_writer_is_killed_twenty_times()
      throws Exception {
    for (int i = 0; i < SERVERS; i++) {
      ports[i] = freePort();
    }
    servers[0] = start(0);
    awaitRole(0, "writer", 120);
    for (int i = 1; i < SERVERS; i++) {
      servers[i] = start(i);
    }
    for (int i = 1; i < SERVERS; i++) {
      awaitRole(i, "standby", 120);
    }
    signer =
        new RequestSigner(
            KeyFiles.readPrivate(data.resolve("demo-keys").resolve("UKR.jwk")),
            health(0).get("log").asText());

    Map<String, String> answered = new ConcurrentHashMap<>();
    AtomicInteger retries = new AtomicInteger();
    AtomicInteger gaveUp = new AtomicInteger();
    AtomicBoolean go = new AtomicBoolean(true);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      clients.execute(
          () -> {
            for (int n = 0; go.get() && n < 100_000; n++) {
              String key = "c" + client + "-" + n;
              String id = fileUntilAnswered(key, retries);
              if (id != null) {
                answered.put(key, id);
              } else if (go.get()) {
                gaveUp.incrementAndGet();
              }
            }
          });
    }

    List<Long> takeoverMillis = new ArrayList<>();
    List<String> rounds = new ArrayList<>();
    int writer = 0;
    try {
      for (int round = 1; round <= ROUNDS; round++) {
        // Some reports through this writer first, then the kill, at a different moment each round.
        int target = answered.size() + 10;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (answered.size() < target && System.nanoTime() < until) {
          Thread.sleep(10);
        }
        Thread.sleep(37L * (round % 5));
        awaitAnyStandby(writer, 180);
        int acknowledgedBefore = answered.size();
        long killed = System.nanoTime();
        servers[writer].destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
        assertThat(servers[writer].waitFor(10, TimeUnit.SECONDS)).isTrue();
        int next = awaitNewWriter(writer, 60);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        takeoverMillis.add(took);
        rounds.add(
            "round "
                + round
                + ": killed server "
                + writer
                + " after "
                + acknowledgedBefore
                + " answered reports; server "
                + next
                + " writes after "
                + took
                + " ms");
        servers[writer] = start(writer);
        writer = next;
      }
    } finally {
      go.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
    }

    // Every answered report is in the log once, with the incident it was answered with.
    Map<String, String> stored = new HashMap<>();
    int duplicated = 0;
    int total = health(writer).get("incidents").asInt();
    for (int offset = 0; offset < total; offset += 1000) {
      for (JsonNode i : get(writer, "/api/v1/incidents?limit=1000&offset=" + offset).get("items")) {
        if (stored.put(i.get("key").asText(), i.get("id").asText()) != null) {
          duplicated++;
        }
      }
    }
    int lost = 0;
    for (Map.Entry<String, String> a : answered.entrySet()) {
      if (!a.getValue().equals(stored.get(a.getKey()))) {
        lost++;
      }
    }
    long epoch = writerEpoch();
    List<Long> sorted = takeoverMillis.stream().sorted().toList();
    String report =
        String.join("\n", rounds)
            + String.format(
                "%n%d rounds, %d servers, %d clients: %d reports answered, %d lost, %d duplicated,"
                    + " %d stored; %d retries to another server; %d given up by a client;"
                    + " takeover p50 %d ms, max %d ms; writer epoch %d%n",
                ROUNDS,
                SERVERS,
                CLIENTS,
                answered.size(),
                lost,
                duplicated,
                stored.size(),
                retries.get(),
                gaveUp.get(),
                sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1),
                epoch);
    Files.writeString(Path.of("target", "failover.txt"), report);
    System.out.println(report);

    assertThat(takeoverMillis).hasSize(ROUNDS);
    assertThat(answered).hasSizeGreaterThan(ROUNDS * 10);
    assertThat(lost).as("answered reports lost").isZero();
    assertThat(duplicated).as("reports stored twice").isZero();
    assertThat(gaveUp.get()).as("reports no server answered within 60 s").isZero();
    assertThat(epoch).as("a claim at the start and one per takeover").isGreaterThan(ROUNDS);
    assertThat(Main.run("verify", "--db", url)).isZero();
  }

  /**
   * Files one report, going round the servers until one answers it; each try is signed afresh (a
   * new nonce), the report itself, its key included, stays the same. The incident id, or null if no
   * server answered within 60 s.
   */
  private String fileUntilAnswered(String key, AtomicInteger retries) {
    String body =
        "{\"key\":\""
            + key
            + "\",\"type\":\"SABOTAGE\",\"severity\":1,"
            + "\"location\":{\"lat\":50.45,\"lon\":30.52},"
            + "\"observedAt\":\""
            + Instant.now()
            + "\",\"description\":\"failover test\"}";
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int server = Math.floorMod(key.hashCode(), SERVERS);
    while (System.nanoTime() < until) {
      try {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ports[server] + "/api/v1/reports"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        signer.headers("POST", "/api/v1/reports", body).forEach(request::header);
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 201 || r.statusCode() == 200) {
          return JSON.readTree(r.body()).get("id").asText();
        }
        if (r.statusCode() != 503) {
          throw new AssertionError("report " + key + ": HTTP " + r.statusCode() + " " + r.body());
        }
      } catch (IOException e) {
        // Out of reach, or lost after it was sent: the key makes another try harmless.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      retries.incrementAndGet();
      server = (server + 1) % SERVERS;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private Process start(int i) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    starts[i]++;
    return new ProcessBuilder(
            java,
            // Quick to start, light on two cores: three servers and the clients share them.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx768m",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "serve",
            "--demo",
            "--db",
            url,
            "--node",
            "server-" + i,
            "--port",
            Integer.toString(ports[i]),
            "--data",
            data.toString(),
            "--credibility-runs",
            "0",
            "--replan-budget",
            "PT0S",
            "--rate-limit",
            "0")
        .redirectErrorStream(true)
        .redirectOutput(logs.resolve("server-" + i + "-" + starts[i] + ".log").toFile())
        .start();
  }

  private void awaitRole(int i, String role, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      JsonNode h = healthOrNull(i);
      if (h != null && role.equals(h.path("role").asText())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("server " + i + " is no " + role + " after " + seconds + " s");
  }

  /** Waits until a server other than {@code writer} follows, ready to take over. */
  private void awaitAnyStandby(int writer, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      for (int i = 0; i < SERVERS; i++) {
        JsonNode h = i == writer ? null : healthOrNull(i);
        if (h != null && "standby".equals(h.path("role").asText())) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no standby beside server " + writer + " after " + seconds + " s");
  }

  /** The server, other than the killed one, that takes writes first. */
  private int awaitNewWriter(int killed, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      for (int i = 0; i < SERVERS; i++) {
        if (i != killed && ready(i)) {
          return i;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no server took over within " + seconds + " s of the kill");
  }

  private boolean ready(int i) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + ports[i] + "/health/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private JsonNode healthOrNull(int i) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[i] + "/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private JsonNode health(int i) {
    JsonNode h = healthOrNull(i);
    assertThat(h).as("health of server " + i).isNotNull();
    return h;
  }

  private JsonNode get(int i, String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[i] + path))
                .header("Authorization", "Bearer demo-SEC")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private long writerEpoch() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT writer_epoch FROM log_head")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(base);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
