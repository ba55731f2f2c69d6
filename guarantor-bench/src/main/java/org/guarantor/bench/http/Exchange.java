package org.guarantor.bench.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends one {@link FuzzCase} on a connection of its own and reads the answer to the connection's
 * end (every case asks {@code Connection: close}, so a mutated request cannot spoil the next). Raw
 * sockets, not an HTTP client: the cases send what no client library would (a Content-Length that
 * lies, bytes that are not UTF-8 in a header). Stateless and thread-safe.
 */
final class Exchange {
  /** Longer than the server's idle timeout (30 s), so a server that waits that long is seen. */
  private static final int READ_TIMEOUT_MS = 45_000;

  private static final int TRICKLE_PAUSE_MS = 250;

  private final InetSocketAddress server;

  Exchange(int port) {
    this.server = new InetSocketAddress("127.0.0.1", port);
  }

  /**
   * What one request got.
   *
   * @param status the answer's status, 0 when none came ({@code failure} says why)
   * @param contentType the answer's Content-Type, or "" for none
   * @param body the answer's body as text
   * @param failure null for an answer; else reset, closed without an answer, timeout, …
   * @param nanos from the start of the connection to the answer's end (or the failure)
   */
  record Outcome(int status, String contentType, String body, String failure, long nanos) {
    boolean problem() {
      return contentType.startsWith("application/problem+json");
    }
  }

  Outcome send(FuzzCase c) {
    if (c.send() == FuzzCase.Send.REPLAYED) {
      send(c.head(), c.body(), FuzzCase.Send.WHOLE);
    }
    return send(c.head(), c.body(), c.send());
  }

  private Outcome send(byte[] head, byte[] body, FuzzCase.Send how) {
    long t0 = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(server, 5_000);
      s.setSoTimeout(READ_TIMEOUT_MS);
      OutputStream out = s.getOutputStream();
      Thread trickle = null;
      try {
        out.write(head);
        if (how == FuzzCase.Send.TRICKLED) {
          trickle = trickle(out, body);
        } else {
          out.write(body);
          out.flush();
        }
      } catch (IOException early) {
        // The server answered (and closed) before taking the whole request: read its answer.
      }
      try {
        return parse(readAll(s.getInputStream()), System.nanoTime() - t0);
      } finally {
        if (trickle != null) {
          trickle.interrupt();
        }
      }
    } catch (ConnectException e) {
      return failed("connection refused", t0);
    } catch (SocketTimeoutException e) {
      return failed("no answer within " + READ_TIMEOUT_MS / 1000 + " s", t0);
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      return failed(m.contains("reset") ? "reset" : "failed: " + e.getMessage(), t0);
    }
  }

  /** Writes the body a byte at a time on a thread of its own, until done or interrupted. */
  private static Thread trickle(OutputStream out, byte[] body) {
    Thread t =
        new Thread(
            () -> {
              try {
                for (byte b : body) {
                  out.write(b);
                  out.flush();
                  Thread.sleep(TRICKLE_PAUSE_MS);
                }
              } catch (IOException | InterruptedException stopped) {
                // answered, closed, or the exchange is over
              }
            },
            "fuzz-trickle");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      all.write(buffer, 0, n);
    }
    return all.toByteArray();
  }

  private static Outcome parse(byte[] bytes, long nanos) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    while (text.startsWith("HTTP/1.1 1") && end >= 0) {
      // An interim answer (100 Continue): the answer follows it.
      text = text.substring(end + 4);
      end = text.indexOf("\r\n\r\n");
    }
    if (!text.startsWith("HTTP/1.1 ") || end < 0) {
      return new Outcome(
          0, "", text, text.isEmpty() ? "closed without an answer" : "not HTTP", nanos);
    }
    String contentType = "";
    for (String line : text.substring(0, end).split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
        contentType = line.substring(13).trim();
      }
    }
    return new Outcome(
        Integer.parseInt(text.substring(9, 12)), contentType, text.substring(end + 4), null, nanos);
  }

  private static Outcome failed(String why, long t0) {
    return new Outcome(0, "", "", why, System.nanoTime() - t0);
  }
}
