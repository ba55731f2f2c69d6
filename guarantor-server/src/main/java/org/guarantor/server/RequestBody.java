package org.guarantor.server;

import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import org.guarantor.domain.dispatch.ReasonType;

/**
 * What the API reads from a request: JSON in UTF-8 (RFC 8259 §8.1), the only form a body is signed
 * in. A {@code Content-Type} is {@code application/json} or {@code application/…+json}, or absent
 * (the body is then read as JSON all the same); its charset, if it names one, is UTF-8. Anything
 * else is answered 415 naming the header, before the body is read: a body read in another charset
 * would not be the text that was signed, and Javalin decodes query parameters in the request's
 * charset too (an unknown one dropped them silently, and made the body throw).
 *
 * <p>Stateless; the body read is kept on the request.
 */
final class RequestBody {
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
    if (hasBody(ctx) && !isJson(type)) {
      throw unsupported(
          header,
          "a request body is JSON: send it as application/json (in UTF-8), not " + shown(type));
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
    byte[] bytes = ctx.bodyAsBytes();
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

  private static boolean hasBody(Context ctx) {
    return ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
  }

  private static boolean isJson(String type) {
    return type.isEmpty()
        || type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"));
  }

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
