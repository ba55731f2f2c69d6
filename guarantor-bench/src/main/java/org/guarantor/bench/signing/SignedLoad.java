package org.guarantor.bench.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.guarantor.bench.Treaties;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.SnapshotPolicy;
import org.guarantor.engine.codec.Json;
import org.guarantor.engine.scenario.TreatyFile;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.Security;
import org.guarantor.server.ServerConfig;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.RequestSigner;

/**
 * Signed reports over HTTP on loopback, the way a protected state's system files them: each request
 * signed by the officer's key, checked by the server on its HTTP threads, decided on the writer and
 * answered once durable. Measures, in one run:
 *
 * <ol>
 *   <li>decision latency with signatures: one caller at a time, request sent to taskings answered
 *       (p50, p99, max);
 *   <li>sustained signed reports per second with many callers in flight.
 * </ol>
 *
 * Signing happens before the clock starts (a client's cost, not the server's). The bundled treaty
 * is used with pledges scaled up so they never run out; rate limits are off.
 *
 * <p>Run: {@code java -cp guarantor-bench/target/benchmarks.jar
 * org.guarantor.bench.signing.SignedLoad [latencyReports] [throughputReports] [inFlight]}.
 */
public final class SignedLoad {
  private static final double[][] PLACES = {
    {50.45, 30.52}, {49.99, 36.23}, {49.84, 24.03}, {46.48, 30.72}, {48.46, 35.04}, {51.50, 31.30}
  };
  private static final ObjectMapper JSON = new ObjectMapper();

  private SignedLoad() {}

  record Signed(String body, Map<String, String> headers) {}

  public static void main(String[] args) throws Exception {
    int latencyReports = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int throughputReports = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    Path dir = Files.createTempDirectory("guarantor-signed-load");
    Treaty treaty = Treaties.scaled(TreatyFile.bundled(), 1_000_000);
    Path treatyFile = dir.resolve("treaty.json");
    Files.writeString(treatyFile, Json.mapper().writeValueAsString(treaty));
    ServerConfig cfg =
        ServerConfig.local(0, dir.resolve("data"))
            .withScenario(treatyFile)
            .withSnapshots(SnapshotPolicy.off())
            .withSecurity(Security.defaults().withRateLimit(0, 0));
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try (GuarantorServer server = GuarantorServer.start(cfg)) {
      String base = "http://127.0.0.1:" + server.port();
      String log = get(client, base + "/health").get("log").asText();
      RequestSigner ukr =
          new RequestSigner(KeyFiles.readPrivate(dir.resolve("data/demo-keys/UKR.jwk")), log);
      List<ResponsePlan> plans = treaty.plans();
      System.out.printf(
          "signed reports over HTTP on loopback: %d cores, %s%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

      // Warm-up: the JIT compiles the paths the measured reports take.
      run(client, base, sign(ukr, plans, 3_000, "w"), 64, null);

      List<Signed> latency = sign(ukr, plans, latencyReports, "l");
      long[] nanos = new long[latency.size()];
      for (int i = 0; i < latency.size(); i++) {
        long t0 = System.nanoTime();
        int status = send(client, base, latency.get(i));
        nanos[i] = System.nanoTime() - t0;
        if (status != 201) {
          throw new IllegalStateException("report answered " + status);
        }
      }
      Arrays.sort(nanos);
      System.out.printf(
          "(a) latency, one caller, %d signed reports: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          nanos.length, ms(nanos, 0.50), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6);

      List<Signed> burst = sign(ukr, plans, throughputReports, "t");
      long events0 = get(client, base + "/health").get("events").asLong();
      AtomicInteger refused = new AtomicInteger();
      long t0 = System.nanoTime();
      run(client, base, burst, inFlight, refused);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long events = get(client, base + "/health").get("events").asLong() - events0;
      System.out.printf(
          "(b) sustained, %d in flight: %d signed reports in %.2f s = %.0f reports/s"
              + " (%.0f events/s, %d refused)%n",
          inFlight, burst.size(), seconds, burst.size() / seconds, events / seconds, refused.get());
    } finally {
      deleteRecursively(dir);
    }
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  /** Reports signed now (within the server's five minutes), in many places and kinds. */
  private static List<Signed> sign(
      RequestSigner signer, List<ResponsePlan> plans, int n, String prefix) {
    SplittableRandom random = new SplittableRandom(n);
    List<Signed> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ResponsePlan p = plans.get(random.nextInt(plans.size()));
      double[] at = PLACES[random.nextInt(PLACES.length)];
      String body =
          "{\"key\":\""
              + prefix
              + i
              + "\",\"type\":\""
              + p.threat()
              + "\",\"severity\":"
              + p.severity()
              + ",\"location\":{\"lat\":"
              + (at[0] + random.nextDouble(-0.05, 0.05))
              + ",\"lon\":"
              + (at[1] + random.nextDouble(-0.05, 0.05))
              + "},\"observedAt\":\"2026-11-28T05:00:00Z\",\"description\":\"load\"}";
      out.add(new Signed(body, signer.headers("POST", "/api/v1/reports", body)));
    }
    return out;
  }

  private static HttpRequest request(String base, Signed s) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/reports"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(s.body()));
    s.headers().forEach(b::header);
    return b.build();
  }

  private static int send(HttpClient client, String base, Signed s) throws Exception {
    return client.send(request(base, s), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Sends all, at most {@code inFlight} at a time; counts answers other than 201. */
  private static void run(
      HttpClient client, String base, List<Signed> all, int inFlight, AtomicInteger refused)
      throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(all.size());
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    for (Signed s : all) {
      slots.acquire();
      client
          .sendAsync(request(base, s), HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (r, e) -> {
                int status = e != null ? -1 : r.statusCode();
                statuses.merge(status, 1, Integer::sum);
                if (status != 201 && refused != null) {
                  refused.incrementAndGet();
                }
                slots.release();
                done.countDown();
              });
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("reports not answered within 10 minutes");
    }
    if (statuses.keySet().stream().anyMatch(s -> s != 201)) {
      System.out.println("    answers by status: " + statuses);
    }
  }

  private static JsonNode get(HttpClient client, String url) throws Exception {
    return JSON.readTree(
        client
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
