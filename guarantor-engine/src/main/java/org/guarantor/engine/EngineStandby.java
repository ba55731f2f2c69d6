package org.guarantor.engine;

/**
 * The engine follows a log that another server writes (see {@link Engine#follow}) and takes no
 * command: nothing was done. The writer takes it; this server does once it takes over.
 */
public final class EngineStandby extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineStandby() {
    super(
        "this server is a standby: it follows the log another server writes and takes no command"
            + " until it takes over; send the command to the writer, or retry shortly");
  }
}
