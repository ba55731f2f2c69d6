package org.guarantor.server;

import java.util.Optional;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.treaty.Treaty;

/**
 * Bearer tokens to parties. DEMO ONLY: until the security work lands, each party's token is {@code
 * demo-} plus its code ({@code demo-UKR}, {@code demo-SEC}, …), taken from the treaty in force, so
 * any treaty loaded works the same way. Never use this outside a demonstration.
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
