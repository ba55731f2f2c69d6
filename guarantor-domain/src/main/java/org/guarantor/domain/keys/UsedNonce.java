package org.guarantor.domain.keys;

import java.time.Instant;
import java.util.Objects;

/** A nonce a key signed with, and when: kept while a replay of it could still arrive. */
public record UsedNonce(KeyId key, String nonce, Instant signedAt) {
  public UsedNonce {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(signedAt, "signedAt");
  }
}
