package org.guarantor.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 by hand, for what no client library sends: a Content-Length that is not the body's, a
 * Content-Type no client would write, bytes that are not UTF-8. Stateless.
 */
final class Raw {
  private Raw() {}

  /** An answer's status, headers (names in lower case) and body. */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    JsonNode json() {
      try {
        return Http.JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  /** A connection to the test server on 127.0.0.1, reads timing out after {@code timeoutMs}. */
  static Socket connect(int port, int timeoutMs) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(timeoutMs);
    return s;
  }

  /**
   * The head of a POST: these headers (a Content-Type among them, if any), then the Content-Length
   * given, whatever the body sent will be.
   */
  static byte[] post(String path, Map<String, String> headers, long contentLength) {
    StringBuilder r =
        new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    headers.forEach((k, v) -> r.append(k).append(": ").append(v).append("\r\n"));
    r.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
    return r.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Reads one answer: its head, then as many bytes as its Content-Length says. */
  static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before an answer: " + head);
      }
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int l = 1; l < lines.length; l++) {
      int colon = lines[l].indexOf(':');
      headers.put(
          lines[l].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[l].substring(colon + 1).trim());
    }
    byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    return new Answer(
        Integer.parseInt(lines[0].substring(9, 12)),
        headers,
        new String(body, StandardCharsets.UTF_8));
  }
}
