package org.guarantor.domain.treaty;

import java.util.Objects;
import org.guarantor.domain.party.PartyCode;

/** A place where guarantors stage pledged capabilities. Immutable. */
public record Hub(HubId id, String name, PartyCode country, double lat, double lon) {
  public Hub {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(country, "country");
  }
}
