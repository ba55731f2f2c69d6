package org.guarantor.server;

import java.util.List;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.engine.Published;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line for each turn of an incident that an operator watches for (reported, activated, out
 * of scope, closed, a tasking escalated or breached, a re-plan adopted), once it is durable, with
 * the incident's id (and the tasking's) in the MDC as {@code incident} and {@code tasking}: a JSON
 * log ({@code serve --log-format json}) carries them as fields to filter on.
 *
 * <p>Ids, states and kinds only: the report's place and words stay in the log of events, where
 * access rules guard them. Runs on the engine's persister thread; stateless.
 */
final class IncidentLog {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentLog.class);

  private IncidentLog() {}

  static void published(List<Published> batch) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    for (Published p : batch) {
      DispatchEvent e = p.event();
      if (e instanceof DispatchEvent.IncidentReported r) {
        log(r.incident().value(), null, "incident reported ({})", r.report().type());
      } else if (e instanceof DispatchEvent.IncidentActivated a) {
        log(
            a.incident().value(),
            null,
            "incident activated under plan {}, {} lines",
            a.planId(),
            a.requirements().size());
      } else if (e instanceof DispatchEvent.IncidentOutOfScope o) {
        log(o.incident().value(), null, "incident recorded out of scope");
      } else if (e instanceof DispatchEvent.IncidentClosed c) {
        log(c.incident().value(), null, "incident closed: {}", c.outcome());
      } else if (e instanceof DispatchEvent.TaskingEscalated t) {
        log(
            t.incident().value(),
            t.tasking().value(),
            "tasking escalated: {} missed its {} deadline",
            t.guarantor().value(),
            t.missed());
      } else if (e instanceof DispatchEvent.TaskingBreached t) {
        log(
            t.incident().value(),
            t.tasking().value(),
            "tasking breached: {} missed its {} deadline",
            t.guarantor().value(),
            t.missed());
      } else if (e instanceof DispatchEvent.ReplanAdopted r) {
        log(
            r.incident().value(),
            null,
            "re-plan adopted: {} taskings withdrawn",
            r.withdrawn().size());
      }
    }
  }

  private static void log(String incident, String tasking, String message, Object... args) {
    MDC.put("incident", incident);
    if (tasking != null) {
      MDC.put("tasking", tasking);
    }
    try {
      LOG.info(message, args);
    } finally {
      MDC.remove("incident");
      MDC.remove("tasking");
    }
  }
}
