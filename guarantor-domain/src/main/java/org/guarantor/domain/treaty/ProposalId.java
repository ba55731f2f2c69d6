package org.guarantor.domain.treaty;

import java.util.Objects;

/** Identifies a proposed amendment: {@code AMD-000001}, numbered in the order filed. */
public record ProposalId(String value) implements Comparable<ProposalId> {
  public ProposalId {
    Objects.requireNonNull(value, "value");
  }

  public static ProposalId number(long n) {
    return new ProposalId(String.format("AMD-%06d", n));
  }

  @Override
  public int compareTo(ProposalId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
