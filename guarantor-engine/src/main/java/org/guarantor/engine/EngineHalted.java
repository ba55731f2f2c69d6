package org.guarantor.engine;

/**
 * The engine stopped taking commands because its state can no longer be trusted (an event failed to
 * apply, or a batch failed to become durable after being applied). Restart recovers by replay.
 */
public final class EngineHalted extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineHalted(String reason) {
    super(reason);
  }
}
