package org.guarantor.bench.http;

/**
 * One fuzzed request, as bytes ready for the wire.
 *
 * @param route the route it aims at, as the server declares it ({@code POST
 *     /api/v1/taskings/{id}/acknowledge}), so answers can be counted by route
 * @param what the mutations applied, in words, to say what a slow or failed request was
 * @param head the request line and headers, ending with the empty line
 * @param body the body bytes sent after the head (what Content-Length declares may differ)
 * @param send how the body is sent
 * @param forged whether the request carries a signature that must not verify (tampered, stale,
 *     another's): the server must never answer it 2xx
 * @param framed whether the bytes sent are one request as HTTP/1.1 frames it (a Content-Length
 *     smaller than the body sent, or a body without one, leaves bytes the server reads as another
 *     request, and its closing on them may reset the connection before the answer is read)
 */
record FuzzCase(
    String route,
    String what,
    byte[] head,
    byte[] body,
    Send send,
    boolean forged,
    boolean framed) {

  /** How the body goes out. */
  enum Send {
    /** Head and body at once. */
    WHOLE,
    /** Head and body at once, then nothing more though Content-Length declares more. */
    STALLED,
    /** The body a byte at a time, 4 a second: slower than the server's read deadline allows. */
    TRICKLED,
    /** Sent twice on two connections, the second answer counting: a replayed signature. */
    REPLAYED
  }

  /** Whether the server is expected to wait for the body's deadline before answering. */
  boolean waitsForBody() {
    return send == Send.STALLED || send == Send.TRICKLED;
  }
}
