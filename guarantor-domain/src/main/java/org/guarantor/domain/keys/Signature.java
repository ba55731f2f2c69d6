package org.guarantor.domain.keys;

import java.time.Instant;
import java.util.Objects;
import org.guarantor.domain.party.PartyCode;

/**
 * A party's signature over one command, as it is kept in the log beside the events the command
 * caused. The domain does not check the signature itself (that is arithmetic done off the writer
 * before the command is queued, and again by anyone auditing the log); it checks what the signature
 * claims: that the key is registered to the party, unrevoked and fit for the command, and that the
 * nonce was not used before.
 *
 * @param key the signing key
 * @param party the party the signer acts for
 * @param signedAt the time the signer put in the signed text
 * @param nonce the signer's random value, unique per key
 * @param text the signed text exactly: the command in its canonical form (RFC 8785)
 * @param value the Ed25519 signature over the text's UTF-8 bytes, base64url without padding
 */
public record Signature(
    KeyId key, PartyCode party, Instant signedAt, String nonce, String text, String value) {
  public Signature {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(signedAt, "signedAt");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(value, "value");
  }
}
