package org.guarantor.domain.party;

import java.util.Objects;

/** A party to the treaty. Immutable. */
public record Party(PartyCode code, String name, Role role) {
  public Party {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }
}
