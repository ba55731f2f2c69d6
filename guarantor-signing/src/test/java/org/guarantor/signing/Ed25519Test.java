package org.guarantor.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import org.guarantor.domain.keys.PublicKey;
import org.junit.jupiter.api.Test;

/** Ed25519 as RFC 8032 defines it: its own test vectors. */
class Ed25519Test {
  private static String b64(String hex) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(hex));
  }

  @Test
  void rfc_8032_test_1_and_2() {
    byte[] secret1 =
        HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    PublicKey public1 =
        new PublicKey(b64("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    String sig1 =
        b64(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    assertThat(Ed25519.publicKeyOf(secret1)).isEqualTo(public1);
    assertThat(Ed25519.sign(secret1, "")).isEqualTo(sig1);
    assertThat(Ed25519.verify(public1, "", sig1)).isTrue();

    byte[] secret2 =
        HexFormat.of().parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    PublicKey public2 =
        new PublicKey(b64("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
    String sig2 =
        b64(
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    assertThat(Ed25519.sign(secret2, "r")).isEqualTo(sig2);
    assertThat(Ed25519.verify(public2, "r", sig2)).isTrue();
    assertThat(Ed25519.verify(public1, "r", sig2)).isFalse();
  }

  @Test
  void a_signature_that_is_no_signature_is_false_not_an_exception() {
    PublicKey k =
        SigningKey.generate(
                org.guarantor.domain.party.PartyCode.of("POL"),
                org.guarantor.domain.keys.KeyRole.OFFICER,
                "")
            .publicKey();
    assertThat(Ed25519.verify(k, "x", "")).isFalse();
    assertThat(Ed25519.verify(k, "x", "not base64!")).isFalse();
    assertThat(Ed25519.verify(k, "x", "AAAA")).isFalse();
  }
}
