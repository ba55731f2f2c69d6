package org.guarantor.domain.access;

import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.treaty.Treaty;

/**
 * Who may see what. Each rule is one method; every interface (HTTP, CLI, live stream) asks here, so
 * all enforce the same rules.
 */
public final class Access {
  private Access() {}

  /** How much of an incident a party sees. */
  public enum View {
    /** Everything, every tasking. */
    FULL,
    /** The incident, but only the party's own taskings. */
    OWN_TASKINGS,
    /** Type, severity, state and times only: no place, description or taskings. */
    SUMMARY,
    /** Nothing: the incident does not exist for this party. */
    NONE
  }

  /**
   * The secretariat and the protected state see all of an incident; a guarantor sees incidents it
   * is tasked on or asked to corroborate, with its own taskings only; an observer sees summaries.
   */
  public static View incident(Actor actor, Incident incident, Treaty treaty) {
    switch (actor.role()) {
      case SECRETARIAT:
        return View.FULL;
      case PROTECTED:
        return actor.party().equals(treaty.protectedState()) ? View.FULL : View.NONE;
      case GUARANTOR:
        boolean tasked =
            incident.taskings().stream().anyMatch(t -> t.guarantor().equals(actor.party()));
        boolean asked =
            incident.state() == org.guarantor.domain.incident.IncidentState.AWAITING_CORROBORATION;
        return tasked || asked ? View.OWN_TASKINGS : View.NONE;
      case OBSERVER:
      default:
        return View.SUMMARY;
    }
  }

  /** Whether a party may see a tasking: its own, or any for the secretariat and protected state. */
  public static boolean tasking(Actor actor, Tasking tasking, Treaty treaty) {
    return switch (actor.role()) {
      case SECRETARIAT -> true;
      case PROTECTED -> actor.party().equals(treaty.protectedState());
      case GUARANTOR -> tasking.guarantor().equals(actor.party());
      case OBSERVER -> false;
    };
  }

  /**
   * Why a tasking went where it did (the alternatives that lost, other guarantors' hubs and
   * arrivals among them) is for the tasked guarantor and the secretariat only.
   */
  public static boolean mayAskWhy(Actor actor, Tasking tasking) {
    return actor.role() == Role.SECRETARIAT || mayActOn(actor, tasking);
  }

  /** Only the protected state itself files reports. */
  public static boolean mayReport(Actor actor, Treaty treaty) {
    return actor.role() == Role.PROTECTED && actor.party().equals(treaty.protectedState());
  }

  /** Only the tasked guarantor acts on a tasking. */
  public static boolean mayActOn(Actor actor, Tasking tasking) {
    return actor.role() == Role.GUARANTOR && tasking.guarantor().equals(actor.party());
  }

  /** The protected state or the secretariat closes an incident. */
  public static boolean mayClose(Actor actor, Treaty treaty) {
    return actor.role() == Role.SECRETARIAT || mayReport(actor, treaty);
  }

  /** Any guarantor of the treaty may corroborate. */
  public static boolean mayCorroborate(Actor actor, Treaty treaty) {
    return actor.role() == Role.GUARANTOR
        && treaty.party(actor.party()).map(p -> p.role() == Role.GUARANTOR).orElse(false);
  }

  /** Only the secretariat adopts treaty versions and drives the clock. */
  public static boolean mayAdministrate(Actor actor) {
    return actor.role() == Role.SECRETARIAT;
  }

  /**
   * Only the secretariat asks for a re-plan or adopts one: a re-plan may withdraw taskings from any
   * guarantor, which no guarantor or the protected state may do to another.
   */
  public static boolean mayReplan(Actor actor) {
    return actor.role() == Role.SECRETARIAT;
  }
}
