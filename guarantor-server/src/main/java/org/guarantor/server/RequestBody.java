package org.guarantor.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EndPoint;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.signing.CapReport;

/**
 * What the API reads from a request: JSON in UTF-8 (RFC 8259 §8.1), the only form a body is signed
 * in. A {@code Content-Type} is {@code application/json} or {@code application/…+json}, or absent
 * (the body is then read as JSON all the same); its charset, if it names one, is UTF-8. Anything
 * else is answered 415 naming the header, before the body is decoded: a body read in another
 * charset would not be the text that was signed, and Javalin decodes query parameters in the
 * request's charset too (an unknown one dropped them silently, and made the body throw).
 *
 * <p>A body is read whole before anything is done with it, and within {@link #READ_DEADLINE} of the
 * start of its reading: a thread blocked on a body that does not come (a Content-Length larger than
 * what is sent, a body sent a byte at a time) is a thread the next burst lacks, and without a
 * deadline Jetty waited up to its idle timeout between two bytes, without end for a trickle.
 *
 * <p>Stateless; the body read is kept on the request.
 */
final class RequestBody {
  /**
   * How long a request body may take to arrive. A body the API takes is small: a report's few
   * hundred bytes take under 2 s even at 2.4 kbit/s, and the largest allowed, {@link
   * Routes#MAX_BODY}, needs 100 KiB/s. A body not whole by then is answered 408 (413 if it was too
   * large anyway) and its connection closed, nothing done.
   */
  static final Duration READ_DEADLINE = Duration.ofSeconds(10);

  /** Bodies declared up to this size are read and discarded before a 413; larger ones cut off. */
  private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  private static final String BYTES = "guarantor.body.bytes";
  private static final String TEXT = "guarantor.body.text";
  private static final String WHERE = "/headers/Content-Type";
  private static final int SHOWN = 100;

  private RequestBody() {}

