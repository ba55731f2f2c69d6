package org.guarantor.domain.keys;

/** What a key may sign for its party. */
public enum KeyRole {
  /**
   * The party's root key, named in the deployment's keyring or registered by an earlier root key.
   * It signs only key changes (registering, revoking, offering enrolments), so it can stay offline.
   */
  ROOT,
  /** An officer's key, registered by the party's root key: signs the party's commands. */
  OFFICER
}
