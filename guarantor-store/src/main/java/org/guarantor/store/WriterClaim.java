package org.guarantor.store;

/**
 * A claim of the log's single writer ({@link EventLog#claimWriter}).
 *
 * @param epoch the writer epoch the claim recorded: higher than every claim before it
 * @param writer the name the claim was made under
 * @param position the last position of the log as of the claim; no writer of an older epoch can add
 *     to it
 */
public record WriterClaim(long epoch, String writer, long position) {}
