package org.guarantor.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Sends a request; prints the JSON answer, or the problem on stderr. Returns the exit code. */
  int call(String method, String path, String json) {
    if (token == null || token.isBlank()) {
      System.err.println(
          "no token: pass --token demo-<CODE> (e.g. demo-UKR) or set GUARANTOR_TOKEN");
      return 2;
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.replaceAll("/+$", "") + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (json != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 400) {
        System.err.println("HTTP " + r.statusCode() + ": " + r.body());
        return 1;
      }
      System.out.println(r.body());
      return 0;
    } catch (IOException e) {
      System.err.println("cannot reach " + server + ": " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }
}
