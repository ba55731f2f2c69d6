package org.guarantor.domain.incident;

import java.util.Objects;

/** Identifies an incident: {@code INC-000001}, assigned in order of filing. */
public record IncidentId(String value) implements Comparable<IncidentId> {
  public IncidentId {
    Objects.requireNonNull(value, "value");
  }

  public static IncidentId number(long n) {
    return new IncidentId(String.format("INC-%06d", n));
  }

  @Override
  public int compareTo(IncidentId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
