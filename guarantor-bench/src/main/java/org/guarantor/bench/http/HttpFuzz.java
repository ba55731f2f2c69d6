package org.guarantor.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.guarantor.optimizer.ExactPlanner;
import org.guarantor.optimizer.StateReplanner;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.Security;
import org.guarantor.server.ServerConfig;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.RequestSigner;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.Verification;

/**
 * Fuzzes the running server over real HTTP: starts it on 127.0.0.1 at a free port (an exercise on
 * the demonstration keyring, re-planning on, rate limit off so every request reaches its route),
 * and sends a seeded stream of requests across every route, well-formed and properly signed for the
 * most part, each possibly with its method, path id, query, headers (Content-Type and its charset,
 * Content-Length, Authorization, the signature's) or body (wrong types, cut short, huge, not UTF-8,
 * lone surrogates) changed, or its signature forged. {@link Cases} says what exactly.
 *
 * <p>Prints the answers by status class and by route, every 5xx with its route and cause, answers
 * with no problem body, connections left without an answer, the latency, and every request slower
 * than 1 s with what it was. Asserts nothing, but exits 1 when:
 *
 * <ul>
 *   <li>any answer is 5xx;
 *   <li>any answer is slower than its bound. A whole request: {@link #COMMAND_WAIT} (a command the
 *       writer has not taken by then is withdrawn and answered 503; a read waits on no queue) and 1
 *       s more for the decision, the durable write and a loaded two-core machine. A request whose
 *       body does not come whole (a Content-Length larger than what is sent, a body sent a byte at
 *       a time): {@link #BODY_DEADLINE}, after which the server answers without it, and 2 s more;
 *   <li>a forged signature is answered 2xx;
 *   <li>a request framed as one HTTP/1.1 request gets no answer (a mis-framed one, whose extra
 *       bytes the server refuses as another request and closes on, may lose its answer to a reset:
 *       those are counted, not failed);
 *   <li>the server is not up afterwards, or its log's chain does not verify.
 * </ul>
 *
 * <p>Bounded: at most the given number of requests and minutes. Run: {@code java -cp
 * guarantor-bench/target/benchmarks.jar org.guarantor.bench.http.HttpFuzz [requests=20000]
 * [seed=18] [clients=8] [minutes=30]}.
 */
public final class HttpFuzz {
  /** The server's {@code Api.COMMAND_WAIT}. */
  static final Duration COMMAND_WAIT = Duration.ofSeconds(5);

  /** The server's {@code RequestBody.READ_DEADLINE}. */
  static final Duration BODY_DEADLINE = Duration.ofSeconds(10);

  static final Duration WHOLE_BOUND = COMMAND_WAIT.plusSeconds(1);
  static final Duration BODY_BOUND = BODY_DEADLINE.plusSeconds(2);
  private static final Duration SLOW = Duration.ofSeconds(1);
  private static final int WARM_UP = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpFuzz() {}

  /** A request and what it got, without its bytes (a run sends gigabytes of huge bodies). */
  record Result(int index, FuzzCase c, Exchange.Outcome o, String detail) {
    Duration time() {
      return Duration.ofNanos(o.nanos());
    }

    Duration bound() {
      return c.waitsForBody() ? BODY_BOUND : WHOLE_BOUND;
    }

