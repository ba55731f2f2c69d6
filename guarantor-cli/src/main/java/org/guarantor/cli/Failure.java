package org.guarantor.cli;

/**
 * Ends a command with its exit code: {@value #REFUSED} when the server refused (its reasons are
 * printed already), {@value #INPUT} for bad input or a server out of reach. {@link Main} prints the
 * message, if any, to stderr and exits with the code. A command that calls the server in several
 * steps (sign in, then read; look a key up, then revoke it) stops at the first that fails without
 * threading an exit code through each.
 */
final class Failure extends Exception {
  static final int REFUSED = 1;
  static final int INPUT = 2;
  private static final long serialVersionUID = 1L;

  private final int exit;

  private Failure(int exit, String message) {
    super(message, null, false, false);
    this.exit = exit;
  }

  /** Bad input, an unreadable file, or a server out of reach; the message says which. */
  static Failure input(String message) {
    return new Failure(INPUT, message);
  }

  /** The server refused; its answer was printed. */
  static Failure refused() {
    return new Failure(REFUSED, null);
  }

  int exit() {
    return exit;
  }
}
