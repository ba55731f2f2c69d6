package org.guarantor.domain.treaty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Unit;

/**
 * The words a treaty is written in: the threat types a protected state can report, the units things
 * are counted in, and the capabilities guarantors pledge, each capability with the units it is
 * counted in. A treaty file that declares none gets {@link #DEFAULT}; one that declares a
 * vocabulary gets exactly what it declares (see docs/treaty-file.md). Each list keeps its order,
 * which is the order clients show it in. Immutable and thread-safe.
 *
 * <p>Whether the codes are unique and a capability names only declared units is checked with the
 * rest of the treaty, so that a treaty file gets every problem with its path; the lookups here take
 * the first entry of a code.
 *
 * @param threatTypes the threat types, in order
 * @param units the units, in order
 * @param capabilities the capabilities, in order
 */
public record Vocabulary(
    List<ThreatTypeTerm> threatTypes, List<UnitTerm> units, List<CapabilityTerm> capabilities) {

  /**
   * A threat type with a label for people ("Air attack"), or a null label.
   *
   * @param code the code reports carry
   * @param label how to show it; null when the treaty gives none
   */
  public record ThreatTypeTerm(ThreatType code, String label) {
    public ThreatTypeTerm {
      java.util.Objects.requireNonNull(code, "code");
    }
  }

  /**
   * A unit, whether it counts people, and a label.
   *
   * @param code the code quantities carry
   * @param label how to show it; null when the treaty gives none
   * @param people whether an amount in it is a number of people (so that time late in it is
   *     people-hours); absent means no
   */
  public record UnitTerm(Unit code, String label, Boolean people) {
    public UnitTerm {
      java.util.Objects.requireNonNull(code, "code");
      people = Boolean.TRUE.equals(people);
    }
  }

  /**
   * A capability and the units it may be counted in.
   *
   * @param code the code pledges and plan lines carry
   * @param label how to show it; null when the treaty gives none
   * @param units the units it is counted in, at least one, each a declared unit
   */
  public record CapabilityTerm(Capability code, String label, List<Unit> units) {
    public CapabilityTerm {
      java.util.Objects.requireNonNull(code, "code");
      units = units == null ? List.of() : List.copyOf(units);
    }
  }

  /** The bundled vocabulary: what every treaty spoke before treaties could declare their own. */
  public static final Vocabulary DEFAULT =
      new Vocabulary(
          List.of(
              new ThreatTypeTerm(ThreatType.AIR_ATTACK, "Air attack"),
              new ThreatTypeTerm(ThreatType.GROUND_INVASION, "Ground invasion"),
              new ThreatTypeTerm(ThreatType.MARITIME_BLOCKADE, "Maritime blockade"),
              new ThreatTypeTerm(ThreatType.CYBER_ATTACK, "Cyber attack"),
              new ThreatTypeTerm(ThreatType.SABOTAGE, "Sabotage")),
          List.of(
              new UnitTerm(Unit.PERSONNEL, "Personnel", true),
              new UnitTerm(Unit.SYSTEMS, "Systems", false),
              new UnitTerm(Unit.SORTIES, "Sorties", false),
              new UnitTerm(Unit.ITEMS, "Items", false),
              new UnitTerm(Unit.ROUNDS, "Rounds", false),
              new UnitTerm(Unit.FEEDS, "Feeds", false),
              new UnitTerm(Unit.ISR_HOURS, "ISR hours", false),
              new UnitTerm(Unit.SLOTS, "Slots", false)),
          List.of(
              new CapabilityTerm(Capability.ARMED_FORCES, "Armed forces", List.of(Unit.PERSONNEL)),
              new CapabilityTerm(
                  Capability.AIR_DEFENCE, "Air defence", List.of(Unit.SYSTEMS, Unit.SORTIES)),
              new CapabilityTerm(Capability.WEAPONS, "Weapons", List.of(Unit.ITEMS, Unit.ROUNDS)),
              new CapabilityTerm(
                  Capability.INTELLIGENCE, "Intelligence", List.of(Unit.FEEDS, Unit.ISR_HOURS)),
              new CapabilityTerm(Capability.TRAINING, "Training", List.of(Unit.SLOTS))));

  public Vocabulary {
    threatTypes = threatTypes == null ? List.of() : List.copyOf(threatTypes);
    units = units == null ? List.of() : List.copyOf(units);
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
  }

  /** The threat type codes, in order. */
  public List<ThreatType> threatTypeCodes() {
    return threatTypes.stream().map(ThreatTypeTerm::code).toList();
  }

  /** The unit codes, in order. */
  public List<Unit> unitCodes() {
    return units.stream().map(UnitTerm::code).toList();
  }

  /** The capability codes, in order. */
  public List<Capability> capabilityCodes() {
    return capabilities.stream().map(CapabilityTerm::code).toList();
  }

  public boolean knows(ThreatType type) {
    return threatType(type).isPresent();
  }

  public boolean knows(Unit unit) {
    return unit(unit).isPresent();
  }

  public boolean knows(Capability capability) {
    return capability(capability).isPresent();
  }

  public Optional<ThreatTypeTerm> threatType(ThreatType code) {
    return first(threatTypes, ThreatTypeTerm::code, code);
  }

  public Optional<UnitTerm> unit(Unit code) {
    return first(units, UnitTerm::code, code);
  }

  public Optional<CapabilityTerm> capability(Capability code) {
    return first(capabilities, CapabilityTerm::code, code);
  }

  /** Whether {@code capability} is declared and counted in {@code unit}. */
  public boolean countsIn(Capability capability, Unit unit) {
    return capability(capability).map(c -> c.units().contains(unit)).orElse(false);
  }

  /** The units {@code capability} is counted in; empty if it is not declared. */
  public List<Unit> unitsOf(Capability capability) {
    return capability(capability).map(CapabilityTerm::units).orElse(List.of());
  }

  /** Whether an amount in {@code unit} is a number of people; false for an undeclared unit. */
  public boolean countsPeople(Unit unit) {
    return unit(unit).map(UnitTerm::people).orElse(false);
  }

  /**
   * This vocabulary with {@code more} appended, list by list: what an amendment that declares new
   * words makes. Codes declared twice are for the treaty's check to report.
   */
  public Vocabulary plus(Vocabulary more) {
    if (more == null) {
      return this;
    }
    return new Vocabulary(
        concat(threatTypes, more.threatTypes),
        concat(units, more.units),
        concat(capabilities, more.capabilities));
  }

  /** Whether it declares nothing at all. */
  public boolean declaresNothing() {
    return threatTypes.isEmpty() && units.isEmpty() && capabilities.isEmpty();
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static <T, C> Optional<T> first(List<T> terms, Function<T, C> code, C wanted) {
    for (T t : terms) {
      if (code.apply(t).equals(wanted)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
