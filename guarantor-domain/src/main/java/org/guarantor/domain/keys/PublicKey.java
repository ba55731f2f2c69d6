package org.guarantor.domain.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * An Ed25519 public key (RFC 8032) as its 32 bytes in base64url without padding: the {@code x} of
 * its JWK (RFC 8037). The domain only names and compares keys; checking signatures with them is the
 * interfaces' work. Immutable.
 */
public record PublicKey(String x) {
  public PublicKey {
    Objects.requireNonNull(x, "x");
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(x);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an Ed25519 public key is base64url text: " + x);
    }
    if (raw.length != 32 || x.length() != 43 || x.contains("=")) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is 32 bytes (43 base64url characters without padding), was "
              + x.length()
              + " characters");
    }
  }

  /** Whether {@code x} is a well-formed key, without throwing. */
  public static boolean isValid(String x) {
    try {
      new PublicKey(x);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  public byte[] bytes() {
    return Base64.getUrlDecoder().decode(x);
  }

  /**
   * The key's id: the RFC 7638 thumbprint, SHA-256 over the JWK's required members in lexicographic
   * order with no whitespace.
   */
  public KeyId id() {
    String jwk = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}";
    return new KeyId(sha256(jwk));
  }

  /** SHA-256 of the text's UTF-8 bytes, base64url without padding. */
  public static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return x;
  }
}
