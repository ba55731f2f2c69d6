package org.guarantor.domain.party;

/** What a party is to the treaty; decides what it may see and do. */
public enum Role {
  /** The state whose territory the treaty protects; files threat reports. */
  PROTECTED,
  /** A state that pledges capabilities and is tasked. */
  GUARANTOR,
  /** The treaty's coordination centre: sees everything, handles escalations. */
  SECRETARIAT,
  /** An auditor or the public: reads the ledger, sees nothing confidential. */
  OBSERVER
}
