package org.guarantor.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The link of one event in the hash chain: lowercase hex SHA-256 over an unambiguous encoding of
 * the event's stored fields and the previous event's hash.
 *
 * <p>Encoding, in this order: position as 8 bytes big-endian; stream id; stream version as 8 bytes
 * big-endian; type; recorded time (the canonical text as stored); payload; previous hash. Every
 * text field is its UTF-8 bytes preceded by their count as 4 bytes big-endian, so no two different
 * field lists encode to the same bytes. The first event's previous hash is {@link #GENESIS}.
 *
 * <p>Hashing the stored text rather than parsed values means a re-formatted but equal timestamp
 * still counts as tampering: every stored byte is covered.
 *
 * <p>Not thread-safe: it reuses one digest; each writer or verifier holds its own instance.
 */
final class ChainHash {
  static final String GENESIS = "0".repeat(64);

  private static final HexFormat HEX = HexFormat.of();

  private final MessageDigest sha256;
  private final byte[] number = new byte[Long.BYTES];

  ChainHash() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  String of(
      long position,
      String streamId,
      long streamVersion,
      String type,
      String recordedAt,
      String payload,
      String previousHash) {
    return of(
        position, streamId, streamVersion, type, recordedAt, payload.getBytes(UTF_8), previousHash);
  }

  /** The same, with the payload already in UTF-8. */
  String of(
      long position,
      String streamId,
      long streamVersion,
      String type,
      String recordedAt,
      byte[] payloadUtf8,
      String previousHash) {
    sha256.reset();
    putLong(position);
    putText(streamId);
    putLong(streamVersion);
    putText(type);
    putText(recordedAt);
    putInt(payloadUtf8.length);
    sha256.update(payloadUtf8);
    putText(previousHash);
    return HEX.formatHex(sha256.digest());
  }

  private void putText(String text) {
    byte[] bytes = text.getBytes(UTF_8);
    putInt(bytes.length);
    sha256.update(bytes);
  }

  private void putLong(long value) {
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      number[i] = (byte) value;
      value >>>= 8;
    }
    sha256.update(number, 0, Long.BYTES);
  }

  private void putInt(int value) {
    for (int i = Integer.BYTES - 1; i >= 0; i--) {
      number[i] = (byte) value;
      value >>>= 8;
    }
    sha256.update(number, 0, Integer.BYTES);
  }
}
