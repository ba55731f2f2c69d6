package org.guarantor.domain.keys;

import java.util.Objects;
import org.guarantor.domain.party.PartyCode;

/** A party's root public key as the deployment's keyring names it. Immutable. */
public record RootKey(PartyCode party, PublicKey publicKey) {
  public RootKey {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  public KeyId id() {
    return publicKey.id();
  }
}
