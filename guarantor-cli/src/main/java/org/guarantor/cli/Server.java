package org.guarantor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.guarantor.engine.codec.Json;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.RequestSigner;
import org.guarantor.signing.SigningKey;
import picocli.CommandLine.Option;

/**
 * The server a client command talks to ({@code --server}, {@code --json}) and the ways it talks to
 * it: a plain request, a request signed by a key (docs/security.md), and the sign-in that turns a
 * key into a session token for reads. The log id every signature names is fetched from {@code GET
 * /health} once per run. One instance per command run; not thread-safe.
 */
final class Server {
  @Option(
      names = "--server",
      defaultValue = "${GUARANTOR_SERVER:-http://127.0.0.1:8080}",
      description =
          "Server address (default ${DEFAULT-VALUE}; env GUARANTOR_SERVER). Several, separated by"
              + " commas, for servers sharing one log: a request that finds one out of reach or a"
              + " standby goes to the next, for up to 15 s (docs/operations.md).")
  String address;

  /** How long a request goes round the servers of a comma-separated --server before it fails. */
  private static final Duration FAILOVER_WAIT = Duration.ofSeconds(15);

  // Which of the addresses answered last: the next request starts there.
  private int current;

  @Option(
      names = "--json",
      description = "Print the server's JSON answer as it came, instead of a summary.")
  boolean json;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private String logId;

  /** What the server answered: the status, the body as it came, and the body as JSON if it is. */
  record Answer(int status, String body, JsonNode json) {
    boolean refused() {
      return status >= 400;
    }
  }

  /** A request without a signature; {@code token} (may be null) goes as the bearer token. */
  Answer send(String method, String path, String body, String token) throws Failure {
    Map<String, String> headers = token == null ? Map.of() : bearer(token);
    return send(method, path, body, uri -> headers);
  }

  /**
   * A request signed by {@code key} for the server's log; signed afresh (a new nonce) for each
   * server it is sent to.
   */
  Answer signed(SigningKey key, String method, String path, String body) throws Failure {
    RequestSigner signer = new RequestSigner(key, logId());
    return send(method, path, body, uri -> signer.headers(method, uri.getRawPath(), body));
  }

  /**
   * Signs in with {@code key} (a challenge from the server, signed) and returns the session token
   * for reads; a refusal (an unknown or revoked key, a clock too far off) is printed.
   */
  String signIn(SigningKey key) throws Failure {
    Answer challenge = send("GET", "/api/v1/session/challenge", null, (String) null);
    JsonNode c = expect(challenge, "sign-in ");
    if (logId == null && c.path("log").isTextual()) {
      logId = c.path("log").asText();
    }
    ObjectNode body =
        Json.mapper().createObjectNode().put("challenge", c.path("challenge").asText());
    JsonNode session = expect(signed(key, "POST", "/api/v1/session", body.toString()), "sign-in ");
    String token = session.path("token").asText("");
    if (token.isEmpty()) {
      throw Failure.input("the server signed " + key + " in but gave no token: " + session);
    }
    return token;
  }

  /** Ends a session; best effort, since the session expires anyway. */
  void signOut(String token) {
    try {
      send("DELETE", "/api/v1/session", null, token);
    } catch (Failure e) {
      // the server went away: nothing to end
    }
  }

  /**
   * The log id every signature names: the {@code log} of {@code GET /health}, asked once.
   *
   * @throws Failure when the server is out of reach or does not say
   */
  String logId() throws Failure {
    if (logId == null) {
      Answer health = send("GET", "/health", null, (String) null);
      String log = health.json() == null ? "" : health.json().path("log").asText("");
      if (log.isEmpty()) {
        throw Failure.input(
            address
                + "/health gives no log id to sign for (HTTP "
                + health.status()
                + "): is it a Guarantor server that checks signatures?");
      }
      logId = log;
    }
    return logId;
  }

