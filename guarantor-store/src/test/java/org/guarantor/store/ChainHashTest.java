package org.guarantor.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hash that links events: stable, and sensitive to every field and every field boundary. */
class ChainHashTest {
  private static final String AT = "2025-03-01T12:00:00.000000000Z";

  private final ChainHash chain = new ChainHash();

  @Test
  void theGenesisIsSixtyFourZeros() {
    assertThat(ChainHash.GENESIS).isEqualTo("0".repeat(64));
  }

  @Test
  void theEncodingIsFixed() {
    // A golden value: if it changes, every existing log stops verifying.
    assertThat(chain.of(1, "incident-1", 1, "Reported", AT, "{}", ChainHash.GENESIS))
        .isEqualTo(GOLDEN);
  }

  @Test
  void theSameFieldsAlwaysGiveTheSameHash() {
    String first = chain.of(7, "s", 2, "T", AT, "{\"a\":1}", ChainHash.GENESIS);
    String again = chain.of(7, "s", 2, "T", AT, "{\"a\":1}", ChainHash.GENESIS);

    assertThat(again).isEqualTo(first).matches("[0-9a-f]{64}");
  }

  @Test
  void everyFieldChangesTheHash() {
    String base = chain.of(7, "s", 2, "T", AT, "{}", ChainHash.GENESIS);

    assertThat(
            new String[] {
              chain.of(8, "s", 2, "T", AT, "{}", ChainHash.GENESIS),
              chain.of(7, "t", 2, "T", AT, "{}", ChainHash.GENESIS),
              chain.of(7, "s", 3, "T", AT, "{}", ChainHash.GENESIS),
              chain.of(7, "s", 2, "U", AT, "{}", ChainHash.GENESIS),
              chain.of(7, "s", 2, "T", AT.replace("12:", "13:"), "{}", ChainHash.GENESIS),
              chain.of(7, "s", 2, "T", AT, "{ }", ChainHash.GENESIS),
              chain.of(7, "s", 2, "T", AT, "{}", "1".repeat(64))
            })
        .doesNotContain(base)
        .doesNotHaveDuplicates();
  }

  @Test
  void movingTextAcrossAFieldBoundaryChangesTheHash() {
    assertThat(chain.of(1, "ab", 1, "c", AT, "{}", ChainHash.GENESIS))
        .isNotEqualTo(chain.of(1, "a", 1, "bc", AT, "{}", ChainHash.GENESIS));
  }

  // Recomputed outside Java from the encoding documented on ChainHash (Python: struct.pack('>q')
  // for the numbers, struct.pack('>i', len) + UTF-8 bytes for the texts, hashlib.sha256).
  private static final String GOLDEN =
      "4cc599d976a991d9d89a1ba5ea591c9de89fc89b7ab9e92db64a8f6aea318382";
}
