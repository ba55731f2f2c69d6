package org.guarantor.domain.keys;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a signing key: the RFC 7638 JWK thumbprint of its public key (SHA-256, base64url
 * without padding, 43 characters), so anyone holding the public key computes the same id and no
 * registry has to hand ids out. Immutable.
 */
public record KeyId(String value) implements Comparable<KeyId> {
  private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

  public KeyId {
    Objects.requireNonNull(value, "value");
    if (!THUMBPRINT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a key id is the key's 43-character base64url thumbprint, was " + value);
    }
  }

  public static boolean isValid(String value) {
    return value != null && THUMBPRINT.matcher(value).matches();
  }

  /** The first characters, enough to tell keys apart on a screen. */
  public String shortForm() {
    return value.substring(0, 10);
  }

  @Override
  public int compareTo(KeyId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
