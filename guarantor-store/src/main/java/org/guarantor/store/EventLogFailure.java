package org.guarantor.store;

/**
 * The event log's storage failed: a broken connection, a full disk, a locked or corrupt database,
 * or a schema this build does not understand. The message names the operation and the cause.
 *
 * <p>When thrown by {@link EventLog#append}, the batch was rolled back and nothing was
 * acknowledged; callers following the fail-fast rule stop writing and recover by reopening and
 * replaying.
 */
public final class EventLogFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EventLogFailure(String message, Throwable cause) {
    super(message, cause);
  }

  public EventLogFailure(String message) {
    super(message);
  }
}
