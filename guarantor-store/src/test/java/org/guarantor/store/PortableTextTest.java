package org.guarantor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortableTextTest {
  private static final String PAIR = "\uD83D\uDE00"; // one emoji: a valid surrogate pair

  @Test
  void plain_text_and_paired_surrogates_pass() {
    assertThatCode(() -> PortableText.check("payload", "{\"a\":\"b — ≤ " + PAIR + "\"}", 0))
        .doesNotThrowAnyException();
    String longText = "x".repeat(4095) + PAIR + "y".repeat(5000);
    assertThatCode(() -> PortableText.check("payload", longText, 0)).doesNotThrowAnyException();
  }

  @Test
  void nul_is_refused_naming_its_index() {
    assertThatThrownBy(() -> PortableText.check("payload", "ab\0c", 3))
        .hasMessage("payload of event 3 in the batch contains NUL at index 2; nothing was written");
  }

  @Test
  void an_unpaired_surrogate_is_refused_wherever_it_is() {
    assertThatThrownBy(() -> PortableText.check("type", "ab\uD83D", 0))
        .hasMessageContaining("unpaired surrogate at index 2");
    assertThatThrownBy(() -> PortableText.check("type", "\uDE00ab", 0))
        .hasMessageContaining("unpaired surrogate at index 0");
    String acrossChunks = "x".repeat(5000) + PAIR + "\uDE00" + "y".repeat(10);
    assertThatThrownBy(() -> PortableText.check("payload", acrossChunks, 1))
        .hasMessageContaining("unpaired surrogate at index 5002");
  }

  @Test
  void the_fast_check_gives_the_utf8_bytes_and_still_finds_what_the_loop_finds() {
    String text = "{\"a\":\"why? because — " + PAIR + "\"}";
    assertThat(PortableText.checkedUtf8("payload", text, 0))
        .isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(PortableText.checkedUtf8("payload", "plain ascii", 0))
        .isEqualTo("plain ascii".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // An unpaired surrogate in otherwise ASCII text: one byte per char, the '?' gives it away.
    assertThatThrownBy(() -> PortableText.checkedUtf8("payload", "ab\uD83Dcd", 2))
        .hasMessageContaining("unpaired surrogate at index 2");
    assertThatThrownBy(() -> PortableText.checkedUtf8("payload", "a\0b", 0))
        .hasMessageContaining("NUL at index 1");
  }
}