    String line() {
      return String.format(
          "#%d %,.0f ms %s %s [%s]%s",
          index,
          o.nanos() / 1e6,
          o.status() == 0 ? o.failure() : Integer.toString(o.status()),
          c.route(),
          c.what().isEmpty() ? "well-formed" : c.what(),
          detail.isEmpty() ? "" : ": " + detail);
    }
  }

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 18;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Duration budget = Duration.ofMinutes(args.length > 3 ? Long.parseLong(args[3]) : 30);
    Path dir = Files.createTempDirectory("guarantor-http-fuzz");
    Path data = dir.resolve("data");
    ServerConfig cfg =
        ServerConfig.local(0, data)
            .exercise(Instant.now().truncatedTo(ChronoUnit.SECONDS))
            .withSecurity(Security.defaults().withRateLimit(0, 0));
    Thread warm = new Thread(ExactPlanner::warmUp, "warm-up");
    warm.start();
    warm.join();
    List<String> failures = new ArrayList<>();
    List<Result> results;
    GuarantorServer server =
        GuarantorServer.start(
            cfg,
            (state, incident, trigger, solveBudget, now) ->
                StateReplanner.propose(state, incident, trigger, solveBudget, now).proposal(),
            Duration.ofSeconds(2));
    try {
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      String base = "http://127.0.0.1:" + server.port();
      String log = get(client, base + "/health").get("log").asText();
      Map<String, RequestSigner> officers = new TreeMap<>();
      Map<String, RequestSigner> roots = new TreeMap<>();
      try (Stream<Path> keys = Files.list(data.resolve("demo-keys"))) {
        for (Path k : keys.toList()) {
          String name = k.getFileName().toString();
          if (name.endsWith(".jwk")) {
            RequestSigner s = new RequestSigner(KeyFiles.readPrivate(k), log);
            (name.endsWith(".root.jwk") ? roots : officers).put(name.substring(0, 3), s);
          }
        }
      }
      System.out.printf(
          "HTTP fuzz: %,d requests, seed %d, %d clients, %d cores, %s; server on %s (exercise,"
              + " demonstration keyring, re-planning on, no rate limit)%n",
          requests,
          seed,
          clients,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
          base);
      Known known = new Known();
      Exchange exchange = new Exchange(server.port());
      java.util.function.Supplier<String> challenges =
          () -> {
            try {
              return get(client, base + "/api/v1/session/challenge").get("challenge").asText();
            } catch (IOException e) {
              return "no-challenge";
            }
          };
      // Untimed and uncounted: the JIT compiles the paths, the log holds some incidents.
      run(
          new Cases(seed + 1, server.port(), log, officers, roots, known, challenges),
          exchange,
          known,
          WARM_UP,
          clients,
          budget);
      long t0 = System.nanoTime();
      results =
          run(
              new Cases(seed, server.port(), log, officers, roots, known, challenges),
              exchange,
              known,
              requests,
              clients,
              budget);
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "%,d requests answered or failed in %.1f s (%,d incidents, %,d taskings, %,d sessions"
              + " given out)%n",
          results.size(), seconds, known.incidents(), known.taskings(), known.sessions());
      if (results.size() < requests) {
        failures.add("only " + results.size() + " requests within " + budget);
      }
      report(results, failures);
      JsonNode health = get(client, base + "/health");
      if (!"UP".equals(health.path("status").asText())) {
        failures.add("the server is not up afterwards: " + health);
      }
    } finally {
      server.close();
    }
    try (JdbcEventLog eventLog = JdbcEventLog.sqlite(data)) {
      Verification v = eventLog.verify();
      System.out.printf(
          "log: %,d events, chain %s%n",
          v.count(), v.intact() ? "intact" : "BROKEN: " + v.problem());
      if (!v.intact()) {
        failures.add("the log's chain does not verify: " + v.problem());
      }
    }
    deleteRecursively(dir);
    System.out.println(failures.isEmpty() ? "PASS" : "FAIL: " + String.join("; ", failures));
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  /** Sends requests 0 to n-1 of the cases from {@code clients} threads; one result each. */
  private static List<Result> run(
      Cases cases, Exchange exchange, Known known, int n, int clients, Duration budget)
      throws InterruptedException {
    Result[] results = new Result[n];
    AtomicInteger next = new AtomicInteger();
    long end = System.nanoTime() + budget.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int t = 0; t < clients; t++) {
      pool.execute(
          () -> {
            for (int i; (i = next.getAndIncrement()) < n && System.nanoTime() < end; ) {
              FuzzCase c = cases.make(i);
              Exchange.Outcome o = exchange.send(c);
              known.learn(c.route(), o);
              results[i] = new Result(i, c, o, detail(o));
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(budget.toSeconds() + 120, TimeUnit.SECONDS);
    return Arrays.stream(results).filter(r -> r != null).toList();
  }

  private static void report(List<Result> results, List<String> failures) {
    Map<String, Integer> classes = new TreeMap<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<String, int[]> routes = new TreeMap<>();
    List<Result> fiveHundreds = new ArrayList<>();
    List<Result> notProblems = new ArrayList<>();
    List<Result> unanswered = new ArrayList<>();
    List<Result> forgedAccepted = new ArrayList<>();
    List<Result> overBound = new ArrayList<>();
    List<Result> slow = new ArrayList<>();
    int forged = 0;
    for (Result r : results) {
      int s = r.o().status();
      String cls = s == 0 ? "no answer" : s / 100 + "xx";
      classes.merge(cls, 1, Integer::sum);
      if (s > 0) {
        statuses.merge(s, 1, Integer::sum);
      }
      int[] row = routes.computeIfAbsent(r.c().route(), k -> new int[5]);
      row[0]++;
      row[s == 0 ? 4 : Math.min(3, Math.max(1, s / 100 - 1))]++;
      if (s >= 500) {
        fiveHundreds.add(r);
      } else if (s >= 400 && !r.o().problem()) {
        notProblems.add(r);
      }
      if (s == 0) {
        unanswered.add(r);
      }
      if (r.c().forged()) {
        forged++;
        if (s >= 200 && s < 300) {
          forgedAccepted.add(r);
        }
      }
      if (r.time().compareTo(r.bound()) > 0) {
        overBound.add(r);
      }
      if (r.time().compareTo(SLOW) > 0) {
        slow.add(r);
      }
    }
    System.out.println("answers by class: " + classes);
    System.out.println("answers by status: " + statuses);
    System.out.println("by route (requests: 2xx-3xx / 4xx / 5xx / no answer):");
    routes.forEach(
        (route, row) ->
            System.out.printf(
                "  %-46s %,6d: %,6d / %,6d / %,3d / %,3d%n",
                route, row[0], row[1], row[2], row[3], row[4]));
    section("5xx answers", fiveHundreds, 100);
    section("4xx answers without a problem body (Jetty's own refusals)", notProblems, 20);
    long unframed = unanswered.stream().filter(r -> !r.c().framed()).count();
    System.out.printf(
        "connections without an answer: %d (%d of them mis-framed requests)%n",
        unanswered.size(), unframed);
    unanswered.stream().limit(30).forEach(r -> System.out.println("  " + r.line()));
    System.out.printf(
        "forged signatures: %,d sent, %d answered 2xx%n", forged, forgedAccepted.size());
    forgedAccepted.forEach(r -> System.out.println("  " + r.line()));
    latency("whole requests", results.stream().filter(r -> !r.c().waitsForBody()).toList());
    latency(
        "bodies that never came whole",
        results.stream().filter(r -> r.c().waitsForBody()).toList());
    slow.sort(Comparator.comparingLong((Result r) -> r.o().nanos()).reversed());
    System.out.printf("requests over %d s: %d%n", SLOW.toSeconds(), slow.size());
    slow.forEach(r -> System.out.println("  " + r.line()));
    System.out.printf(
        "over their bound (whole %d s, body never whole %d s): %d%n",
        WHOLE_BOUND.toSeconds(), BODY_BOUND.toSeconds(), overBound.size());
    overBound.forEach(r -> System.out.println("  " + r.line()));
    if (!fiveHundreds.isEmpty()) {
      failures.add(fiveHundreds.size() + " answers 5xx");
    }
    if (!overBound.isEmpty()) {
      failures.add(overBound.size() + " answers over their bound");
    }
    if (!forgedAccepted.isEmpty()) {
      failures.add(forgedAccepted.size() + " forged signatures answered 2xx");
    }
    if (unanswered.size() > unframed) {
      failures.add((unanswered.size() - unframed) + " well-framed requests without an answer");
    }
  }

  private static void section(String title, List<Result> results, int shown) {
    System.out.printf("%s: %d%n", title, results.size());
    results.stream().limit(shown).forEach(r -> System.out.println("  " + r.line()));
  }

  private static void latency(String what, List<Result> results) {
    if (results.isEmpty()) {
      return;
    }
    long[] nanos = results.stream().mapToLong(r -> r.o().nanos()).sorted().toArray();
    System.out.printf(
        "latency of %s (%,d): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        what, nanos.length, ms(nanos, 0.50), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6);
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  /** A problem's detail, or the start of any other answer's body. */
  private static String detail(Exchange.Outcome o) {
    if (o.status() < 400) {
      return "";
    }
    if (o.problem()) {
      try {
        return JSON.readTree(o.body()).path("detail").asText();
      } catch (IOException notJson) {
        return "problem body not JSON: " + Mutations.cut(o.body());
      }
    }
    String text = o.body().replaceAll("\\s+", " ").trim();
    return o.contentType() + (text.isEmpty() ? "" : " " + Mutations.cut(text));
  }

  private static JsonNode get(HttpClient client, String url) throws IOException {
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
