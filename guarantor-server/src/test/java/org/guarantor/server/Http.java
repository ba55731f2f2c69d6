package org.guarantor.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for tests against a real server on a free port. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Response(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private final String base;
  private final java.util.Map<String, org.guarantor.signing.RequestSigner> signers =
      new java.util.concurrent.ConcurrentHashMap<>();

  Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /**
   * Signs as the party of a demonstration token ({@code demo-POL}), with the demonstration server's
   * officer key of that party; empty for any other token or a party without one.
   */
  java.util.Optional<org.guarantor.signing.RequestSigner> signer(String token) {
    if (token == null || !token.startsWith("demo-")) {
      return java.util.Optional.empty();
    }
    String party = token.substring(5);
    org.guarantor.signing.RequestSigner s = signers.get(party);
    if (s == null) {
      Response key = send(null, "GET", "/api/v1/demo/keys/" + party, null, false);
      if (key.status() != 200) {
        return java.util.Optional.empty();
      }
      String log = send(null, "GET", "/health", null, false).json().get("log").asText();
      s =
          new org.guarantor.signing.RequestSigner(
              org.guarantor.signing.KeyFiles.privateKey(key.json(), java.nio.file.Path.of(party)),
              log);
      signers.put(party, s);
    }
    return java.util.Optional.of(s);
  }

  /** Signs what {@code demo-<party>} sends with this key from now on (a party not in the demo). */
  void signAs(String party, org.guarantor.signing.SigningKey key) {
    String log = send(null, "GET", "/health", null, false).json().get("log").asText();
    signers.put(party, new org.guarantor.signing.RequestSigner(key, log));
  }

  Response get(String token, String path) {
    return send(token, "GET", path, null);
  }

  Response post(String token, String path, String body) {
    return send(token, "POST", path, body);
  }

  /** Sends a request; a POST or DELETE with a demonstration token is signed by its party. */
  Response send(String token, String method, String path, String body) {
    return send(token, method, path, body, !method.equals("GET"));
  }

  /** A request exactly as given: a bearer token, and no signature. */
  Response unsigned(String token, String method, String path, String body) {
    return send(token, method, path, body, false);
  }

  private Response send(String token, String method, String path, String body, boolean sign) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (sign) {
      signer(token)
          .ifPresent(
              s -> {
                try {
                  s.headers(method, URI.create(base + path).getRawPath(), body).forEach(b::header);
                } catch (IllegalArgumentException notJson) {
                  // A body that is no JSON cannot be signed; the server refuses it for that.
                }
              });
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Posts a CAP alert as {@code application/cap+xml}, signed (over the XML text) by the party of a
   * demonstration token unless {@code sign} is false.
   */
  Response cap(String token, String xml, boolean sign) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/reports"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/cap+xml")
            .POST(HttpRequest.BodyPublishers.ofString(xml));
    if (sign) {
      signer(token).orElseThrow().capHeaders("POST", "/api/v1/reports", xml).forEach(b::header);
    }
    return exchange(b);
  }

  /** A GET with a bearer token and an Accept header. */
  Response get(String token, String path, String accept) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", accept);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return exchange(b);
  }

  private static Response exchange(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String report(String key, String type, int severity, double lat, double lon) {
    return "{\"key\":\""
        + key
        + "\",\"type\":\""
        + type
        + "\",\"severity\":"
        + severity
        + ",\"location\":{\"lat\":"
        + lat
        + ",\"lon\":"
        + lon
        + "},\"observedAt\":\"2026-11-28T05:00:00Z\",\"description\":\"test\"}";
  }
}
