package org.guarantor.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Walks the stored rows in position order and stops at the first one that breaks the chain.
 *
 * <p>Checks, for each row in turn: its position is the next integer (a deleted row leaves a gap,
 * moved rows land out of place); its previous hash equals the hash of the row before (an edit whose
 * hash was recomputed still breaks the next link); its stored hash equals the hash recomputed from
 * its stored bytes. At the end the head must record exactly the rows seen and the last hash, which
 * catches the removal or forgery of the newest rows.
 *
 * <p>Not thread-safe; one instance per verification.
 */
final class ChainVerifier {
  private final ChainHash chain = new ChainHash();
  private long intact;
  private String previousHash;
  private Verification broken;

  /** A verifier of the whole chain, from the genesis. */
  ChainVerifier() {
    this(0, ChainHash.GENESIS);
  }

  /**
   * A verifier of the chain after {@code position}, taken as intact up to there with {@code hash}
   * as its hash: the rows offered start at {@code position + 1}.
   */
  ChainVerifier(long position, String hash) {
    this.intact = position;
    this.previousHash = hash;
  }

  /**
   * One stored row as the chain covers it, its payload as the UTF-8 bytes stored (hashing them as
   * they are, rather than a string decoded from them and encoded again, halves a check's time).
   */
  record Link(
      long position,
      String streamId,
      long streamVersion,
      String type,
      String recordedAt,
      byte[] payloadUtf8,
      String previousHash,
      String hash) {
    static final String COLUMNS =
        "position, stream_id, stream_version, type, recorded_at, payload, prev_hash, hash";

    static Link read(ResultSet rs, Dialect dialect) throws SQLException {
      return new Link(
          rs.getLong(1),
          rs.getString(2),
          rs.getLong(3),
          rs.getString(4),
          rs.getString(5),
          dialect.utf8Text(rs, 6),
          rs.getString(7),
          rs.getString(8));
    }
  }

  /** Checks the next row; returns false once the chain is broken, when reading may stop. */
  boolean accept(Link row) {
    if (broken != null) {
      return false;
    }
    long expected = intact + 1;
    if (row.position() != expected) {
      return fail(
          expected,
          "position " + expected + " is missing: the next stored event is at " + row.position());
    }
    if (!row.previousHash().equals(previousHash)) {
      return fail(
          expected,
          "position "
              + expected
              + ": its previous hash does not match the hash of "
              + (expected == 1 ? "the genesis" : "position " + intact));
    }
    String recomputed =
        chain.of(
            row.position(),
            row.streamId(),
            row.streamVersion(),
            row.type(),
            row.recordedAt(),
            row.payloadUtf8(),
            row.previousHash());
    if (!recomputed.equals(row.hash())) {
      return fail(
          expected, "position " + expected + ": its stored hash does not match its contents");
    }
    intact = expected;
    previousHash = row.hash();
    return true;
  }

  /** The verdict once every row has been offered, given the head stored beside them. */
  Verification finish(Optional<Head> stored) {
    if (broken != null) {
      return broken;
    }
    if (stored.isEmpty()) {
      return Verification.broken(intact, Math.max(intact, 1), "the log head row has been deleted");
    }
    Head head = stored.get();
    if (head.count() > intact) {
      return Verification.broken(
          intact,
          intact + 1,
          "the log head records "
              + head.count()
              + " events but the log ends at position "
              + intact
              + ": the newest events were removed");
    }
    if (head.count() < intact) {
      return Verification.broken(
          intact,
          head.count() + 1,
          "position "
              + (head.count() + 1)
              + " lies beyond the log head, which records "
              + head.count()
              + " events: rows were added outside the log");
    }
    if (!head.lastHash().equals(previousHash)) {
      return Verification.broken(
          intact,
          Math.max(intact, 1),
          "the log head's last hash does not match the hash of position " + intact);
    }
    return Verification.ok(intact);
  }

  private boolean fail(long position, String problem) {
    broken = Verification.broken(intact, position, problem);
    return false;
  }
}
