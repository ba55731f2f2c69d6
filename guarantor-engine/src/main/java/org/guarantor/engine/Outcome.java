package org.guarantor.engine;

import java.util.List;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.store.StoredEvent;

/**
 * What a submitted command came to: the decision, and the events as durably stored (empty for a
 * rejection or a repeat). Returned only after the events are durable.
 */
public record Outcome(Decision decision, List<StoredEvent> stored) {
  public Outcome {
    stored = List.copyOf(stored);
  }

  public boolean accepted() {
    return decision instanceof Decision.Accepted;
  }
}
