package org.guarantor.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.territory.TerritoryDefinition;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.codec.Json;
import org.junit.jupiter.api.Test;

/** The territory part of a treaty file: what docs/territory.md promises a reader may leave out. */
class TreatyFileTerritoryTest {
  private static ObjectNode bundledTree() throws Exception {
    try (InputStream in = TreatyFile.class.getResourceAsStream(TreatyFile.BUNDLED)) {
      return (ObjectNode) Json.mapper().readTree(in);
    }
  }

  private static Treaty read(ObjectNode tree) {
    return TreatyFile.read(
        new ByteArrayInputStream(tree.toString().getBytes(StandardCharsets.UTF_8)), "treaty.json");
  }

  @Test
  void watersNm_left_out_is_the_12_nm_territorial_sea() throws Exception {
    ObjectNode tree = bundledTree();
    ((ObjectNode) tree.get("territory")).remove("watersNm");

    assertThat(read(tree).territory().watersNm())
        .isEqualTo(TerritoryDefinition.DEFAULT_WATERS_NM)
        .isEqualTo(12.0);
  }

  @Test
  void watersNm_as_written_is_kept() throws Exception {
    ObjectNode tree = bundledTree();
    ((ObjectNode) tree.get("territory")).put("watersNm", 0);

    assertThat(read(tree).territory().watersNm()).isZero();
  }

  @Test
  void a_file_without_watersNm_has_no_problem() throws Exception {
    ObjectNode tree = bundledTree();
    ((ObjectNode) tree.get("territory")).remove("watersNm");

    assertThat(TreatyFile.check(tree, NaturalEarthAtlas.load())).isEmpty();
    assertThat(tree.get("territory").has("watersNm"))
        .as("the caller's tree is not changed")
        .isFalse();
  }

  @Test
  void the_georgia_scenario_has_no_problem_and_names_abkhazia_by_its_iso_code() throws Exception {
    try (InputStream in = TreatyFile.class.getResourceAsStream("/scenarios/georgia.json")) {
      assertThat(TreatyFile.check(in, NaturalEarthAtlas.load())).isEmpty();
    }
    try (InputStream in = TreatyFile.class.getResourceAsStream("/scenarios/georgia.json")) {
      Treaty georgia = TreatyFile.read(in, "georgia.json");
      assertThat(georgia.territory().include()).containsExactly("GEO");
      assertThat(georgia.territory().exclude()).containsExactly("GE-AB");
    }
  }
}
