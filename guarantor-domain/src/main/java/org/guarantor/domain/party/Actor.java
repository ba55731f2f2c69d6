package org.guarantor.domain.party;

import java.util.Objects;

/** The authenticated party behind a command or a query. Immutable. */
public record Actor(PartyCode party, Role role) {
  public Actor {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(role, "role");
  }

  public static Actor of(Party party) {
    return new Actor(party.code(), party.role());
  }
}
