package org.guarantor.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

/**
 * The HTTP API as the browser tests use it to set the scene (seeding incidents, reading who was
 * tasked) without going through the page. Thread-safe.
 */
final class HttpApi {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  HttpApi(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** The status of a GET, for probing whether an optional route exists on this server. */
  int status(String token, String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .GET())
        .statusCode();
  }

  JsonNode get(String token, String path) {
    return body(
        send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .GET()));
  }

  /** POSTs as the party of a demonstration token, signed with its demonstration officer key. */
  JsonNode post(String token, String path, JsonNode json) {
    String body = json.toString();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    signer(token).headers("POST", path, body).forEach(b::header);
    return body(send(b));
  }

  /** POSTs signed by {@code signer} (a root key, say), with no session token. */
  JsonNode post(org.guarantor.signing.RequestSigner signer, String path, JsonNode json) {
    String body = json.toString();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    signer.headers("POST", path, body).forEach(b::header);
    return body(send(b));
  }

  /** The id of the server's log (the hash of its first event), which every signature names. */
  String logId() {
    return get("demo-SEC", "/health").get("log").asText();
  }

  private final java.util.Map<String, org.guarantor.signing.RequestSigner> signers =
      new java.util.concurrent.ConcurrentHashMap<>();

  private org.guarantor.signing.RequestSigner signer(String token) {
    String party = token.substring("demo-".length());
    return signers.computeIfAbsent(
        party,
        p ->
            new org.guarantor.signing.RequestSigner(
                org.guarantor.signing.KeyFiles.privateKey(
                    get(token, "/api/v1/demo/keys/" + p), java.nio.file.Path.of(p)),
                get(token, "/health").get("log").asText()));
  }

  /** Files a report as the protected state and returns the incident. */
  JsonNode report(
      String type, int severity, double lat, double lon, Instant observedAt, String text) {
    ObjectNode body = JSON.createObjectNode();
    body.put("key", UUID.randomUUID().toString());
    body.put("type", type);
    body.put("severity", severity);
    body.putObject("location").put("lat", lat).put("lon", lon);
    body.put("observedAt", observedAt.toString());
    body.put("description", text);
    return post("demo-UKR", "/api/v1/reports", body);
  }

  JsonNode act(String token, String path, String field, String value) {
    ObjectNode body = JSON.createObjectNode();
    if (field != null) {
      body.put(field, value);
    }
    return post(token, path, body);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode body(HttpResponse<String> response) {
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
