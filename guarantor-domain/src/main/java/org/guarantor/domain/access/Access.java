package org.guarantor.domain.access;

import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.treaty.Tally;
import org.guarantor.domain.treaty.Treaty;

/**
 * Who may see what. Each rule is one method; every interface (HTTP, CLI, live stream) asks here, so
 * all enforce the same rules.
 *
 * <p>The public (role {@link Role#OBSERVER}) sees what the treaty publishes: its parties, plans,
 * rules and territory, the quantities each guarantor pledged, summaries of incidents, and the
 * compliance ledger's figures and outcomes. It sees no hub (name or place), nothing of where a
 * pledge waits, how fast it is ready or how it travels, no tasking, no incident's place or words,
 * and no free text a party wrote for the treaty's parties rather than for the public: decline
 * reasons, key labels, revocation reasons ({@link #treaty} for the treaty; free text is read by
 * whom it was written for: {@link #mayReadDeclineReason}, {@link #mayReadKeyNotes}).
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
   * How much of a CAP alert about an incident a party reads: what it reads of the incident ({@link
   * #incident}), since an alert carries the incident's place and words; an alert about one tasking
   * (an escalation) only for whoever sees that tasking ({@link #tasking}), since it names the
   * guarantor and the deadline it missed. {@code tasking} is null for an alert about the incident
   * as a whole.
   */
  public static View capAlert(Actor actor, Incident incident, Tasking tasking, Treaty treaty) {
    View v = incident(actor, incident, treaty);
    if (tasking != null && (v == View.SUMMARY || !tasking(actor, tasking, treaty))) {
      return View.NONE;
    }
    return v;
  }

  /**
   * An EDXL-RM resource message about a tasking (its request, its commitment) names the guarantor,
   * the pledge, its hub and the deadlines: whoever may see the tasking reads it ({@link #tasking}).
   */
  public static boolean mayReadResourceMessage(Actor actor, Tasking tasking, Treaty treaty) {
    return tasking(actor, tasking, treaty);
  }

  /**
   * Why a tasking went where it did (the alternatives that lost, other guarantors' hubs and
   * arrivals among them) is for the tasked guarantor and the secretariat only.
   */
  public static boolean mayAskWhy(Actor actor, Tasking tasking) {
    return actor.role() == Role.SECRETARIAT || mayActOn(actor, tasking);
  }

  /** How much of the treaty a party sees. */
  public enum TreatyView {
    /**
     * Everything: hubs with their names and places, every pledge with its hub, readiness,
     * transport, caveats and validity.
     */
    FULL,
    /**
     * What the treaty publishes: parties, plans, rules, the territory definition, the notice, and
     * per guarantor the quantity pledged of each capability ({@link
     * org.guarantor.domain.pledge.PledgedTotal}); no hub, and of pledges neither ids nor hubs,
     * readiness, transport, caveats or validity.
     */
    PUBLIC
  }

  /**
   * The parties see the whole treaty they signed, hubs and pledges included (the allocator's
   * choices among them are theirs to check); the public sees its public view. Where a pledge waits,
   * how fast it is ready and how it travels say where a guarantor's forces stand: that is not for
   * the public.
   */
  public static TreatyView treaty(Actor actor) {
    return actor.role() == Role.OBSERVER ? TreatyView.PUBLIC : TreatyView.FULL;
  }

  /**
   * How much of a pledge open taskings hold: its guarantor and the secretariat, which track what is
   * left to task. To anyone else it would say where and how much of a guarantor's forces are
   * committed, which the taskings it may not see keep from it.
   */
  public static boolean mayReadPledgeUse(Actor actor, Pledge pledge) {
    return actor.role() == Role.SECRETARIAT
        || (actor.role() == Role.GUARANTOR && pledge.guarantor().equals(actor.party()));
  }

  /**
   * A guarantor's reason for declining a tasking is free text written to those who act on the
   * tasking, and it may say where the guarantor's forces are or are not: the guarantor itself, the
   * secretariat (which reviews compliance) and the protected state (which sees the tasking whole
   * and must plan around the decline) read it; other guarantors and the public see that it
   * declined, when and how much (the ledger's figures), never why. These are the parties that may
   * see the declined tasking ({@link #tasking}), so the reason goes wherever the tasking goes and
   * nowhere else, the ledger included.
   */
  public static boolean mayReadDeclineReason(Actor actor, PartyCode decliner, Treaty treaty) {
    return switch (actor.role()) {
      case SECRETARIAT -> true;
      case PROTECTED -> actor.party().equals(treaty.protectedState());
      case GUARANTOR -> actor.party().equals(decliner);
      case OBSERVER -> false;
    };
  }

  /**
   * A key's label and the reason it was revoked are notes its party wrote about its own officers:
   * that party and the secretariat read them. Everyone signed in sees the keys themselves (id,
   * party, role, public key, when registered, by whom, when revoked), which auditing the log needs.
   */
  public static boolean mayReadKeyNotes(Actor actor, PartyCode keyParty) {
    return actor.role() == Role.SECRETARIAT || actor.party().equals(keyParty);
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

  /**
   * Any party to the version in force may propose an amendment (an accession is filed by the
   * secretariat or a party on the applicant's behalf, since the applicant is not a party yet); the
   * public may not.
   */
  public static boolean mayPropose(Actor actor, Treaty inForce) {
    return actor.role() != Role.OBSERVER && inForce.party(actor.party()).isPresent();
  }

  /**
   * Whoever the amendment rule of the version in force names votes: guarantors, and the protected
   * state where its consent is needed. The secretariat counts the votes; it casts none.
   */
  public static boolean mayVote(Actor actor, Tally tally) {
    return (actor.role() == Role.GUARANTOR || actor.role() == Role.PROTECTED)
        && tally.mayVote(actor.party());
  }

  /** The parties read proposals and how each voted; the public reads adopted versions only. */
  public static boolean mayReadProposals(Actor actor) {
    return actor.role() != Role.OBSERVER;
  }

  /** The secretariat inspects and certifies pledges. */
  public static boolean mayCertify(Actor actor) {
    return actor.role() == Role.SECRETARIAT;
  }

  /**
   * A pledge's certification (inspection date, validity, evidence reference): its guarantor and the
   * secretariat, which are warned before it expires, and the other parties, whose treaty view shows
   * which pledges count; not the public, to which pledges are not shown.
   */
  public static boolean mayReadCertification(Actor actor) {
    return actor.role() != Role.OBSERVER;
  }

  /**
   * The credibility exercise names the guarantors and hubs the guarantee leans on most: the parties
   * read it; the public, to which hubs are not shown, does not.
   */
  public static boolean mayReadCredibility(Actor actor) {
    return actor.role() != Role.OBSERVER;
  }
}