  /**
   * Prints an answer: as {@code render} words it, or as the JSON that came with {@code --json}; a
   * refusal goes to stderr, its reasons one per line. Returns the exit code: 0 done, 1 refused.
   */
  int print(Answer a, Function<JsonNode, String> render) {
    if (a.refused()) {
      printRefusal(a, "");
      return Failure.REFUSED;
    }
    System.out.print(json || a.json() == null ? a.body() + "\n" : render.apply(a.json()));
    return 0;
  }

  /**
   * The JSON of an answer the command goes on with; a refusal is printed (its first line starting
   * with {@code what}) and ends the command.
   */
  JsonNode expect(Answer a, String what) throws Failure {
    if (a.refused()) {
      printRefusal(a, what);
      throw Failure.refused();
    }
    if (a.json() == null) {
      throw Failure.input("the server's answer is not JSON: " + a.body());
    }
    return a.json();
  }

  /** A private key file, or why it cannot be used; {@code option} names where it was given. */
  static SigningKey key(Path file, String option) throws Failure {
    if (!Files.isRegularFile(file)) {
      throw Failure.input(option + " " + file + ": no such file");
    }
    try {
      return KeyFiles.readPrivate(file);
    } catch (KeyFiles.BadKeyFile e) {
      throw Failure.input(option + " " + e.getMessage());
    }
  }

  private void printRefusal(Answer a, String what) {
    System.err.print(
        json || a.json() == null
            ? what + "HTTP " + a.status() + ": " + a.body() + "\n"
            : what + Render.problem(a.status(), a.json()));
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  private java.util.List<String> addresses() {
    return java.util.Arrays.stream(address.split(","))
        .map(String::trim)
        .filter(a -> !a.isEmpty())
        .toList();
  }

  private URI uri(String path) throws Failure {
    java.util.List<String> all = addresses();
    return uri(all.isEmpty() ? address : all.get(current % all.size()), path);
  }

  private static URI uri(String address, String path) throws Failure {
    try {
      URI u = URI.create(address.replaceAll("/+$", "") + path);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
        throw new IllegalArgumentException(address + " (expected http:// or https://)");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw Failure.input("not a server address or id: " + e.getMessage());
    }
  }

  /** The headers of a request to one server's {@code uri}. */
  @FunctionalInterface
  private interface Headers {
    Map<String, String> of(URI uri) throws Failure;
  }

  /**
   * Sends to the current server; with several, goes on to the next when one cannot be reached or
   * answers 503 (a standby, or busy: nothing was done), until one answers or {@link #FAILOVER_WAIT}
   * has passed. A request lost after it was sent goes again only if repeating it is harmless: a
   * read, or a report, which the server knows again by its key.
   */
  private Answer send(String method, String path, String body, Headers headers) throws Failure {
    java.util.List<String> all = addresses();
    long deadline = System.nanoTime() + (all.size() > 1 ? FAILOVER_WAIT.toNanos() : 0);
    boolean repeatable = method.equals("GET") || path.equals("/api/v1/reports");
    while (true) {
      String to = all.isEmpty() ? address : all.get(current % all.size());
      URI uri = uri(to, path);
      HttpRequest.Builder b =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Accept", "application/json");
      headers.of(uri).forEach(b::header);
      if (body != null) {
        b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      boolean more = System.nanoTime() < deadline;
      try {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 503 || !more) {
          return new Answer(r.statusCode(), r.body(), parse(r.body()));
        }
      } catch (java.net.ConnectException e) {
        if (!more) {
          throw unreachable(to, e);
        }
      } catch (IOException e) {
        if (!more || !repeatable) {
          throw unreachable(to, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Failure.input("interrupted while waiting for " + to);
      }
      current++;
      if (current % all.size() == 0) {
        pause();
      }
    }
  }

  private static Failure unreachable(String address, IOException e) {
    return Failure.input(
        "cannot reach "
            + address
            + ": "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
  }

  private static void pause() throws Failure {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failure.input("interrupted while waiting for a server");
    }
  }

  private static JsonNode parse(String text) {
    try {
      return text.isBlank() ? null : Json.mapper().readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
