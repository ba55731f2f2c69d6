package org.guarantor.engine.credibility;

import static org.assertj.core.api.Assertions.assertThat;

import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.codec.Json;
import org.guarantor.engine.scenario.TreatyFile;
import org.junit.jupiter.api.Test;

class CredibilityTest {
  static final Atlas ATLAS = NaturalEarthAtlas.load();
  static final Treaty BUNDLED = TreatyFile.bundled();

  @Test
  void theSameSeedGivesTheSameReportOnAnyNumberOfThreads() throws Exception {
    Options o = Options.defaults().withCriticalRuns(5);
    long t0 = System.nanoTime();
    CredibilityReport one = Credibility.run(BUNDLED, ATLAS, 40, 7, o.withThreads(1));
    System.out.println("1 thread: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    CredibilityReport two = Credibility.run(BUNDLED, ATLAS, 40, 7, o.withThreads(2));
    String a = Json.mapper().writeValueAsString(one);
    System.out.println(a);
    assertThat(Json.mapper().writeValueAsString(two)).isEqualTo(a);
    assertThat(one.lines()).isPositive();
    assertThat(one.onTime()).isBetween(0.0, 1.0);
  }
}
