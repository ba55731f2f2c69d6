package org.guarantor.engine;

/**
 * What the engine tells a metrics registry, so that the engine itself needs none: the server
 * implements this with Micrometer. Every call comes on the engine's writer or persister thread, so
 * an implementation must be quick and thread-safe; it must not call back into the engine.
 *
 * <p>Only kinds, outcomes, counts and durations pass through here, never a command's content:
 * whatever reads the metrics learns nothing of an incident.
 */
public interface EngineMetrics {
  /** Records nothing. */
  EngineMetrics NONE = new EngineMetrics() {};

  /** How a command came out. */
  enum CommandOutcome {
    ACCEPTED,
    REJECTED,
    /** Accepted before under the same idempotency key: answered with what was decided then. */
    REPEATED,
    /** Deciding it threw (a bug): nothing was applied. */
    FAILED
  }

  /**
   * A command was decided: {@code kind} is its record's simple name ({@code FileReport}), {@code
   * nanos} the time from the writer taking it to its events applied to the state.
   */
  default void decided(String kind, CommandOutcome outcome, long nanos) {}

  /**
   * A batch of {@code events} events was appended to the log in {@code nanos} (one transaction).
   */
  default void appended(int events, long nanos) {}
}
