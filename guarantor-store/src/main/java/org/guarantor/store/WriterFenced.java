package org.guarantor.store;

/**
 * Another writer has claimed the log ({@link EventLog#claimWriter}) since this one opened or
 * claimed it: this log may append nothing more, ever. Nothing of the batch was written. The process
 * that holds it should stop writing and, if it is to serve again, reopen the log and follow the new
 * writer.
 */
public final class WriterFenced extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long epoch;
  private final String writer;

  public WriterFenced(String message, long epoch, String writer) {
    super(message);
    this.epoch = epoch;
    this.writer = writer;
  }

  /** The epoch of the claim that fenced this writer. */
  public long epoch() {
    return epoch;
  }

  /** The name the fencing claim was made under. */
  public String writer() {
    return writer;
  }
}