  /**
   * A before-handler for the API: refuses with 415 a {@code Content-Type} whose charset is not
   * UTF-8 (on any request: the query is decoded in it), and, on a request with a body, a media type
   * that is not JSON.
   */
  static void checkContentType(Context ctx) {
    String header = ctx.header("Content-Type");
    if (header == null || header.isBlank()) {
      return;
    }
    String[] parts = header.split(";");
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim();
      int eq = param.indexOf('=');
      if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("charset")) {
        String name = unquoted(param.substring(eq + 1).trim());
        if (!isUtf8(name)) {
          throw unsupported(
              header,
              "the API reads requests in UTF-8 only, and charset="
                  + shown(name)
                  + " is "
                  + (known(name) ? "another" : "no charset it knows"));
        }
      }
    }
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    if (hasBody(ctx) && !isJson(type) && !(isCap(type) && takesCap(ctx))) {
      throw unsupported(
          header,
          "a request body is JSON: send it as application/json (in UTF-8), not "
              + shown(type)
              + (takesCap(ctx)
                  ? " (a report may also be a CAP alert, " + CapReport.MEDIA_TYPE + ")"
                  : ""));
    }
  }

  /**
   * The request body as text, decoded as UTF-8; an empty string for none.
   *
   * @throws ApiError 400 when the bytes are not UTF-8
   */
  static String text(Context ctx) {
    String kept = ctx.attribute(TEXT);
    if (kept != null) {
      return kept;
    }
    byte[] bytes = bytes(ctx);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.of(
          400,
          "",
          ReasonType.INVALID_VALUE,
          "body",
          "UTF-8 text",
          "it holds bytes that are not UTF-8 (" + e.getMessage() + "); JSON is sent in UTF-8");
    }
    ctx.attribute(TEXT, text);
    return text;
  }

  /**
   * A before-handler for every request, the first after the security headers: reads the body a
   * request declares, whatever its method, within {@link #READ_DEADLINE} and {@link
   * Routes#MAX_BODY}, so that every answer, refusals included, comes after it. An answer sent
   * before its request's body has come, on a connection closed after the answer, was cut short: the
   * body arriving at the closed socket makes the kernel reset the connection, and the client loses
   * what it had not read yet.
   *
   * @throws ApiError 408 for a body not whole in time, 413 for one too large, 400 for one that
   *     breaks off
   */
  static void read(Context ctx) {
    bytes(ctx);
  }

  private static byte[] bytes(Context ctx) {
    byte[] kept = ctx.attribute(BYTES);
    if (kept == null) {
      kept = hasBody(ctx) ? readWithinDeadline(ctx) : new byte[0];
      ctx.attribute(BYTES, kept);
    }
    return kept;
  }

  /**
   * Reads the body to its end, for at most {@link #READ_DEADLINE}. A blocking read cannot be given
   * a time of its own, so the connection's idle timeout is lowered to what is left of the deadline
   * before each read (Jetty then fails a read that waits longer) and put back afterwards.
   */
  private static byte[] readWithinDeadline(Context ctx) {
    long declared = ctx.contentLength();
    if (declared > DRAIN_LIMIT) {
      ctx.header("Connection", "close");
      throw ApiError.of(413, "", ReasonType.BODY_TOO_LARGE, declared, Routes.MAX_BODY);
    }
    boolean tooLarge = declared > Routes.MAX_BODY;
    EndPoint endPoint =
        ServletContextRequest.getServletContextRequest(ctx.req())
            .getConnectionMetaData()
            .getConnection()
            .getEndPoint();
    long idleTimeout = endPoint.getIdleTimeout();
    long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
    ByteArrayOutputStream kept = new ByteArrayOutputStream(tooLarge ? 0 : 8192);
    byte[] buffer = new byte[8192];
    long read = 0;
    try {
      InputStream in = ctx.req().getInputStream();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw late(ctx, tooLarge, read, declared);
        }
        endPoint.setIdleTimeout(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        read += n;
        if (read > Routes.MAX_BODY) {
          // Read on, so that the client sees the 413 rather than a reset, up to a point.
          tooLarge = true;
          if (read > DRAIN_LIMIT) {
            break;
          }
        } else {
          kept.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      throw timedOut(e) ? late(ctx, tooLarge, read, declared) : brokeOff(ctx, 400, read, e);
    } catch (HttpException.RuntimeException e) {
      // Jetty's own refusal of what it read (a broken chunk, say): its status, as a problem.
      throw brokeOff(ctx, e.getCode() < 500 ? e.getCode() : 400, read, e);
    } finally {
      endPoint.setIdleTimeout(idleTimeout);
    }
    if (tooLarge) {
      ctx.header("Connection", "close");
      throw ApiError.of(
          413, "", ReasonType.BODY_TOO_LARGE, Math.max(declared, read), Routes.MAX_BODY);
    }
    return kept.toByteArray();
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static ApiError brokeOff(Context ctx, int status, long read, Exception e) {
    ctx.header("Connection", "close");
    return ApiError.of(
        status,
        "",
        ReasonType.INVALID_VALUE,
        "body",
        "request body",
        "it broke off after " + read + " bytes (" + e.getMessage() + "); nothing was done");
  }

  /** The answer to a body not whole within the deadline; its connection is closed after it. */
  private static ApiError late(Context ctx, boolean tooLarge, long read, long declared) {
    ctx.header("Connection", "close");
    if (tooLarge) {
      return ApiError.of(
          413, "", ReasonType.BODY_TOO_LARGE, Math.max(declared, read), Routes.MAX_BODY);
    }
    return ApiError.of(
        408,
        "",
        ReasonType.INVALID_VALUE,
        "body",
        "request body",
        read
            + (declared >= 0 ? " of the " + declared + " bytes declared" : " bytes")
            + " came within "
            + READ_DEADLINE.toSeconds()
            + " s; nothing was done: send the request again, whole");
  }

  private static boolean hasBody(Context ctx) {
    return ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
  }

  private static boolean isJson(String type) {
    return type.isEmpty()
        || type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"));
  }

  /** Whether the request's body is a CAP alert ({@code application/cap+xml}). */
  static boolean isCap(Context ctx) {
    String header = ctx.header("Content-Type");
    return header != null && isCap(header.split(";")[0].trim().toLowerCase(Locale.ROOT));
  }

  private static boolean isCap(String type) {
    return type.equals(CapReport.MEDIA_TYPE);
  }

  /** A report may be filed as a CAP alert; nothing else is read from XML. */
  private static boolean takesCap(Context ctx) {
    return ctx.method() == io.javalin.http.HandlerType.POST && ctx.path().equals(CAP_PATH);
  }

  static final String CAP_PATH = "/api/v1/reports";

  private static boolean isUtf8(String name) {
    try {
      return Charset.forName(name).equals(StandardCharsets.UTF_8);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return false;
    }
  }

  private static boolean known(String name) {
    try {
      return Charset.isSupported(name);
    } catch (IllegalCharsetNameException e) {
      return false;
    }
  }

  private static String unquoted(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  private static String shown(String s) {
    return "'" + (s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s) + "'";
  }

  private static ApiError unsupported(String header, String why) {
    return ApiError.of(
        415, WHERE, ReasonType.INVALID_VALUE, "Content-Type " + shown(header), "media type", why);
  }
}
