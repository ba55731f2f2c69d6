package org.guarantor.domain.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingId;

/**
 * An incident: one threat report and everything decided about it. Immutable: the engine replaces
 * the value on every change, so readers on other threads always see a consistent incident.
 *
 * @param key the reporter's idempotency key
 * @param activatedAt T0, or null when not activated
 * @param planId the response plan used, e.g. {@code AIR_ATTACK/3}; empty when none
 */
public record Incident(
    IncidentId id,
    String key,
    PartyCode reporter,
    ThreatReport report,
    Instant reportedAt,
    Scope scope,
    IncidentState state,
    Instant activatedAt,
    String planId,
    List<Requirement> requirements,
    List<Tasking> taskings,
    List<Shortfall> shortfalls,
    Set<PartyCode> corroborations,
    Instant closedAt,
    String closingNote) {

  public Incident {
    requirements = List.copyOf(requirements);
    taskings = List.copyOf(taskings);
    shortfalls = List.copyOf(shortfalls);
    corroborations = Set.copyOf(corroborations);
  }

  public static Incident reported(
      IncidentId id,
      String key,
      PartyCode reporter,
      ThreatReport report,
      Instant at,
      Scope scope,
      IncidentState state) {
    return new Incident(
        id, key, reporter, report, at, scope, state, null, "", List.of(), List.of(), List.of(),
        Set.of(), null, "");
  }

  public Optional<Tasking> tasking(TaskingId tid) {
    return taskings.stream().filter(t -> t.id().equals(tid)).findFirst();
  }

  public Incident withState(IncidentState s) {
    return new Incident(
        id,
        key,
        reporter,
        report,
        reportedAt,
        scope,
        s,
        activatedAt,
        planId,
        requirements,
        taskings,
        shortfalls,
        corroborations,
        closedAt,
        closingNote);
  }

  public Incident activated(Instant at, String plan, List<Requirement> reqs) {
    return new Incident(
        id,
        key,
        reporter,
        report,
        reportedAt,
        scope,
        IncidentState.ACTIVATED,
        at,
        plan,
        reqs,
        taskings,
        shortfalls,
        corroborations,
        closedAt,
        closingNote);
  }

  public Incident withTasking(Tasking t) {
    List<Tasking> ts = new ArrayList<>(taskings);
    int i = 0;
    while (i < ts.size() && !ts.get(i).id().equals(t.id())) {
      i++;
    }
    if (i < ts.size()) {
      ts.set(i, t);
    } else {
      ts.add(t);
    }
    return new Incident(
        id,
        key,
        reporter,
        report,
        reportedAt,
        scope,
        state,
        activatedAt,
        planId,
        requirements,
        ts,
        shortfalls,
        corroborations,
        closedAt,
        closingNote);
  }

  public Incident withShortfall(Shortfall s) {
    List<Shortfall> ss = new ArrayList<>(shortfalls);
    ss.add(s);
    return withShortfalls(ss);
  }

  /** Without the shortfalls recorded for one line (a re-plan records what is still short). */
  public Incident withoutShortfalls(int line) {
    List<Shortfall> ss = new ArrayList<>(shortfalls);
    ss.removeIf(s -> s.line() == line);
    return withShortfalls(ss);
  }

  private Incident withShortfalls(List<Shortfall> ss) {
    return new Incident(
        id,
        key,
        reporter,
        report,
        reportedAt,
        scope,
        state,
        activatedAt,
        planId,
        requirements,
        taskings,
        ss,
        corroborations,
        closedAt,
        closingNote);
  }

  public Incident corroboratedBy(PartyCode party) {
    Set<PartyCode> cs = new TreeSet<>(corroborations);
    cs.add(party);
    return new Incident(
        id,
        key,
        reporter,
        report,
        reportedAt,
        scope,
        state,
        activatedAt,
        planId,
        requirements,
        taskings,
        shortfalls,
        cs,
        closedAt,
        closingNote);
  }

  public Incident closed(IncidentState outcome, Instant at, String note) {
    return new Incident(
        id,
        key,
        reporter,
        report,
        reportedAt,
        scope,
        outcome,
        activatedAt,
        planId,
        requirements,
        taskings,
        shortfalls,
        corroborations,
        at,
        note);
  }
}
