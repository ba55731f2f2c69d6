package org.guarantor.signing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.guarantor.domain.keys.PublicKey;

/**
 * Ed25519 (RFC 8032, pure, no context) by Bouncy Castle, over the UTF-8 bytes of a text. Public
 * keys are decoded once and kept (a verification with a decoded key is most of the cost saved), up
 * to {@value #CACHED} of them. Thread-safe.
 */
public final class Ed25519 {
  private static final int CACHED = 4096;
  private static final int PURE = org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<PublicKey, Ed25519PublicKeyParameters> DECODED =
      new ConcurrentHashMap<>();

  private Ed25519() {}

  /** A new private key (32 random bytes from the platform's strong source). */
  public static byte[] newPrivateKey() {
    return new Ed25519PrivateKeyParameters(RANDOM).getEncoded();
  }

  public static PublicKey publicKeyOf(byte[] privateKey) {
    byte[] pub = new Ed25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    return new PublicKey(B64.encodeToString(pub));
  }

  /** The signature of the text's UTF-8 bytes, base64url without padding (86 characters). */
  public static String sign(byte[] privateKey, String text) {
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(privateKey, 0);
    return sign(key, key.generatePublicKey(), text);
  }

  static String sign(
      Ed25519PrivateKeyParameters key, Ed25519PublicKeyParameters publicKey, String text) {
    byte[] msg = text.getBytes(StandardCharsets.UTF_8);
    byte[] sig = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
    key.sign(PURE, publicKey, null, msg, 0, msg.length, sig, 0);
    return B64.encodeToString(sig);
  }

  /**
   * Whether {@code signature} (base64url) is the key's signature of the text's UTF-8 bytes. False
   * for a signature that is not 64 bytes of base64url, never an exception.
   */
  public static boolean verify(PublicKey key, String text, String signature) {
    byte[] sig;
    try {
      sig = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (sig.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
      return false;
    }
    Ed25519PublicKeyParameters pub = DECODED.get(key);
    if (pub == null) {
      try {
        pub = new Ed25519PublicKeyParameters(key.bytes(), 0);
      } catch (IllegalArgumentException e) {
        return false;
      }
      if (DECODED.size() < CACHED) {
        DECODED.put(key, pub);
      }
    }
    byte[] msg = text.getBytes(StandardCharsets.UTF_8);
    return pub.verify(PURE, null, msg, 0, msg.length, sig, 0);
  }

  /** Random bytes as base64url without padding, for nonces, challenges and codes. */
  public static String randomText(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return B64.encodeToString(b);
  }
}
