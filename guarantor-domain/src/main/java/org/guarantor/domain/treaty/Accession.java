package org.guarantor.domain.treaty;

import java.util.List;
import java.util.Objects;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.party.PartyCode;

/**
 * A state that joins the treaty as a guarantor. Its pledges and hubs come in the same amendment;
 * its root keys, registered when the amendment is adopted, are how it signs from then on.
 *
 * @param code its party code (ISO 3166-1 alpha-3 by convention)
 * @param name its name
 * @param rootKeys its root public keys: at least one
 */
public record Accession(PartyCode code, String name, List<PublicKey> rootKeys) {
  public Accession {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    rootKeys = rootKeys == null ? List.of() : List.copyOf(rootKeys);
  }
}
