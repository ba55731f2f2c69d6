package org.guarantor.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.erdtman.jcs.JsonCanonicalizer;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.Signature;
import org.guarantor.domain.party.PartyCode;

/**
 * What a party signs for a request that changes state: the request line, its JSON body, and who
 * signs, with which key, when, with what nonce, for which log. Its text is the JSON object of those
 * seven members in the canonical form of RFC 8785 (JCS), so a signer in any language produces the
 * same bytes:
 *
 * <pre>{"at":"2026-12-05T08:00:00Z","body":{},"key":"kPrK…","log":"9f2c…","nonce":"q1w2…",
 * "party":"POL","request":"POST /api/v1/taskings/TSK-000002/acknowledge"}</pre>
 *
 * <p>{@code log} is the hash of the first event of the log the request is for, so a command signed
 * for an exercise cannot be replayed against the live log, nor one log's against another's. The
 * body is the request's body, or {@code {}} when it has none; a CAP alert posted as {@code
 * application/cap+xml} is signed as its XML text, a JSON string, so the signature covers the bytes
 * posted. The signature (Ed25519 over the text's UTF-8 bytes) travels in the {@value #SIGNATURE}
 * header beside the members' own headers; the server rebuilds the text from the request it
 * received, so the body is signed as it arrived. Immutable.
 */
public record SignedRequest(
    String request,
    JsonNode body,
    PartyCode party,
    KeyId key,
    String at,
    String nonce,
    String log) {
  public static final String KEY = "Guarantor-Key";
  public static final String PARTY = "Guarantor-Party";
  public static final String SIGNED_AT = "Guarantor-Signed-At";
  public static final String NONCE = "Guarantor-Nonce";
  public static final String SIGNATURE = "Guarantor-Signature";

  /** Every header a signed request carries. */
  public static final List<String> HEADERS = List.of(KEY, PARTY, SIGNED_AT, NONCE, SIGNATURE);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NONCE_TEXT = Pattern.compile("[A-Za-z0-9_-]{16,64}");
  private static final Pattern REQUEST_LINE = Pattern.compile("[A-Z]+ /[!-~]*");
  private static final Pattern LOG_ID = Pattern.compile("[0-9a-f]{64}");

  /** The signed text or the headers are not what they must be; the message says which. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    private final String member;

    Malformed(String member, String problem) {
      super(problem, null, false, false);
      this.member = member;
    }

    /** The header or member at fault. */
    public String member() {
      return member;
    }
  }

  public SignedRequest {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(log, "log");
    body = body == null || body.isMissingNode() || body.isNull() ? JSON.createObjectNode() : body;
  }

  /**
   * A request to sign now with a fresh nonce.
   *
   * @param method the HTTP method, e.g. POST
   * @param path the request's path as sent, e.g. {@code /api/v1/reports}
   */
  public static SignedRequest of(
      String method, String path, JsonNode body, SigningKey key, String log, Instant at) {
    return new SignedRequest(
        method + " " + path,
        body,
        key.party(),
        key.id(),
        at.toString(),
        Ed25519.randomText(18),
        log);
  }

  /** The signing time. */
  public Instant signedAt() {
    return Instant.parse(at);
  }

  /** The canonical text that is signed. */
  public String text() {
    ObjectNode n = JSON.createObjectNode();
    n.put("at", at);
    n.set("body", body);
    n.put("key", key.value());
    n.put("log", log);
    n.put("nonce", nonce);
    n.put("party", party.value());
    n.put("request", request);
    try {
      return new JsonCanonicalizer(JSON.writeValueAsString(n)).getEncodedString();
    } catch (IOException e) {
      throw new IllegalArgumentException("the request cannot be put in canonical form: " + e, e);
    }
  }

  /** Signs the text with {@code signer}, which must be the key named. */
  public Signature sign(SigningKey signer) {
    if (!signer.id().equals(key) || !signer.party().equals(party)) {
      throw new IllegalArgumentException(signer + " is not key " + key + " of " + party);
    }
    String text = text();
    return new Signature(key, party, signedAt(), nonce, text, signer.sign(text));
  }

  /**
   * The request the headers of a received request describe: the members that came as headers are
   * checked for form here; whether the key, time and nonce are acceptable is decided elsewhere.
   *
   * @throws Malformed naming the header that is missing or malformed
   */
  public static SignedRequest fromHeaders(
      String method,
      String path,
      JsonNode body,
      String key,
      String party,
      String signedAt,
      String nonce,
      String log)
      throws Malformed {
    if (key == null || !KeyId.isValid(key)) {
      throw new Malformed(
          KEY, KEY + " must name the signing key by its thumbprint (43 base64url characters)");
    }
    if (party == null || !PartyCode.isValid(party)) {
      throw new Malformed(PARTY, PARTY + " must be the signing party's three-letter code");
    }
    if (signedAt == null) {
      throw new Malformed(SIGNED_AT, SIGNED_AT + " must give the signing time (ISO 8601, UTC)");
    }
    try {
      Instant.parse(signedAt);
    } catch (DateTimeParseException e) {
      throw new Malformed(
          SIGNED_AT, SIGNED_AT + " is not an ISO 8601 UTC time, e.g. 2026-12-05T08:00:00Z");
    }
    if (nonce == null || !NONCE_TEXT.matcher(nonce).matches()) {
      throw new Malformed(NONCE, NONCE + " must be 16 to 64 base64url characters, fresh each time");
    }
    return new SignedRequest(
        method + " " + path, body, PartyCode.of(party), new KeyId(key), signedAt, nonce, log);
  }

  /**
   * Reads a signed text back, as an auditor does from the log.
   *
   * @throws Malformed if it is not JSON in canonical form with the seven members
   */
  public static SignedRequest parse(String text) throws Malformed {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new Malformed("text", "the signed text is not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject() || n.size() != 7) {
      throw new Malformed(
          "text", "the signed text must be an object of at, body, key, log, nonce, party, request");
    }
    String canonical;
    try {
      canonical = new JsonCanonicalizer(text).getEncodedString();
    } catch (IOException | RuntimeException e) {
      throw new Malformed("text", "the signed text cannot be put in canonical form: " + e);
    }
    if (!canonical.equals(text)) {
      throw new Malformed("text", "the signed text is not in the canonical form of RFC 8785");
    }
    String request = n.path("request").asText("");
    if (!REQUEST_LINE.matcher(request).matches()) {
      throw new Malformed("request", "request must be a method and a path, e.g. POST /api/v1/…");
    }
    String log = n.path("log").asText("");
    if (!LOG_ID.matcher(log).matches()) {
      throw new Malformed("log", "log must be the log's first hash, 64 hexadecimal digits");
    }
    int space = request.indexOf(' ');
    return fromHeaders(
        request.substring(0, space),
        request.substring(space + 1),
        n.get("body"),
        n.path("key").asText(null),
        n.path("party").asText(null),
        n.path("at").asText(null),
        n.path("nonce").asText(null),
        log);
  }

  /**
   * The body as a text that {@link #text()} made holds it: what the server reads its command from,
   * exactly as an auditor reads it from the log, without checking again the form it was made in.
   */
  public static JsonNode bodyOf(String text) {
    try {
      return JSON.readTree(text).get("body");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a signed text: " + e.getOriginalMessage(), e);
    }
  }

  /** The method of the request line. */
  public String method() {
    return request.substring(0, request.indexOf(' '));
  }

  /** The path of the request line. */
  public String path() {
    return request.substring(request.indexOf(' ') + 1);
  }
}
