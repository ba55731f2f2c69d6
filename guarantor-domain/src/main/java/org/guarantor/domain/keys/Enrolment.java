package org.guarantor.domain.keys;

import java.time.Instant;
import java.util.Objects;
import org.guarantor.domain.party.PartyCode;

/**
 * A one-time enrolment a party's root key offered: whoever presents the code (of which only the
 * SHA-256 is kept) before {@code expiresAt} (by the signing times, which are real time also in an
 * exercise) may register one officer key for the party, proving it holds that key by signing with
 * it. Lets a browser make its own key, which never leaves it. Immutable.
 *
 * @param codeHash SHA-256 of the code, base64url
 * @param usedBy the key registered with it, or null while it is open
 */
public record Enrolment(
    String codeHash,
    PartyCode party,
    String label,
    Instant offeredAt,
    Instant expiresAt,
    KeyId offeredBy,
    KeyId usedBy) {
  public Enrolment {
    Objects.requireNonNull(codeHash, "codeHash");
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(offeredBy, "offeredBy");
    label = label == null ? "" : label;
  }

  public boolean open(Instant at) {
    return usedBy == null && at.isBefore(expiresAt);
  }

  Enrolment usedBy(KeyId key) {
    return new Enrolment(codeHash, party, label, offeredAt, expiresAt, offeredBy, key);
  }
}
