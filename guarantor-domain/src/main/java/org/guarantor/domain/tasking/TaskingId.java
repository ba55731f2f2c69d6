package org.guarantor.domain.tasking;

import java.util.Objects;
import org.guarantor.domain.SerialText;

/** Identifies a tasking: {@code TSK-000001}, assigned in order of issue. */
public record TaskingId(String value) implements Comparable<TaskingId> {
  public TaskingId {
    Objects.requireNonNull(value, "value");
  }

  public static TaskingId number(long n) {
    return new TaskingId(SerialText.of("TSK-", n));
  }

  @Override
  public int compareTo(TaskingId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
