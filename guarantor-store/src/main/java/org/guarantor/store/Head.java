package org.guarantor.store;

/**
 * The one-row summary kept beside the events and advanced in each batch's transaction: how many
 * events the log holds and the hash of the last. It makes deleting the newest events detectable,
 * which the chain alone cannot show.
 */
record Head(long count, String lastHash) {
  static final Head EMPTY = new Head(0, ChainHash.GENESIS);
}
