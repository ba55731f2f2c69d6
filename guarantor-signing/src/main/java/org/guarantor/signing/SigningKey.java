package org.guarantor.signing;

import java.util.Arrays;
import java.util.Objects;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.party.PartyCode;

/**
 * A party's private Ed25519 key with what it is for. Held by the party (in a key file written 0600,
 * or non-extractable in a browser), never by the server outside a demonstration.
 */
public final class SigningKey {
  private final PartyCode party;
  private final KeyRole role;
  private final String label;
  private final byte[] privateKey;
  private final PublicKey publicKey;
  // Bouncy Castle's own forms, made once: signing without the public one derives it every time.
  private final org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters bcPrivate;
  private final org.bouncycastle.crypto.params.Ed25519PublicKeyParameters bcPublic;

  public SigningKey(PartyCode party, KeyRole role, String label, byte[] privateKey) {
    this.party = Objects.requireNonNull(party, "party");
    this.role = Objects.requireNonNull(role, "role");
    this.label = label == null ? "" : label;
    if (privateKey == null || privateKey.length != 32) {
      throw new IllegalArgumentException("an Ed25519 private key is 32 bytes");
    }
    this.privateKey = privateKey.clone();
    this.bcPrivate = new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(privateKey, 0);
    this.bcPublic = bcPrivate.generatePublicKey();
    this.publicKey =
        new PublicKey(
            java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(bcPublic.getEncoded()));
  }

  /** A new key. */
  public static SigningKey generate(PartyCode party, KeyRole role, String label) {
    return new SigningKey(party, role, label, Ed25519.newPrivateKey());
  }

  public PartyCode party() {
    return party;
  }

  public KeyRole role() {
    return role;
  }

  public String label() {
    return label;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public KeyId id() {
    return publicKey.id();
  }

  /** The signature of the text, base64url. */
  public String sign(String text) {
    return Ed25519.sign(bcPrivate, bcPublic, text);
  }

  byte[] privateKeyBytes() {
    return privateKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningKey k
        && k.party.equals(party)
        && k.role == role
        && k.label.equals(label)
        && Arrays.equals(k.privateKey, privateKey);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  /** Never the private key. */
  @Override
  public String toString() {
    return party
        + " "
        + role
        + " key "
        + id().shortForm()
        + (label.isEmpty() ? "" : " (" + label + ")");
  }
}
