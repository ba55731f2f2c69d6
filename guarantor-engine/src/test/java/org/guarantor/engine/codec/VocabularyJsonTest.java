package org.guarantor.engine.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Caveats;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.treaty.Amendment;
import org.guarantor.domain.treaty.HubId;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.domain.treaty.Vocabulary;
import org.guarantor.engine.scenario.TreatyFile;
import org.junit.jupiter.api.Test;

/**
 * Threat types, capabilities and units were enums, written as their names; as codes of a treaty's
 * vocabulary they must be written exactly so, or the events of logs stored before would no longer
 * re-encode to the bytes their hash chain was made over.
 */
class VocabularyJsonTest {
  private static final Instant AT = Instant.parse("2025-03-01T08:00:00Z");
  private final EventCodec codec = new EventCodec();

  @Test
  void a_tasking_of_a_bundled_capability_is_written_as_it_was_when_capabilities_were_enums() {
    DispatchEvent issued =
        new DispatchEvent.TaskingIssued(
            AT,
            IncidentId.number(1),
            TaskingId.number(2),
            1,
            PartyCode.of("GBR"),
            new PledgeId("GBR-AD-1"),
            new HubId("GB-BZN"),
            Capability.AIR_DEFENCE,
            Quantity.of(4, Unit.SYSTEMS),
            AT.plus(Duration.ofHours(1)),
            AT.plus(Duration.ofHours(12)),
            AT.plus(Duration.ofHours(9)),
            2163.4,
            null);

    String json = codec.encode(issued);

    assertThat(json)
        .isEqualTo(
            "{\"acknowledgeBy\":\"2025-03-01T09:00:00Z\",\"at\":\"2025-03-01T08:00:00Z\","
                + "\"capability\":\"AIR_DEFENCE\",\"deliverBy\":\"2025-03-01T20:00:00Z\","
                + "\"distanceKm\":2163.4,\"estimatedArrival\":\"2025-03-01T17:00:00Z\","
                + "\"guarantor\":\"GBR\",\"hub\":\"GB-BZN\",\"incident\":\"INC-000001\","
                + "\"line\":1,\"pledge\":\"GBR-AD-1\",\"quantity\":{\"amount\":4,\"unit\":"
                + "\"SYSTEMS\"},\"tasking\":\"TSK-000002\",\"why\":{\"alternatives\":[],\"onTime\":0,"
                + "\"rank\":0,\"source\":\"\"}}");
    assertThat(codec.decode("TaskingIssued", json)).isEqualTo(issued);
  }

  @Test
  void a_treaty_in_the_bundled_words_has_no_vocabulary_in_its_json_and_reads_back_the_same() {
    Treaty bundled = TreatyFile.bundled();
    String json = codec.encode(new DispatchEvent.TreatyAdopted(AT, bundled));

    assertThat(json).doesNotContain("vocabulary");
    assertThat(((DispatchEvent.TreatyAdopted) codec.decode("TreatyAdopted", json)).treaty())
        .isEqualTo(bundled);
  }

  @Test
  void caveats_keep_the_order_of_the_old_enum_constants() throws Exception {
    Caveats c =
        new Caveats(
            Set.of(ThreatType.SABOTAGE, ThreatType.CYBER_ATTACK, ThreatType.GROUND_INVASION),
            Set.of(),
            1);

    assertThat(Json.mapper().writeValueAsString(c))
        .isEqualTo(
            "{\"excludedRegions\":[],\"minSeverity\":1,"
                + "\"threatTypes\":[\"GROUND_INVASION\",\"CYBER_ATTACK\",\"SABOTAGE\"]}");
  }

  @Test
  void a_treaty_in_its_own_words_round_trips_with_its_vocabulary() {
    Treaty own = TreatyFile.read(Path.of("src/test/resources/treaties/vocabulary.json"));
    String json = codec.encode(new DispatchEvent.TreatyAdopted(AT, own));

    assertThat(json).contains("\"vocabulary\":{\"capabilities\":[{\"code\":\"DEMINING\"");
    Treaty back = ((DispatchEvent.TreatyAdopted) codec.decode("TreatyAdopted", json)).treaty();
    assertThat(back).isEqualTo(own);
    assertThat(back.vocabulary()).isNotEqualTo(Vocabulary.DEFAULT);
  }

  @Test
  void an_amendment_that_adds_no_words_has_no_vocabulary_in_its_json() throws Exception {
    Amendment none =
        new Amendment(
            null,
            null,
            null,
            List.of(new PledgeId("POL-01")),
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    Pledge demining =
        new Pledge(
            new PledgeId("POL-DEM-1"),
            PartyCode.of("POL"),
            Capability.of("DEMINING"),
            Quantity.of(6, Unit.of("TEAMS")),
            Duration.ofHours(6),
            new HubId("HUB-RZE"),
            null,
            null,
            null,
            null);
    Amendment words =
        new Amendment(
            null,
            null,
            List.of(demining),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new Vocabulary(
                List.of(),
                List.of(new Vocabulary.UnitTerm(Unit.of("TEAMS"), null, false)),
                List.of(
                    new Vocabulary.CapabilityTerm(
                        Capability.of("DEMINING"), "Demining", List.of(Unit.of("TEAMS"))))));

    assertThat(Json.mapper().writeValueAsString(none)).doesNotContain("vocabulary");
    String json = Json.mapper().writeValueAsString(words);
    assertThat(json).contains("\"vocabulary\":{");
    assertThat(Json.mapper().readValue(json, Amendment.class)).isEqualTo(words);
  }
}
