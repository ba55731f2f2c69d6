package org.guarantor.domain.keys;

import java.time.Instant;
import java.util.List;

/**
 * Everything a {@link Keyring} knows, as a value for snapshots. Immutable.
 *
 * @param adopted whether the deployment's keyring has been adopted
 * @param demo whether it is a demonstration keyring (its private keys lie beside the log)
 * @param keys every key ever registered, revoked ones included, in order of registration
 * @param enrolments every enrolment offered, in order of offer
 * @param nonces the nonces still remembered, in no particular order
 * @param newestSignature the latest signing time seen, or null
 */
public record KeyringImage(
    boolean adopted,
    boolean demo,
    List<RegisteredKey> keys,
    List<Enrolment> enrolments,
    List<UsedNonce> nonces,
    Instant newestSignature) {
  public KeyringImage {
    keys = List.copyOf(keys);
    enrolments = List.copyOf(enrolments);
    nonces = List.copyOf(nonces);
  }

  public static KeyringImage empty() {
    return new KeyringImage(false, false, List.of(), List.of(), List.of(), null);
  }
}
