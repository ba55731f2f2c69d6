package org.guarantor.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves every page document to the browser with the Content-Security-Policy the server is to send
 * ({@link #POLICY}), when the server does not send one itself, so that the browser tests run the
 * page under it: an inline script or style attribute, or an eval, would be refused and break the
 * test. It speaks the DevTools protocol to the browser's page directly (chromedriver passes its
 * events to nobody), intercepting each document's response and answering it again with the header
 * added. Thread-safe.
 */
final class PagePolicy implements AutoCloseable {
  /** The policy of docs/web.md, as the server is to send it. */
  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger documents = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();

  private PagePolicy(WebSocket socket) {
    this.socket = socket;
  }

  /**
   * Starts adding the policy to the documents of the browser's first page.
   *
   * @param debuggerAddress host:port of the browser's DevTools endpoint, as chromedriver reports it
   */
  static PagePolicy attach(String debuggerAddress) {
    HttpClient http = HttpClient.newHttpClient();
    try {
      String list =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://" + debuggerAddress + "/json/list"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      String page = null;
      for (JsonNode target : JSON.readTree(list)) {
        if ("page".equals(target.path("type").asText())) {
          page = target.path("webSocketDebuggerUrl").asText();
          break;
        }
      }
      if (page == null) {
        throw new IllegalStateException("the browser has no page to watch: " + list);
      }
      Listener listener = new Listener();
      WebSocket socket =
          http.newWebSocketBuilder()
              .buildAsync(URI.create(page), listener)
              .get(10, TimeUnit.SECONDS);
      PagePolicy policy = new PagePolicy(socket);
      listener.owner = policy;
      ObjectNode pattern = JSON.createObjectNode();
      pattern.put("urlPattern", "*");
      pattern.put("resourceType", "Document");
      pattern.put("requestStage", "Response");
      ObjectNode params = JSON.createObjectNode();
      params.putArray("patterns").add(pattern);
      policy.call("Fetch.enable", params).get(10, TimeUnit.SECONDS);
      return policy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot reach the browser's DevTools at " + debuggerAddress, e);
    }
  }

  /** How many documents the browser received so far, each with a policy. */
  int documents() {
    return documents.get();
  }

  /** Sends a command; the future completes with the browser's answer. */
  private CompletableFuture<JsonNode> call(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    answers.put(id, answer);
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id);
    m.put("method", method);
    m.set("params", params);
    synchronized (socket) {
      socket.sendText(m.toString(), true).join();
    }
    return answer;
  }

  private void received(JsonNode message) {
    if (message.has("id")) {
      CompletableFuture<JsonNode> answer = answers.remove(message.path("id").asInt());
      if (answer != null) {
        answer.complete(message);
      }
    } else if ("Fetch.requestPaused".equals(message.path("method").asText())) {
      // Not on this thread: it is the one that delivers the answers to wait for.
      CompletableFuture.runAsync(() -> paused(message.path("params")));
    }
  }

  /** A document's response arrived: answer it again, with the policy unless it has one. */
  private void paused(JsonNode params) {
    String request = params.path("requestId").asText();
    try {
      JsonNode body =
          call("Fetch.getResponseBody", JSON.createObjectNode().put("requestId", request))
              .get(10, TimeUnit.SECONDS)
              .path("result");
      ArrayNode headers = JSON.createArrayNode();
      boolean has = false;
      for (JsonNode header : params.path("responseHeaders")) {
        headers.add(header);
        has |= header.path("name").asText().equalsIgnoreCase("Content-Security-Policy");
      }
      if (!has) {
        headers.add(JSON.valueToTree(Map.of("name", "Content-Security-Policy", "value", POLICY)));
      }
      ObjectNode answer = JSON.createObjectNode();
      answer.put("requestId", request);
      answer.put("responseCode", params.path("responseStatusCode").asInt(200));
      answer.set("responseHeaders", headers);
      String text = body.path("body").asText("");
      answer.put(
          "body",
          body.path("base64Encoded").asBoolean()
              ? text
              : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
      call("Fetch.fulfillRequest", answer).get(10, TimeUnit.SECONDS);
      documents.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // The page went away meanwhile (the browser closing): nothing to serve.
    }
  }

  @Override
  public void close() {
    socket.abort();
  }

  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile PagePolicy owner;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          if (owner != null) {
            owner.received(JSON.readTree(text));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
