package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reasons are data: a path, a type and parameters that fill the type's message template. */
class ReasonTest {

  @Test
  void a_message_fills_the_template_from_the_parameters() {
    Reason r = Reason.of("/severity", ReasonType.OUT_OF_RANGE, "severity", 1, 5, 0);

    assertThat(r.params()).containsExactly("severity", "1", "5", "0");
    assertThat(r.message()).isEqualTo("severity must be between 1 and 5, was 0");
  }

  @Test
  void a_parameter_that_looks_like_a_placeholder_is_copied_as_is() {
    Reason r = Reason.of("/key", ReasonType.KEY_REUSED, "{1}", "INC-000001");

    assertThat(r.message())
        .isEqualTo("key {1} was already used for a different report (INC-000001)");
  }

  @Test
  void a_placeholder_without_a_parameter_is_left_visible() {
    assertThat(Reason.of("", ReasonType.FORBIDDEN, "UKR").message()).isEqualTo("UKR may not {1}");
  }

  @Test
  void a_rejection_needs_a_reason() {
    assertThatThrownBy(() -> new Decision.Rejected(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void not_found_outranks_forbidden_outranks_conflict_outranks_invalid() {
    Reason invalid = Reason.of("/key", ReasonType.REQUIRED, "key");
    Reason conflict = Reason.of("/key", ReasonType.KEY_REUSED, "k", "INC-000001");
    Reason forbidden = Reason.of("", ReasonType.FORBIDDEN, "POL", "do it");
    Reason notFound = Reason.of("/tasking", ReasonType.NOT_FOUND, "tasking", "TSK-000001");

    assertThat(new Decision.Rejected(List.of(invalid, conflict)).category())
        .isEqualTo(ReasonType.Category.CONFLICT);
    assertThat(new Decision.Rejected(List.of(invalid, conflict, forbidden)).category())
        .isEqualTo(ReasonType.Category.FORBIDDEN);
    assertThat(new Decision.Rejected(List.of(invalid, forbidden, notFound)).category())
        .isEqualTo(ReasonType.Category.NOT_FOUND);
    assertThat(new Decision.Rejected(List.of(invalid)).category())
        .isEqualTo(ReasonType.Category.INVALID);
  }
}
