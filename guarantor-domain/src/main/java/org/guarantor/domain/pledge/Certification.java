package org.guarantor.domain.pledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The secretariat's statement that a pledge was inspected and can be delivered as promised.
 *
 * @param inspectedOn the day of the inspection
 * @param validUntil when the certification lapses unless renewed
 * @param evidence a reference to the inspection report (a document number, not the document)
 */
public record Certification(LocalDate inspectedOn, Instant validUntil, String evidence) {
  public Certification {
    Objects.requireNonNull(inspectedOn, "inspectedOn");
    Objects.requireNonNull(validUntil, "validUntil");
    evidence = evidence == null ? "" : evidence;
  }

  public boolean inForceAt(Instant t) {
    return t.isBefore(validUntil);
  }
}
