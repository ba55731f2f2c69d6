package org.guarantor.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.dispatch.Replan;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.optimizer.StateReplanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's re-planning solver: the OR-Tools optimizer over the live state. Stateless. */
final class ExactReplans {
  private static final Logger LOG = LoggerFactory.getLogger(ExactReplans.class);

  private ExactReplans() {}

  static Optional<Replan> propose(
      DispatchState state,
      IncidentId incident,
      Replan.Trigger trigger,
      Duration budget,
      Instant now) {
    StateReplanner.Result r = StateReplanner.propose(state, incident, trigger, budget, now);
    LOG.debug(
        "re-plan of {} after {}: {} (coverage {} -> {}, {} ms)",
        incident,
        trigger,
        r.note(),
        r.before(),
        r.after(),
        r.elapsed().toMillis());
    return r.proposal();
  }
}
