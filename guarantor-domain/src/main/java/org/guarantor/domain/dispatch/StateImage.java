package org.guarantor.domain.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.keys.KeyringImage;
import org.guarantor.domain.ledger.LedgerImage;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.treaty.Proposal;
import org.guarantor.domain.treaty.Treaty;

/**
 * Everything a {@link DispatchState} knows that is not a cache derivable from the rest, as a value:
 * {@link DispatchState#image()} takes it and {@link DispatchState#restore} builds a state equal to
 * the one it was taken from (the same incidents, held quantities, timers and ledger, and the same
 * answers to every later event). The image of a state that has applied the log up to position N
 * therefore stands in for replaying those N events; a snapshot is this value, encoded.
 *
 * <p>Immutable and thread-safe: it shares the incidents and treaties (immutable values) with the
 * state it was taken from and copies everything mutable, so it may be encoded on another thread
 * while the writer goes on.
 *
 * @param treaties every adopted treaty version, oldest first
 * @param incidents every incident, in id order
 * @param held quantity of each pledge in use, for pledges that ever held any
 * @param timers pending due times, in their order
 * @param ledger the compliance ledger
 * @param taskingCount taskings issued so far
 * @param eventCount events applied so far: the log position the image stands for
 * @param keyring the keys, enrolments and recent nonces
 * @param exerciseTime where an exercise's virtual clock was last moved to, or null
 * @param proposals every amendment proposed, in the order filed
 */
public record StateImage(
    List<Treaty> treaties,
    List<Incident> incidents,
    Map<PledgeId, Long> held,
    List<Timer> timers,
    LedgerImage ledger,
    long taskingCount,
    long eventCount,
    KeyringImage keyring,
    Instant exerciseTime,
    List<Proposal> proposals) {
  public StateImage {
    proposals = proposals == null ? List.of() : List.copyOf(proposals);
    treaties = List.copyOf(treaties);
    incidents = List.copyOf(incidents);
    held = Map.copyOf(held);
    keyring = keyring == null ? KeyringImage.empty() : keyring;
    // The writer's image keeps its timer queue's copy as it is: immutable already, and sorted on
    // first read (on the snapshot thread) rather than here.
    timers = timers instanceof TimerQueue.Ascending ? timers : List.copyOf(timers);
  }
}
