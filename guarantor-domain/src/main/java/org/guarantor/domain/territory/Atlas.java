package org.guarantor.domain.territory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reference boundary data: admin-1 regions of some states and admin-0 countries, by code. Immutable
 * and thread-safe.
 */
public final class Atlas {
  private final Map<String, Region> regions;
  private final Map<String, Region> countries;

  public Atlas(Collection<Region> regions, Collection<Region> countries) {
    Map<String, Region> r = new LinkedHashMap<>();
    regions.forEach(x -> r.put(x.code(), x));
    Map<String, Region> c = new LinkedHashMap<>();
    countries.forEach(x -> c.put(x.code(), x));
    this.regions = Map.copyOf(r);
    this.countries = Map.copyOf(c);
  }

  public static Atlas empty() {
    return new Atlas(List.of(), List.of());
  }

  /** A region (ISO 3166-2) or a country (ISO 3166-1 alpha-3) by code. */
  public Optional<Region> find(String code) {
    Region r = regions.get(code);
    return r != null ? Optional.of(r) : Optional.ofNullable(countries.get(code));
  }

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

  public Collection<Region> countries() {
    return countries.values();
  }

  public Collection<Region> regions() {
    return regions.values();
  }
}
