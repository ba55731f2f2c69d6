package org.guarantor.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
}
