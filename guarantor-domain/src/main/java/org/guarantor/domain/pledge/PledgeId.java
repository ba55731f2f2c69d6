package org.guarantor.domain.pledge;

import java.util.Objects;

/** Identifies a pledge within a treaty. */
public record PledgeId(String value) implements Comparable<PledgeId> {
  public PledgeId {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public int compareTo(PledgeId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
