package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.guarantor.domain.ledger.Ledger;
import org.junit.jupiter.api.Test;

/**
 * Fails when someone adds state that a snapshot would silently lose: every instance field of {@link
 * DispatchState} and of {@link Ledger} (with its inner classes) must be listed here as carried by
 * the image or as derived from it. A snapshot taken by code that forgets a field would restore a
 * state that differs from a replay, and nothing else would notice until a restart.
 */
class StateImageGuardTest {

  private static final String WHAT_TO_DO =
      "%s has fields that the state image does not account for: %s. If the field holds state that"
          + " events build, carry it in the image (StateImage / LedgerImage, image() and"
          + " restore()) and list it as CARRIED here; if it is a cache derivable from the image,"
          + " rebuild it in restore() (or lazily) and list it as DERIVED. Changing what the image"
          + " carries changes the snapshot codec's fingerprint, so old snapshots are refused and the"
          + " log replayed in full once.";

  @Test
  void every_field_of_the_dispatch_state_is_carried_or_derived() {
    Set<String> carried =
        Set.of(
            "treaties",
            "proposals",
            "incidents",
            "held",
            "timers",
            "ledger",
            "taskingCount",
            "eventCount",
            "keyring",
            "exerciseTime");
    Set<String> derived =
        Set.of(
            "atlas", // given to restore
            "territories",
            "allocators",
            "taskingIndex",
            "keys");
    assertAccounted(DispatchState.class, carried, derived);
  }

  @Test
  void every_field_of_the_ledger_is_carried() {
    assertAccounted(Ledger.class, Set.of("taskings", "accounts", "history"), Set.of());
    for (Class<?> inner : Ledger.class.getDeclaredClasses()) {
      Set<String> carried =
          switch (inner.getSimpleName()) {
            case "Entry" ->
                Set.of(
                    "guarantor",
                    "unit",
                    "quantity",
                    "issuedAt",
                    "acknowledgeBy",
                    "deliverBy",
                    "delivered",
                    "acknowledged",
                    "closed");
            case "Figures" ->
                Set.of(
                    "tasked",
                    "delivered",
                    "deliveredLate",
                    "declined",
                    "breached",
                    "released",
                    "unitHoursLate");
            case "Account" ->
                Set.of(
                    "received",
                    "acknowledgedOnTime",
                    "acknowledgedLate",
                    "declined",
                    "deliveredOnTime",
                    "deliveredLate",
                    "breached",
                    "released",
                    "units",
                    "ackSeconds",
                    "declines",
                    "fund",
                    "currency",
                    "notices",
                    "suspended",
                    "breachesSinceReview");
            default -> Set.of();
          };
      assertAccounted(inner, carried, Set.of());
    }
  }

  private static void assertAccounted(Class<?> type, Set<String> carried, Set<String> derived) {
    Set<String> fields = new TreeSet<>();
    Arrays.stream(type.getDeclaredFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isSynthetic())
        .map(Field::getName)
        .forEach(fields::add);
    Set<String> unaccounted = new TreeSet<>(fields);
    unaccounted.removeAll(carried);
    unaccounted.removeAll(derived);
    assertThat(unaccounted).withFailMessage(WHAT_TO_DO, type.getName(), unaccounted).isEmpty();
    Set<String> gone = new TreeSet<>(carried);
    gone.addAll(derived);
    gone.removeAll(fields);
    assertThat(gone)
        .withFailMessage(
            "%s no longer has fields %s: remove them from this list (and from the image if it"
                + " carried them)",
            type.getName(), gone)
        .isEmpty();
  }
}
