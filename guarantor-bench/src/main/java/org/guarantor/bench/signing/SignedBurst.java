package org.guarantor.bench.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.RequestSigner;

/**
 * A burst of signed reports, all at once, each on a connection of its own: how many a running
 * server answers, how many it resets or leaves unanswered, and how long the last ones wait. Each
 * client thread opens its connection only when the burst starts (so the server's accept backlog
 * takes the whole burst), sends one signed report with {@code Connection: close} and reads the
 * answer to its end.
 *
 * <p>Run against {@code serve --demo --rate-limit 0}: {@code java -cp
 * guarantor-bench/target/benchmarks.jar org.guarantor.bench.signing.SignedBurst
 * DATA/demo-keys/UKR.jwk http://127.0.0.1:PORT 100 250 500 1000 2000} (one burst per size, in that
 * order, 3 s apart). Prints per burst: answers by status, resets, connections closed or refused
 * without an answer, timeouts (60 s), and the time from the burst's start to each answer (p50, p99,
 * max).
 */
public final class SignedBurst {
  private static final double[][] PLACES = {
    {50.45, 30.52}, {49.99, 36.23}, {49.84, 24.03}, {46.48, 30.72}, {48.46, 35.04}, {51.50, 31.30}
  };
  private static final int READ_TIMEOUT_MS = 60_000;

  private SignedBurst() {}

