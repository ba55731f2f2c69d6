package org.guarantor.store;

/**
 * Rejects text that a backend could not store exactly. PostgreSQL refuses NUL in {@code text}, and
 * an unpaired UTF-16 surrogate has no UTF-8 form, so the driver would silently replace it: the
 * event read back would differ from the one appended and hashed.
 */
final class PortableText {
  private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[4096]);

  private PortableText() {}

  static void check(String field, String text, int indexInBatch) {
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw rejected(field, indexInBatch, "contains NUL at index " + nul);
    }
    // Surrogates are rare (event text is mostly ASCII): scan a bulk copy rather than charAt, which
    // checks its index on every call.
    int n = text.length();
    char[] chars = BUFFER.get();
    for (int from = 0; from < n; from += chars.length) {
      int to = Math.min(n, from + chars.length);
      text.getChars(from, to, chars, 0);
      for (int i = 0; i < to - from; i++) {
        if (Character.isSurrogate(chars[i])) {
          checkSurrogates(field, text, from + i, indexInBatch);
          return;
        }
      }
    }
  }

  private static void checkSurrogates(String field, String text, int start, int indexInBatch) {
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
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
