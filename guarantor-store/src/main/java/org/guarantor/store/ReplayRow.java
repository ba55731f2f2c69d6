package org.guarantor.store;

/**
 * What a replay needs of one stored event: its place in the log and in its stream, its type, and
 * its payload as the UTF-8 bytes stored, handed to the decoder without a string made of them first.
 * The recorded time and the chain's hashes are left out: {@link EventLog#verify} is what checks
 * them.
 *
 * <p>The payload array is the reader's own (equality of two rows compares it by reference).
 */
public record ReplayRow(
    long position, String streamId, long streamVersion, String type, byte[] payloadUtf8) {}
