package org.guarantor.store;

import java.nio.charset.StandardCharsets;

/**
 * Rejects text that a backend could not store exactly. PostgreSQL refuses NUL in {@code text}, and
 * an unpaired UTF-16 surrogate has no UTF-8 form, so the driver would silently replace it: the
 * event read back would differ from the one appended and hashed.
 */
final class PortableText {
  private PortableText() {}

  /**
   * Checks the text and returns its UTF-8 bytes (which the hash chain needs anyway).
   *
   * <p>Fast for the usual, ASCII-only event text: {@code getBytes} writes {@code '?'} for an
   * unpaired surrogate, so when the UTF-8 form has one byte per char and no {@code '?'} at all, no
   * surrogate was there. The NUL search is a vectorised library call and the {@code '?'} search a
   * plain loop over the bytes already made (it used to decode them into a second string, a copy of
   * every payload for nothing); any other text is scanned char by char.
   */
  static byte[] checkedUtf8(String field, String text, int indexInBatch) {
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw rejected(field, indexInBatch, "contains NUL at index " + nul);
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (utf8.length != text.length() || contains(utf8, (byte) '?')) {
      check(field, text, indexInBatch);
    }
    return utf8;
  }

  private static boolean contains(byte[] bytes, byte wanted) {
    for (byte b : bytes) {
      if (b == wanted) {
        return true;
      }
    }
    return false;
  }

  static void check(String field, String text, int indexInBatch) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        throw rejected(field, indexInBatch, "contains NUL at index " + i);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw rejected(field, indexInBatch, "contains an unpaired surrogate at index " + i);
      }
    }
  }

  private static IllegalArgumentException rejected(String field, int indexInBatch, String why) {
    return new IllegalArgumentException(
        field + " of event " + indexInBatch + " in the batch " + why + "; nothing was written");
  }
}
