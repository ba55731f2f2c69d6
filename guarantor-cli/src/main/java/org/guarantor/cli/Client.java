package org.guarantor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;
import org.guarantor.engine.codec.Json;
import picocli.CommandLine.Option;

/** Connection options shared by the client commands, and the one way they call the server. */
final class Client {
  @Option(
      names = "--server",
      defaultValue = "${GUARANTOR_SERVER:-http://127.0.0.1:8080}",
      description = "Server address (default ${DEFAULT-VALUE}; env GUARANTOR_SERVER).")
  String server;

  @Option(
      names = "--token",
      defaultValue = "${GUARANTOR_TOKEN}",
      description = "Bearer token of the acting party, e.g. demo-UKR (env GUARANTOR_TOKEN).")
  String token;

  @Option(
      names = "--json",
      description = "Print the server's JSON answer as it came, instead of a summary.")
  boolean json;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * Sends a request and prints the answer: as {@code render} words it, or as the JSON that came
   * with {@code --json}; a refusal goes to stderr, its reasons one per line. Returns the exit code:
   * 0 done, 1 refused, 2 not sent or not reached.
   */
  int call(String method, String path, String body, Function<JsonNode, String> render) {
    if (token == null || token.isBlank()) {
      System.err.println(
          "no token: pass --token demo-<CODE> (e.g. demo-UKR) or set GUARANTOR_TOKEN");
      return 2;
    }
    URI uri;
    try {
      uri = URI.create(server.replaceAll("/+$", "") + path);
    } catch (IllegalArgumentException e) {
      System.err.println("not a server address or id: " + e.getMessage());
      return 2;
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r;
    try {
      r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      System.err.println("cannot reach " + server + ": " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
    JsonNode answer = parse(r.body());
    if (r.statusCode() >= 400) {
      System.err.print(
          json || answer == null
              ? "HTTP " + r.statusCode() + ": " + r.body() + "\n"
              : Render.problem(r.statusCode(), answer));
      return 1;
    }
    System.out.print(json || answer == null ? r.body() + "\n" : render.apply(answer));
    return 0;
  }

  private static JsonNode parse(String text) {
    try {
      return text.isBlank() ? null : Json.mapper().readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
