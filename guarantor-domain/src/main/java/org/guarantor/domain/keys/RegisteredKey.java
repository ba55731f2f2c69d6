package org.guarantor.domain.keys;

import java.time.Instant;
import java.util.Objects;
import org.guarantor.domain.party.PartyCode;

/**
 * A key as the log knows it. Immutable.
 *
 * @param id the key's thumbprint
 * @param party the party it signs for
 * @param role what it may sign
 * @param publicKey the key itself
 * @param label who or what holds it, as its party named it ("duty officer, Warsaw")
 * @param registeredAt when it was registered (or the keyring adopted)
 * @param registeredBy the root key that registered it; null for a root key of the keyring
 * @param revokedAt when it was revoked, or null while it is in force
 * @param revocationReason why, or null
 */
public record RegisteredKey(
    KeyId id,
    PartyCode party,
    KeyRole role,
    PublicKey publicKey,
    String label,
    Instant registeredAt,
    KeyId registeredBy,
    Instant revokedAt,
    String revocationReason) {
  public RegisteredKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(registeredAt, "registeredAt");
    label = label == null ? "" : label;
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  RegisteredKey revoke(Instant at, String reason) {
    return new RegisteredKey(
        id, party, role, publicKey, label, registeredAt, registeredBy, at, reason);
  }
}
