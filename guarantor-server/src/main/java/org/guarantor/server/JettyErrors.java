package org.guarantor.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;

/**
 * Jetty's own refusals, made before any route runs (a request line, header or URI it cannot parse
 * or will not hold: 400, 414, 431, 505), answered as every refusal of the API is: problem+json with
 * the status and Jetty's words for what was wrong, never its HTML page (which names the server).
 */
final class JettyErrors extends ErrorHandler {
  static final String PROBLEM_JSON = "application/problem+json";

  JettyErrors() {
    setShowStacks(false);
    setShowCauses(false);
  }

  /** A message Jetty could not parse: the connection answers with these bytes and closes. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
    return ByteBuffer.wrap(body(status, reason));
  }

  /** An error Jetty raised on a request it had parsed, outside the routes. */
  @Override
  protected void generateResponse(
      Request request, Response response, int status, String message, Throwable cause, Callback c) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
    response.write(true, ByteBuffer.wrap(body(status, message)), c);
  }

  private static byte[] body(int status, String jettysWords) {
    String what =
        jettysWords == null || jettysWords.isBlank() ? Problem.title(status) : jettysWords;
    Problem p =
        Problem.of(
            status,
            List.of(
                Reason.of("", ReasonType.INVALID_VALUE, "the request", "HTTP/1.1 request", what)));
    try {
      return Api.MAPPER.writeValueAsBytes(p);
    } catch (JsonProcessingException e) {
      return ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
    }
  }
}
