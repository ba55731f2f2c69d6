package org.guarantor.domain.party;

import java.util.regex.Pattern;

/**
 * A party's code: ISO 3166-1 alpha-3 for states (UKR, GBR, …), three capital letters for treaty
 * bodies (SEC for the secretariat, OBS for a public observer).
 */
public record PartyCode(String value) implements Comparable<PartyCode> {
  private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

  public PartyCode {
    if (value == null || !CODE.matcher(value).matches()) {
      throw new IllegalArgumentException("party code must be three capital letters, was " + value);
    }
  }

  public static PartyCode of(String value) {
    return new PartyCode(value);
  }

  public static boolean isValid(String value) {
    return value != null && CODE.matcher(value).matches();
  }

  @Override
  public int compareTo(PartyCode o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
