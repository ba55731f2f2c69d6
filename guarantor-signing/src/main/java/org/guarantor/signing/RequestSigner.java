package org.guarantor.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guarantor.domain.keys.Signature;

/**
 * Signs requests for one key and one log, as a client does: the headers to send with a request
 * whose body is the given JSON text. Thread-safe.
 */
public final class RequestSigner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SigningKey key;
  private final String log;
  private final Clock clock;

  public RequestSigner(SigningKey key, String log, Clock clock) {
    this.key = key;
    this.log = log;
    this.clock = clock;
  }

  public RequestSigner(SigningKey key, String log) {
    this(key, log, Clock.systemUTC());
  }

  public SigningKey key() {
    return key;
  }

  /**
   * The headers that sign the request.
   *
   * @param body the JSON text of the body exactly as it will be sent, or null for none
   * @throws IllegalArgumentException if the body is not JSON
   */
  public Map<String, String> headers(String method, String path, String body) {
    JsonNode parsed;
    try {
      parsed = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the body to sign is not JSON: " + e.getOriginalMessage());
    }
    return headers(method, path, parsed);
  }

  /**
   * The headers that sign a request whose body is the text of a CAP alert ({@code
   * application/cap+xml}): the signed body is that text, exactly as it will be sent, as a JSON
   * string.
   */
  public Map<String, String> capHeaders(String method, String path, String xml) {
    return headers(method, path, JSON.getNodeFactory().textNode(xml));
  }

  private Map<String, String> headers(String method, String path, JsonNode parsed) {
    SignedRequest r = SignedRequest.of(method, path, parsed, key, log, clock.instant());
    Signature s = r.sign(key);
    Map<String, String> h = new LinkedHashMap<>();
    h.put(SignedRequest.KEY, r.key().value());
    h.put(SignedRequest.PARTY, r.party().value());
    h.put(SignedRequest.SIGNED_AT, r.at());
    h.put(SignedRequest.NONCE, r.nonce());
    h.put(SignedRequest.SIGNATURE, s.value());
    return h;
  }
}
