package org.guarantor.domain.dispatch;

import java.util.Optional;

/**
 * Checks shared by the free text that parties send (report keys and descriptions, reasons for a
 * decline, notes): at most so many characters, and text that can be stored at all. A Java string
 * may hold an unpaired UTF-16 surrogate (JSON's escape of a lone surrogate, U+D800 to U+DFFF, makes
 * one), which no encoding can write; the log refuses it, and by then the event would already be
 * applied, so it is refused here, with the command, before anything happens.
 */
public final class FreeText {
  private FreeText() {}

  /** Why {@code text} (not null) cannot be taken as {@code field} at {@code path}, if it cannot. */
  static Optional<Reason> problem(String path, String field, String text, int maxLength) {
    if (text.length() > maxLength) {
      return Optional.of(Reason.of(path, ReasonType.TOO_LONG, field, maxLength));
    }
    int bad = unpairedSurrogate(text);
    if (bad >= 0) {
      return Optional.of(
          Reason.of(
              path, ReasonType.INVALID_VALUE, field, "text", unstorable(bad, text.charAt(bad))));
    }
    return Optional.empty();
  }

  /** Why character {@code index} of a text, the unpaired surrogate {@code c}, cannot be stored. */
  public static String unstorable(int index, char c) {
    return String.format(
        "character %d is an unpaired UTF-16 surrogate (\\u%04X), which no text encoding can store",
        index, (int) c);
  }

  /** The index of the first unpaired surrogate in {@code s}, or -1 when there is none. */
  public static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