  /** What one connection of the burst got. */
  record Result(String outcome, long nanos, String retryAfter) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: SignedBurst KEYFILE URL SIZE...");
      System.exit(2);
    }
    RequestSigner signer = new RequestSigner(KeyFiles.readPrivate(Path.of(args[0])), log(args[1]));
    URI base = URI.create(args[1]);
    InetSocketAddress to = new InetSocketAddress(base.getHost(), base.getPort());
    System.out.printf(
        "bursts of signed reports to %s: %d cores, %s%n",
        base,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    for (int i = 2; i < args.length; i++) {
      int size = Integer.parseInt(args[i]);
      List<byte[]> requests = sign(signer, base.getHost() + ":" + base.getPort(), size);
      List<Result> results = burst(to, requests);
      System.out.println(summary(size, results));
      Thread.sleep(3_000);
    }
  }

  /**
   * Sends every request at once, each on its own connection, from one thread (as wrk does: the
   * connections are opened in a loop, not by hundreds of threads the two cores would stagger); one
   * result per request.
   */
  static List<Result> burst(InetSocketAddress to, List<byte[]> requests) throws IOException {
    int n = requests.size();
    Result[] results = new Result[n];
    ByteBuffer[] out = new ByteBuffer[n];
    ByteArrayOutputStream[] in = new ByteArrayOutputStream[n];
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    int open = 0;
    try (Selector selector = Selector.open()) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        out[i] = ByteBuffer.wrap(requests.get(i));
        in[i] = new ByteArrayOutputStream();
        SocketChannel c = SocketChannel.open();
        c.configureBlocking(false);
        try {
          c.connect(to);
          c.register(selector, SelectionKey.OP_CONNECT, i);
          open++;
        } catch (IOException e) {
          results[i] = failure(e, System.nanoTime() - start);
          c.close();
        }
      }
      long deadline = start + TimeUnit.MILLISECONDS.toNanos(READ_TIMEOUT_MS);
      while (open > 0 && System.nanoTime() < deadline) {
        selector.select(1_000);
        for (SelectionKey k : selector.selectedKeys()) {
          int i = (Integer) k.attachment();
          SocketChannel c = (SocketChannel) k.channel();
          try {
            if (k.isConnectable() && c.finishConnect()) {
              k.interestOps(SelectionKey.OP_WRITE);
            }
            if (k.isValid() && k.isWritable()) {
              c.write(out[i]);
              if (!out[i].hasRemaining()) {
                k.interestOps(SelectionKey.OP_READ);
              }
            }
            if (k.isValid() && k.isReadable()) {
              buffer.clear();
              int read = c.read(buffer);
              if (read > 0) {
                in[i].write(buffer.array(), 0, read);
              } else if (read < 0) {
                results[i] =
                    answer(in[i].toString(StandardCharsets.ISO_8859_1), System.nanoTime() - start);
                k.cancel();
                c.close();
                open--;
              }
            }
          } catch (IOException e) {
            results[i] = failure(e, System.nanoTime() - start);
            k.cancel();
            c.close();
            open--;
          }
        }
        selector.selectedKeys().clear();
      }
      for (SelectionKey k : selector.keys()) {
        int i = (Integer) k.attachment();
        if (results[i] == null) {
          results[i] = new Result("timeout", System.nanoTime() - start, null);
        }
        k.channel().close();
      }
    }
    return Arrays.asList(results);
  }

  private static Result answer(String text, long nanos) {
    if (!text.startsWith("HTTP/1.1 ")) {
      return new Result(text.isEmpty() ? "closed, no answer" : "not HTTP", nanos, null);
    }
    String status = text.substring(9, 12);
    String retryAfter = null;
    for (String line : text.substring(0, Math.max(0, text.indexOf("\r\n\r\n"))).split("\r\n")) {
      if (line.regionMatches(true, 0, "Retry-After:", 0, 12)) {
        retryAfter = line.substring(12).trim();
      }
    }
    return new Result(status, nanos, retryAfter);
  }

  private static Result failure(IOException e, long nanos) {
    String m = String.valueOf(e.getMessage());
    if (e instanceof ConnectException) {
      return new Result("connection refused", nanos, null);
    }
    return new Result(
        m.contains("reset") || m.contains("Broken pipe") ? "reset" : "io: " + m, nanos, null);
  }

  static String summary(int size, List<Result> results) {
    Map<String, Integer> outcomes = new TreeMap<>();
    long[] nanos = new long[results.size()];
    for (int i = 0; i < results.size(); i++) {
      outcomes.merge(results.get(i).outcome(), 1, Integer::sum);
      nanos[i] = results.get(i).nanos();
    }
    Arrays.sort(nanos);
    return String.format(
        "burst of %d: %s; p50 %.0f ms, p99 %.0f ms, max %.0f ms",
        size, outcomes, ms(nanos, 0.50), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6);
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  /** N signed reports, as raw HTTP/1.1 requests, each in another place, signed now. */
  static List<byte[]> sign(RequestSigner signer, String host, int n) {
    SplittableRandom random = new SplittableRandom(n);
    String[] kinds = {"AIR_ATTACK", "GROUND_INVASION", "MARITIME_BLOCKADE", "SABOTAGE"};
    String prefix = "burst-" + System.nanoTime() + "-";
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] at = PLACES[random.nextInt(PLACES.length)];
      String body =
          "{\"key\":\""
              + prefix
              + i
              + "\",\"type\":\""
              + kinds[random.nextInt(kinds.length)]
              + "\",\"severity\":"
              + (3 + random.nextInt(3))
              + ",\"location\":{\"lat\":"
              + (at[0] + random.nextDouble(-0.05, 0.05))
              + ",\"lon\":"
              + (at[1] + random.nextDouble(-0.05, 0.05))
              + "},\"observedAt\":\"2026-11-28T05:00:00Z\",\"description\":\"burst\"}";
      StringBuilder r =
          new StringBuilder("POST /api/v1/reports HTTP/1.1\r\nHost: ")
              .append(host)
              .append("\r\nConnection: close\r\nContent-Type: application/json\r\n");
      signer
          .headers("POST", "/api/v1/reports", body)
          .forEach((k, v) -> r.append(k).append(": ").append(v).append("\r\n"));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      r.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(body);
      out.add(r.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String log(String url) throws IOException {
    try (InputStream in = URI.create(url + "/health").toURL().openStream()) {
      return new ObjectMapper().readTree(in).get("log").asText();
    }
  }
}
