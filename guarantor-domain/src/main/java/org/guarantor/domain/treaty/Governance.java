package org.guarantor.domain.treaty;

import java.time.Duration;

/**
 * How the treaty changes itself and what a pledge needs before it counts. Part of the treaty file
 * ({@code "governance"}); every field may be left out.
 *
 * @param amendment who must approve an amendment (default: every guarantor, and the protected
 *     state)
 * @param withdrawalNotice how long a withdrawn pledge still serves after the amendment that
 *     withdraws it takes effect (default 90 days)
 * @param certificationRequired whether a pledge counts for allocation only while a certification by
 *     the secretariat is in force (default false: every valid pledge counts)
 * @param certificationWarning how long before a certification expires its guarantor and the
 *     secretariat are warned (default 30 days)
 */
public record Governance(
    AmendmentRule amendment,
    Duration withdrawalNotice,
    Boolean certificationRequired,
    Duration certificationWarning) {
  public Governance {
    amendment = amendment == null ? AmendmentRule.unanimity() : amendment;
    withdrawalNotice = withdrawalNotice == null ? Duration.ofDays(90) : withdrawalNotice;
    certificationRequired = Boolean.TRUE.equals(certificationRequired);
    certificationWarning =
        certificationWarning == null ? Duration.ofDays(30) : certificationWarning;
  }

  public static Governance defaults() {
    return new Governance(null, null, null, null);
  }
}
