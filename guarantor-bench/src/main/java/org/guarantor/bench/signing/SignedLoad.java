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
    if (args.length == 2 && args[0].equals("--scaled-treaty")) {
      // The bundled treaty with pledges that never run out, for serve --scenario under load.
      Files.writeString(
          Path.of(args[1]),
          Json.mapper().writeValueAsString(Treaties.scaled(TreatyFile.bundled(), 1_000_000)));
      return;
    }
    if (args.length == 5 && args[0].equals("--presign")) {
      presign(Path.of(args[1]), args[2], Integer.parseInt(args[3]), Path.of(args[4]));
      return;
    }
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
      Cpu cpu0 = Cpu.now();
      long t0 = System.nanoTime();
      run(client, base, burst, inFlight, refused);
      double seconds = (System.nanoTime() - t0) / 1e9;
      Cpu cpu = Cpu.now().minus(cpu0);
      long events = get(client, base + "/health").get("events").asLong() - events0;
      System.out.printf(
          "(b) sustained, %d in flight: %d signed reports in %.2f s = %.0f reports/s"
              + " (%.0f events/s, %d refused)%n",
          inFlight, burst.size(), seconds, burst.size() / seconds, events / seconds, refused.get());
      double n = burst.size();
      System.out.printf(
          "    CPU per report: server threads %.0f us (HTTP %.0f, writer %.0f, persister %.0f,"
              + " other %.0f), client threads %.0f us, JVM (collector, compiler) %.0f us%n",
          cpu.server() / n / 1e3,
          cpu.http / n / 1e3,
          cpu.writer / n / 1e3,
          cpu.persister / n / 1e3,
          cpu.otherServer / n / 1e3,
          cpu.client / n / 1e3,
          cpu.jvm() / n / 1e3);
      System.out.printf(
          "    process CPU: %.0f%% user, %.0f%% system (of one core)%n",
          cpu.userTicks / seconds, cpu.systemTicks / seconds);
      // The JVM's own threads (collector, compiler) are shared out by the threads' CPU.
      double serverNanos =
          (cpu.server()
                  + cpu.jvm() * (double) cpu.server() / Math.max(1, cpu.server() + cpu.client))
              / n;
      System.out.printf(
          "    the server alone at %.0f us of CPU a report (its threads and its share of the"
              + " JVM's): at most %.0f reports/s on %d cores%n",
          serverNanos / 1e3,
          Runtime.getRuntime().availableProcessors() * 1e9 / serverNanos,
          Runtime.getRuntime().availableProcessors());
      inProcess(server, treaty, ukr, log, plans, throughputReports);
    } finally {
      deleteRecursively(dir);
    }
  }

  /**
   * (c) and (d): the same reports without HTTP, decided by the engine with many in flight, as
   * signed commands checked on two threads the way the HTTP threads check them (canonical text,
   * Ed25519, the signed text read back) and, for the ratio, as the same commands unsigned. Run
   * alternately, twice each; the better of each is printed.
   */
  private static void inProcess(
      GuarantorServer server,
      Treaty treaty,
      RequestSigner signer,
      String log,
      List<ResponsePlan> plans,
      int n)
      throws Exception {
    org.guarantor.engine.Engine engine = server.engine();
    org.guarantor.domain.party.Actor ukr =
        org.guarantor.domain.party.Actor.of(
            treaty.party(org.guarantor.domain.party.PartyCode.of("UKR")).orElseThrow());
    org.guarantor.domain.keys.PublicKey key = signer.key().publicKey();
    java.util.concurrent.ExecutorService checkers =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    Reader plainReader =
        s -> {
          JsonNode body = JSON.readTree(s.body());
          return org.guarantor.signing.CommandReader.read("POST", "/api/v1/reports", body, ukr);
        };
    Reader signedReader =
        s -> {
          JsonNode body = JSON.readTree(s.body());
          Map<String, String> h = s.headers();
          org.guarantor.signing.SignedRequest r =
              org.guarantor.signing.SignedRequest.fromHeaders(
                  "POST",
                  "/api/v1/reports",
                  body,
                  h.get(org.guarantor.signing.SignedRequest.KEY),
                  h.get(org.guarantor.signing.SignedRequest.PARTY),
                  h.get(org.guarantor.signing.SignedRequest.SIGNED_AT),
                  h.get(org.guarantor.signing.SignedRequest.NONCE),
                  log);
          String text = r.text();
          String value = h.get(org.guarantor.signing.SignedRequest.SIGNATURE);
          if (!org.guarantor.signing.Ed25519.verify(key, text, value)) {
            throw new IllegalStateException("signature does not verify");
          }
          var read =
              org.guarantor.signing.CommandReader.read(
                  "POST", "/api/v1/reports", org.guarantor.signing.SignedRequest.bodyOf(text), ukr);
          var signature =
              new org.guarantor.domain.keys.Signature(
                  r.key(), r.party(), r.signedAt(), r.nonce(), text, value);
          return at ->
              new org.guarantor.domain.dispatch.DispatchCommand.Signed(read.apply(at), signature);
        };
    double signed = 0;
    double unsigned = 0;
    long[] signedLatency = null;
    long[] unsignedLatency = null;
    try {
      for (int round = 0; round < 2; round++) {
        unsigned =
            Math.max(
                unsigned,
                submit(engine, sign(signer, plans, n, "u" + round), checkers, plainReader));
        signed =
            Math.max(
                signed,
                submit(engine, sign(signer, plans, n, "s" + round), checkers, signedReader));
        long[] u = latency(engine, sign(signer, plans, 2_000, "lu" + round), plainReader);
        long[] v = latency(engine, sign(signer, plans, 2_000, "ls" + round), signedReader);
        if (unsignedLatency == null
            || u[u.length * 99 / 100] < unsignedLatency[u.length * 99 / 100]) {
          unsignedLatency = u;
        }
        if (signedLatency == null || v[v.length * 99 / 100] < signedLatency[v.length * 99 / 100]) {
          signedLatency = v;
        }
      }
    } finally {
      checkers.shutdownNow();
    }
    System.out.printf(
        "(e) in process, no HTTP, one caller at a time, report to durable taskings: signed p50 %.2f"
            + " ms, p99 %.2f ms; unsigned p50 %.2f ms, p99 %.2f ms%n",
        ms(signedLatency, 0.5),
        ms(signedLatency, 0.99),
        ms(unsignedLatency, 0.5),
        ms(unsignedLatency, 0.99));
    System.out.printf(
        "(c) in process, no HTTP, signed: %.0f reports/s (signatures checked on 2 threads)%n",
        signed);
    System.out.printf(
        "(d) in process, no HTTP, unsigned: %.0f reports/s; signed/unsigned = %.2f%n",
        unsigned, signed / unsigned);
  }

  /** Each report checked, read and decided in turn, waiting for it to be durable; sorted nanos. */
  private static long[] latency(org.guarantor.engine.Engine engine, List<Signed> all, Reader reader)
      throws Exception {
    long[] nanos = new long[all.size()];
    for (int i = 0; i < all.size(); i++) {
      long t0 = System.nanoTime();
      var o = engine.execute(reader.read(all.get(i)));
      nanos[i] = System.nanoTime() - t0;
      if (!o.accepted()) {
        throw new IllegalStateException("refused: " + o.decision());
      }
    }
    Arrays.sort(nanos);
    return nanos;
  }

  interface Reader {
    java.util.function.Function<java.time.Instant, org.guarantor.domain.dispatch.DispatchCommand>
        read(Signed s) throws Exception;
  }

  /** Checks and reads each report on {@code checkers}, submits it; reports per second. */
  private static double submit(
      org.guarantor.engine.Engine engine,
      List<Signed> all,
      java.util.concurrent.ExecutorService checkers,
      Reader reader)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(2_048);
    CountDownLatch done = new CountDownLatch(all.size());
    AtomicInteger refused = new AtomicInteger();
    long t0 = System.nanoTime();
    for (Signed s : all) {
      inFlight.acquire();
      checkers.execute(
          () -> {
            try {
              engine
                  .submit(reader.read(s))
                  .whenComplete(
                      (o, e) -> {
                        if (e != null || !o.accepted()) {
                          refused.incrementAndGet();
                        }
                        inFlight.release();
                        done.countDown();
                      });
            } catch (Exception e) {
              refused.incrementAndGet();
              inFlight.release();
              done.countDown();
            }
          });
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("not decided within 10 minutes");
    }
    if (refused.get() > 0) {
      throw new IllegalStateException(refused.get() + " reports refused");
    }
    return all.size() / ((System.nanoTime() - t0) / 1e9);
  }

  /** CPU time so far, by kind of thread, in nanoseconds. */
  static final class Cpu {
    long http;
    long writer;
    long persister;
    long otherServer;
    long client;
    long process;
    long userTicks;
    long systemTicks;

    long server() {
      return http + writer + persister + otherServer;
    }

    long jvm() {
      return Math.max(0, process - server() - client);
    }

    static Cpu now() {
      java.lang.management.ThreadMXBean mx =
          java.lang.management.ManagementFactory.getThreadMXBean();
      Cpu c = new Cpu();
      for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
        if (t == null) {
          continue;
        }
        long ns = mx.getThreadCpuTime(t.getThreadId());
        String name = t.getThreadName();
        if (ns < 0) {
          continue;
        } else if (name.startsWith("guarantor-http") || name.startsWith("qtp")) {
          c.http += ns;
        } else if (name.equals("guarantor-writer")) {
          c.writer += ns;
        } else if (name.equals("guarantor-persister")) {
          c.persister += ns;
        } else if (name.startsWith("guarantor-") || name.startsWith("Scheduler")) {
          c.otherServer += ns;
        } else {
          c.client += ns;
        }
      }
      c.process =
          ((com.sun.management.OperatingSystemMXBean)
                  java.lang.management.ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime();
      try {
        // Linux: user and system time of the whole process, in clock ticks (fields 14 and 15).
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        c.userTicks = Long.parseLong(f[11]);
        c.systemTicks = Long.parseLong(f[12]);
      } catch (java.io.IOException | RuntimeException e) {
        // not Linux: no split
      }
      return c;
    }

    Cpu minus(Cpu o) {
      Cpu c = new Cpu();
      c.http = http - o.http;
      c.writer = writer - o.writer;
      c.persister = persister - o.persister;
      c.otherServer = otherServer - o.otherServer;
      c.client = client - o.client;
      c.process = process - o.process;
      c.userTicks = userTicks - o.userTicks;
      c.systemTicks = systemTicks - o.systemTicks;
      return c;
    }
  }

  /**
   * {@code --presign KEYFILE URL N OUT}: signs N reports for the server at URL with the key, one
   * line each for {@code signed-reports.lua} (wrk): key, party, signed-at, nonce, signature, body.
   * They must be sent within the server's five minutes.
   */
  private static void presign(Path keyFile, String url, int n, Path out) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String log = get(client, url + "/health").get("log").asText();
    RequestSigner signer = new RequestSigner(KeyFiles.readPrivate(keyFile), log);
    Treaty treaty = TreatyFile.bundled();
    StringBuilder sb = new StringBuilder();
    for (Signed s : sign(signer, treaty.plans(), n, "w" + System.nanoTime() + "-")) {
      Map<String, String> h = s.headers();
      sb.append(h.get(org.guarantor.signing.SignedRequest.KEY))
          .append('\t')
          .append(h.get(org.guarantor.signing.SignedRequest.PARTY))
          .append('\t')
          .append(h.get(org.guarantor.signing.SignedRequest.SIGNED_AT))
          .append('\t')
          .append(h.get(org.guarantor.signing.SignedRequest.NONCE))
          .append('\t')
          .append(h.get(org.guarantor.signing.SignedRequest.SIGNATURE))
          .append('\t')
          .append(s.body())
          .append('\n');
    }
    Files.writeString(out, sb);
    System.out.println("signed " + n + " reports into " + out);
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
