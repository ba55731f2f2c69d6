package org.guarantor.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Many connections to a test server opened at once from one thread, as a burst arrives: each
 * connection sends one raw HTTP/1.1 request with {@code Connection: close} and reads the answer to
 * its end. What each got is kept exactly: an answer, a reset, a close without an answer, or nothing
 * within the time given. Not thread-safe; bounded by the time given to each call.
 */
final class Burst implements AutoCloseable {
  /** What one connection got: {@code status} 0 when no answer came ({@code failure} says why). */
  record Answer(int status, Map<String, String> headers, String body, String failure) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** An answer that is whole: its body as long as its Content-Length says. */
    boolean complete() {
      String length = header("Content-Length");
      return status > 0
          && length != null
          && Integer.parseInt(length) == body.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  private final Selector selector;
  private final List<SocketChannel> channels = new ArrayList<>();
  private final boolean[] connected;

  private Burst(int port, int n) throws IOException {
    selector = Selector.open();
    connected = new boolean[n];
    InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
    for (int i = 0; i < n; i++) {
      SocketChannel c = SocketChannel.open();
      c.configureBlocking(false);
      channels.add(c);
      if (c.connect(to)) {
        connected[i] = true;
      } else {
        c.register(selector, SelectionKey.OP_CONNECT, i);
      }
    }
  }

  /** Starts {@code n} connections to 127.0.0.1:{@code port} at once. */
  static Burst open(int port, int n) throws IOException {
    return new Burst(port, n);
  }

  /**
   * Waits up to {@code wait} for the connections still connecting; returns how many are connected
   * (the handshake done, whether or not the server has accepted them yet).
   */
  int awaitConnected(Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (count() < connected.length && System.nanoTime() < deadline) {
      selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      for (SelectionKey k : selector.selectedKeys()) {
        int i = (Integer) k.attachment();
        try {
          if (k.isConnectable() && ((SocketChannel) k.channel()).finishConnect()) {
            connected[i] = true;
            k.interestOps(0);
          }
        } catch (IOException e) {
          k.cancel();
          k.channel().close();
        }
      }
      selector.selectedKeys().clear();
    }
    return count();
  }

  private int count() {
    int n = 0;
    for (boolean c : connected) {
      n += c ? 1 : 0;
    }
    return n;
  }

  /**
   * Sends request {@code i} on connection {@code i} (as soon as it is connected) and reads every
   * answer to its end, for at most {@code wait} in all.
   */
  List<Answer> exchange(List<byte[]> requests, Duration wait) throws IOException {
    int n = channels.size();
    Answer[] answers = new Answer[n];
    ByteBuffer[] out = new ByteBuffer[n];
    ByteArrayOutputStream[] in = new ByteArrayOutputStream[n];
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    int open = 0;
    for (int i = 0; i < n; i++) {
      out[i] = ByteBuffer.wrap(requests.get(i));
      in[i] = new ByteArrayOutputStream();
      SocketChannel c = channels.get(i);
      if (!c.isOpen()) {
        answers[i] = new Answer(0, Map.of(), "", "refused");
        continue;
      }
      SelectionKey k = c.keyFor(selector);
      int ops = connected[i] ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT;
      if (k == null) {
        c.register(selector, ops, i);
      } else {
        k.interestOps(ops);
      }
      open++;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (open > 0 && System.nanoTime() < deadline) {
      selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      for (SelectionKey k : selector.selectedKeys()) {
        int i = (Integer) k.attachment();
        SocketChannel c = (SocketChannel) k.channel();
        try {
          if (k.isConnectable() && c.finishConnect()) {
            k.interestOps(SelectionKey.OP_WRITE);
            continue;
          }
          if (k.isWritable()) {
            c.write(out[i]);
            if (!out[i].hasRemaining()) {
              k.interestOps(SelectionKey.OP_READ);
            }
          } else if (k.isReadable()) {
            buffer.clear();
            int read = c.read(buffer);
            if (read > 0) {
              in[i].write(buffer.array(), 0, read);
            } else if (read < 0) {
              answers[i] = parse(in[i].toByteArray());
              k.cancel();
              c.close();
              open--;
            }
          }
        } catch (IOException e) {
          String m = String.valueOf(e.getMessage());
          answers[i] = new Answer(0, Map.of(), "", m.contains("reset") ? "reset" : "failed: " + m);
          k.cancel();
          c.close();
          open--;
        }
      }
      selector.selectedKeys().clear();
    }
    for (int i = 0; i < n; i++) {
      if (answers[i] == null) {
        answers[i] = new Answer(0, Map.of(), "", "no answer within " + wait);
      }
    }
    return List.of(answers);
  }

  private static Answer parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.1 ") || end < 0) {
      return new Answer(
          0, Map.of(), text, text.isEmpty() ? "closed without an answer" : "not HTTP");
    }
    String[] lines = text.substring(0, end).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int l = 1; l < lines.length; l++) {
      int colon = lines[l].indexOf(':');
      headers.put(
          lines[l].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[l].substring(colon + 1).trim());
    }
    return new Answer(
        Integer.parseInt(lines[0].substring(9, 12)), headers, text.substring(end + 4), null);
  }

  /** A POST as raw HTTP/1.1 with {@code Connection: close}, with these headers. */
  static byte[] post(String path, Map<String, String> headers, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder r =
        new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    r.append("Connection: close\r\nContent-Type: application/json\r\n");
    headers.forEach((k, v) -> r.append(k).append(": ").append(v).append("\r\n"));
    r.append("Content-Length: ").append(content.length).append("\r\n\r\n");
    byte[] head = r.toString().getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + content.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(content, 0, all, head.length, content.length);
    return all;
  }

  @Override
  public void close() throws IOException {
    for (SocketChannel c : channels) {
      c.close();
    }
    selector.close();
  }
}
