package org.guarantor.engine.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.PledgeId;
import org.junit.jupiter.api.Test;

/** Values of the treaty's small sets are decoded to shared instances, and only so many. */
class InternerTest {
  @Test
  void equal_text_gives_the_same_instance_up_to_the_limit_and_equal_ones_after_it() {
    Interner<PledgeId> pledges = new Interner<>(PledgeId::new, 2);
    PledgeId first = pledges.apply("GBR-01");
    assertThat(pledges.apply(new String("GBR-01"))).isSameAs(first);
    PledgeId second = pledges.apply("GBR-02");
    assertThat(pledges.apply("GBR-02")).isSameAs(second);
    // past the limit: still right, no longer remembered
    PledgeId third = pledges.apply("GBR-03");
    assertThat(pledges.apply("GBR-03")).isEqualTo(third).isNotSameAs(third);
    assertThat(pledges.size()).isEqualTo(2);
  }

  @Test
  void the_factory_still_checks_the_text_and_nothing_invalid_is_remembered() {
    Interner<PartyCode> parties = new Interner<>(PartyCode::new, 10);
    assertThatThrownBy(() -> parties.apply("gbr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("three capital letters");
    assertThat(parties.size()).isZero();
  }

  @Test
  void the_mapper_decodes_party_codes_to_shared_instances_and_still_names_a_bad_one()
      throws Exception {
    PartyCode[] codes = Json.mapper().readValue("[\"GBR\",\"POL\",\"GBR\"]", PartyCode[].class);
    assertThat(codes[0]).isSameAs(codes[2]).isEqualTo(PartyCode.of("GBR"));
    assertThat(codes[1]).isEqualTo(PartyCode.of("POL"));
    assertThatThrownBy(() -> Json.mapper().readValue("\"Gb\"", PartyCode.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("three capital letters, was Gb");
  }
}
