package org.guarantor.domain.incident;

import java.util.Objects;
import org.guarantor.domain.SerialText;

/** Identifies an incident: {@code INC-000001}, assigned in order of filing. */
public record IncidentId(String value) implements Comparable<IncidentId> {
  public IncidentId {
    Objects.requireNonNull(value, "value");
  }

  public static IncidentId number(long n) {
    return new IncidentId(SerialText.of("INC-", n));
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
