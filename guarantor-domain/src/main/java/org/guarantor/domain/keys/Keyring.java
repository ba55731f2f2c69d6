package org.guarantor.domain.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.guarantor.domain.party.PartyCode;

/**
 * The keys the log has registered and revoked, the enrolments offered, and the nonces recently
 * signed with. Built only by the dispatch state applying key events.
 *
 * <p>A nonce is remembered for {@link #NONCE_WINDOW} after the newest signing time seen: interfaces
 * refuse signatures more than five minutes from their own clock, so an older signature cannot
 * arrive to be replayed, and the window stays bounded however long the log grows. The window is
 * measured by the signatures' own times, not the decision time, which in an exercise is virtual.
 *
 * <p>Thread-safety: the writer changes it; readers on other threads may call {@link #key}, {@link
 * #keys()}, {@link #adopted()} and {@link #demo()} at any time. The nonce methods are the writer's.
 */
public final class Keyring {
  /** How long after the newest signature a nonce is remembered. */
  public static final Duration NONCE_WINDOW = Duration.ofMinutes(15);

  private final Map<KeyId, RegisteredKey> keys = new ConcurrentHashMap<>();
  private final List<KeyId> order = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, Enrolment> enrolments = new ConcurrentHashMap<>();
  private final List<String> enrolmentOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Set<String> nonces = new HashSet<>();
  private final PriorityQueue<UsedNonce> nonceAges =
      new PriorityQueue<>(Comparator.comparing(UsedNonce::signedAt));
  private Instant newestSignature;
  private volatile boolean adopted;
  private volatile boolean demo;

  public Keyring() {}

  /** The keyring an image was taken from. */
  public static Keyring restore(KeyringImage image) {
    Keyring k = new Keyring();
    k.adopted = image.adopted();
    k.demo = image.demo();
    for (RegisteredKey r : image.keys()) {
      k.keys.put(r.id(), r);
      k.order.add(r.id());
    }
    for (Enrolment e : image.enrolments()) {
      k.enrolments.put(e.codeHash(), e);
      k.enrolmentOrder.add(e.codeHash());
    }
    for (UsedNonce n : image.nonces()) {
      k.nonces.add(nonceKey(n.key(), n.nonce()));
      k.nonceAges.add(n);
    }
    k.newestSignature = image.newestSignature();
    return k;
  }

  public KeyringImage image() {
    List<RegisteredKey> ks = new ArrayList<>(order.size());
    for (KeyId id : order) {
      ks.add(keys.get(id));
    }
    List<Enrolment> es = new ArrayList<>(enrolmentOrder.size());
    for (String h : enrolmentOrder) {
      es.add(enrolments.get(h));
    }
    return new KeyringImage(adopted, demo, ks, es, new ArrayList<>(nonceAges), newestSignature);
  }

  // ---- reads, any thread ----------------------------------------------------------------------

  public boolean adopted() {
    return adopted;
  }

  public boolean demo() {
    return demo;
  }

  public Optional<RegisteredKey> key(KeyId id) {
    return Optional.ofNullable(keys.get(id));
  }

  /** Every key ever registered, in order of registration. */
  public List<RegisteredKey> keys() {
    List<RegisteredKey> out = new ArrayList<>(order.size());
    for (KeyId id : order) {
      out.add(keys.get(id));
    }
    return out;
  }

  /** The party's keys of a role that are in force. */
  public List<RegisteredKey> inForce(PartyCode party, KeyRole role) {
    List<RegisteredKey> out = new ArrayList<>();
    for (RegisteredKey k : keys()) {
      if (k.party().equals(party) && k.role() == role && !k.revoked()) {
        out.add(k);
      }
    }
    return out;
  }

  public Optional<Enrolment> enrolment(String codeHash) {
    return Optional.ofNullable(enrolments.get(codeHash));
  }

  public Collection<Enrolment> enrolments() {
    List<Enrolment> out = new ArrayList<>(enrolmentOrder.size());
    for (String h : enrolmentOrder) {
      out.add(enrolments.get(h));
    }
    return out;
  }

  // ---- the writer -----------------------------------------------------------------------------

  /** Whether the key signed with this nonce within the window. */
  public boolean nonceUsed(KeyId key, String nonce) {
    return nonces.contains(nonceKey(key, nonce));
  }

  /** The newest signing time seen, if any signature was. */
  public Optional<Instant> newestSignature() {
    return Optional.ofNullable(newestSignature);
  }

  public void adopt(List<RootKey> roots, boolean demo, Instant at) {
    this.demo = demo;
    for (RootKey r : roots) {
      add(
          new RegisteredKey(
              r.id(), r.party(), KeyRole.ROOT, r.publicKey(), "root", at, null, null, null));
    }
    this.adopted = true;
  }

  public void register(RegisteredKey key) {
    add(key);
  }

  public void revoke(KeyId id, Instant at, String reason) {
    RegisteredKey k = keys.get(id);
    if (k == null) {
      throw new IllegalStateException("revocation of unknown key " + id);
    }
    keys.put(id, k.revoke(at, reason));
  }

  public void offer(Enrolment e) {
    if (enrolments.put(e.codeHash(), e) == null) {
      enrolmentOrder.add(e.codeHash());
    }
  }

  public void enrolled(String codeHash, KeyId key) {
    Enrolment e = enrolments.get(codeHash);
    if (e == null) {
      throw new IllegalStateException("enrolment with unknown code");
    }
    enrolments.put(codeHash, e.usedBy(key));
  }

  /** Remembers a nonce and forgets those that have left the window. */
  public void signed(KeyId key, String nonce, Instant signedAt) {
    if (newestSignature == null || signedAt.isAfter(newestSignature)) {
      newestSignature = signedAt;
    }
    if (nonces.add(nonceKey(key, nonce))) {
      nonceAges.add(new UsedNonce(key, nonce, signedAt));
    }
    Instant horizon = newestSignature.minus(NONCE_WINDOW);
    while (!nonceAges.isEmpty() && nonceAges.peek().signedAt().isBefore(horizon)) {
      UsedNonce old = nonceAges.poll();
      nonces.remove(nonceKey(old.key(), old.nonce()));
    }
  }

  private void add(RegisteredKey k) {
    if (keys.put(k.id(), k) == null) {
      order.add(k.id());
    }
  }

  private static String nonceKey(KeyId key, String nonce) {
    return key.value() + ' ' + nonce;
  }
}
