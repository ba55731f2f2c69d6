package org.guarantor.domain.treaty;

import java.util.Objects;

/** Identifies a regional hub. */
public record HubId(String value) {
  public HubId {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return value;
  }
}
