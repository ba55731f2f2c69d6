package org.guarantor.domain.incident;

import java.time.Instant;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Quantity;

/** A plan line made concrete for an incident: what is needed, by when. */
public record Requirement(int line, Capability capability, Quantity quantity, Instant dueAt) {}
