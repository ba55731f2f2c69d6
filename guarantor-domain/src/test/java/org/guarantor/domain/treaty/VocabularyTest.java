package org.guarantor.domain.treaty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Unit;
import org.junit.jupiter.api.Test;

class VocabularyTest {

  @Test
  void the_bundled_vocabulary_is_what_the_enums_were_in_their_order() {
    Vocabulary v = Vocabulary.DEFAULT;

    assertThat(v.threatTypeCodes())
        .extracting(ThreatType::code)
        .containsExactly(
            "AIR_ATTACK", "GROUND_INVASION", "MARITIME_BLOCKADE", "CYBER_ATTACK", "SABOTAGE");
    assertThat(v.unitCodes())
        .extracting(Unit::code)
        .containsExactly(
            "PERSONNEL", "SYSTEMS", "SORTIES", "ITEMS", "ROUNDS", "FEEDS", "ISR_HOURS", "SLOTS");
    assertThat(v.capabilityCodes())
        .extracting(Capability::code)
        .containsExactly("ARMED_FORCES", "AIR_DEFENCE", "WEAPONS", "INTELLIGENCE", "TRAINING");
    assertThat(v.unitsOf(Capability.ARMED_FORCES)).containsExactly(Unit.PERSONNEL);
    assertThat(v.unitsOf(Capability.AIR_DEFENCE)).containsExactly(Unit.SYSTEMS, Unit.SORTIES);
    assertThat(v.unitsOf(Capability.WEAPONS)).containsExactly(Unit.ITEMS, Unit.ROUNDS);
    assertThat(v.unitsOf(Capability.INTELLIGENCE)).containsExactly(Unit.FEEDS, Unit.ISR_HOURS);
    assertThat(v.unitsOf(Capability.TRAINING)).containsExactly(Unit.SLOTS);
  }

  @Test
  void a_capability_is_counted_in_its_own_units_only() {
    assertThat(Vocabulary.DEFAULT.countsIn(Capability.AIR_DEFENCE, Unit.SYSTEMS)).isTrue();
    assertThat(Vocabulary.DEFAULT.countsIn(Capability.AIR_DEFENCE, Unit.SORTIES)).isTrue();
    assertThat(Vocabulary.DEFAULT.countsIn(Capability.AIR_DEFENCE, Unit.PERSONNEL)).isFalse();
    assertThat(Vocabulary.DEFAULT.countsIn(TestTreaty.DEMINING, TestTreaty.TEAMS)).isFalse();
    assertThat(TestTreaty.DEMINING_WORDS.countsIn(TestTreaty.DEMINING, TestTreaty.TEAMS)).isTrue();
  }

  @Test
  void only_units_flagged_so_count_people() {
    assertThat(Vocabulary.DEFAULT.countsPeople(Unit.PERSONNEL)).isTrue();
    assertThat(Vocabulary.DEFAULT.countsPeople(Unit.SYSTEMS)).isFalse();
    assertThat(TestTreaty.DEMINING_WORDS.countsPeople(TestTreaty.TEAMS)).isFalse();
    assertThat(TestTreaty.DEMINING_WORDS.countsPeople(Unit.PERSONNEL))
        .as("not declared there")
        .isFalse();
  }

  @Test
  void an_amendment_appends_its_words_list_by_list() {
    Vocabulary more =
        new Vocabulary(
            List.of(new Vocabulary.ThreatTypeTerm(ThreatType.of("FLOOD"), "Flood")),
            List.of(),
            List.of(
                new Vocabulary.CapabilityTerm(
                    Capability.of("MEDICAL"), null, List.of(Unit.PERSONNEL))));

    Vocabulary v = Vocabulary.DEFAULT.plus(more);

    assertThat(v.threatTypeCodes()).hasSize(6).last().isEqualTo(ThreatType.of("FLOOD"));
    assertThat(v.unitCodes()).isEqualTo(Vocabulary.DEFAULT.unitCodes());
    assertThat(v.countsIn(Capability.of("MEDICAL"), Unit.PERSONNEL)).isTrue();
  }

  @Test
  void a_code_is_a_capital_then_up_to_39_capitals_digits_or_underscores() {
    assertThat(Capability.of("C4ISR_2").code()).isEqualTo("C4ISR_2");
    assertThat(Unit.of("A" + "B".repeat(39)).code()).hasSize(40);
    for (String bad : List.of("", "demining", "_TEAMS", "4X", "TEAMS ", "A" + "B".repeat(40))) {
      assertThatThrownBy(() -> Unit.of(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unit code");
    }
    assertThatThrownBy(() -> ThreatType.of(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void codes_sort_in_the_old_enum_order_first_then_by_code() {
    TreeSet<ThreatType> sorted =
        new TreeSet<>(
            List.of(
                ThreatType.of("HYBRID_ATTACK"),
                ThreatType.SABOTAGE,
                ThreatType.of("FLOOD"),
                ThreatType.CYBER_ATTACK,
                ThreatType.GROUND_INVASION));

    assertThat(sorted)
        .extracting(ThreatType::code)
        .containsExactly("GROUND_INVASION", "CYBER_ATTACK", "SABOTAGE", "FLOOD", "HYBRID_ATTACK");
  }
}
