package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.guarantor.domain.dispatch.DispatchPropertiesTest.Run;
import org.guarantor.domain.dispatch.DispatchPropertiesTest.Snapshot;
import org.guarantor.domain.dispatch.DispatchPropertiesTest.Step;
import org.guarantor.domain.treaty.TestTreaty;

/**
 * A state image stands in for the events it was taken after: over the random command scripts of
 * {@link DispatchPropertiesTest}, restoring the image taken at any cut of the log and applying the
 * rest gives the state that a full replay gives, and the live state's image restores to a state
 * whose image is the same value.
 */
class StateImagePropertiesTest {

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void restoring_an_image_at_any_cut_and_replaying_the_rest_equals_a_full_replay(
      @ForAll("scripts") List<Step> script,
      @ForAll boolean corroboration,
      @ForAll @IntRange(min = 0, max = 1000) int cut) {
    Run run =
        new Run(
            corroboration ? TestTreaty.corroborating(2, Duration.ofHours(6)) : TestTreaty.treaty());
    script.forEach(run::step);
    int at = cut % (run.events.size() + 1);

    DispatchState prefix = new DispatchState(TestTreaty.atlas());
    run.events.subList(0, at).forEach(prefix::evolve);
    StateImage image = prefix.image();
    DispatchState restored = DispatchState.restore(TestTreaty.atlas(), image);
    assertThat(restored.image()).as("image of the restored state").isEqualTo(image);
    assertThat(Snapshot.of(restored)).isEqualTo(Snapshot.of(prefix));

    run.events.subList(at, run.events.size()).forEach(restored::evolve);
    assertThat(Snapshot.of(restored)).isEqualTo(Snapshot.of(run.live));
    assertThat(restored.ledger().snapshot()).isEqualTo(run.live.ledger().snapshot());
    assertThat(restored.image()).isEqualTo(run.live.image());
    for (var i : run.live.incidents()) {
      for (var t : i.taskings()) {
        assertThat(restored.incidentOfTasking(t.id())).as("tasking index").contains(i);
      }
      assertThat(restored.incidentForKey(i.reporter(), i.key())).contains(i.id());
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<Step>> scripts() {
    return new DispatchPropertiesTest().scripts();
  }
}
