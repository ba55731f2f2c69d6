package org.guarantor.store;

/**
 * Rejects text that a backend could not store exactly. PostgreSQL refuses NUL in {@code text}, and
 * an unpaired UTF-16 surrogate has no UTF-8 form, so the driver would silently replace it: the
 * event read back would differ from the one appended and hashed.
 */
final class PortableText {
  private PortableText() {}

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
