package org.guarantor.server;

import java.util.Optional;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.treaty.Treaty;

/**
 * The static read tokens of a demonstration: {@code demo-} plus a party's code ({@code demo-UKR},
 * {@code demo-SEC}, …), taken from the treaty in force. {@link Auth} takes them only on a log whose
 * keyring is a demonstration's, and only for reads; commands are always signed.
 */
final class Tokens {
  static final String PREFIX = "demo-";

  private Tokens() {}

  static Optional<Actor> actor(String authorization, Treaty treaty) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = authorization.substring(7).trim();
    if (!token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String code = token.substring(PREFIX.length());
    for (Party p : treaty.parties()) {
      if (p.code().value().equals(code)) {
        return Optional.of(Actor.of(p));
      }
    }
    return Optional.empty();
  }
}
