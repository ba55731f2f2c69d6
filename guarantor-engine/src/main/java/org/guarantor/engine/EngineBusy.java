package org.guarantor.engine;

/**
 * The engine did not take a command in the time its caller gave (its queue was full, or the writer
 * that far behind), so the command was withdrawn: it was never decided and nothing of it was
 * written. Unlike {@link EngineHalted}, the engine is sound; the same command may be sent again.
 */
public final class EngineBusy extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineBusy(String reason) {
    super(reason);
  }
}
