package org.guarantor.domain.pledge;

import java.util.Objects;

/** An amount of something in a unit, never negative. Immutable. */
public record Quantity(long amount, Unit unit) {
  public Quantity {
    Objects.requireNonNull(unit, "unit");
    if (amount < 0) {
      throw new IllegalArgumentException("quantity must not be negative, was " + amount);
    }
  }

  public static Quantity of(long amount, Unit unit) {
    return new Quantity(amount, unit);
  }

  public Quantity withAmount(long newAmount) {
    return new Quantity(newAmount, unit);
  }

  @Override
  public String toString() {
    return amount + " " + unit;
  }
}
