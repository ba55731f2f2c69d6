package org.guarantor.domain.pledge;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.guarantor.domain.plan.ThreatType;

/**
 * Limits a guarantor attached to a pledge.
 *
 * @param threatTypes threat types the pledge may serve; empty means all
 * @param excludedRegions region codes (ISO 3166-2) where it may not be deployed
 * @param minSeverity lowest severity it may be tasked for (1 = any)
 */
public record Caveats(Set<ThreatType> threatTypes, Set<String> excludedRegions, int minSeverity) {
  public Caveats {
    // Sorted, so a treaty always serialises to the same bytes (Set.copyOf iterates in an order
    // that changes from one JVM run to the next); ThreatType's order keeps the bytes of treaties
    // stored when threat types were an enum.
    TreeSet<ThreatType> types = new TreeSet<>();
    if (threatTypes != null) {
      types.addAll(threatTypes);
    }
    threatTypes = Collections.unmodifiableSet(types);
    excludedRegions =
        Collections.unmodifiableSet(
            new TreeSet<>(excludedRegions == null ? Set.of() : excludedRegions));
  }

  public static Caveats none() {
    return new Caveats(Set.of(), Set.of(), 1);
  }

  /** Whether the pledge may serve a threat of this type and severity in this region. */
  public boolean allow(ThreatType type, int severity, String regionCode) {
    return (threatTypes.isEmpty() || threatTypes.contains(type))
        && severity >= minSeverity
        && (regionCode == null || !excludedRegions.contains(regionCode));
  }
}
