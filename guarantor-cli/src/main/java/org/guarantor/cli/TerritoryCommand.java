package org.guarantor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.scenario.TreatyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code guarantor territory check LAT LON}: is a place covered by a treaty? No server needed. */
@Command(
    name = "territory",
    mixinStandardHelpOptions = true,
    description = "Covered territory of a treaty file.",
    subcommands = {TerritoryCommand.Check.class})
final class TerritoryCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Answer whether a point is in the covered territory, with the reason. Exit 0 when in scope, 1 when out.")
  static final class Check implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LAT", description = "Latitude, -90 to 90.")
    double lat;

    @Parameters(index = "1", paramLabel = "LON", description = "Longitude, -180 to 180.")
    double lon;

    @Option(names = "--scenario", description = "Treaty file (default: the bundled scenario).")
    Path scenario;

    @Override
    public Integer call() throws Failure {
      if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
        System.err.println(
            "latitude must be in [-90, 90] and longitude in [-180, 180], were " + lat + ", " + lon);
        return 2;
      }
      Treaty treaty = scenario != null ? TreatyCommand.read(scenario) : TreatyFile.bundled();
      CoveredTerritory t = CoveredTerritory.build(NaturalEarthAtlas.load(), treaty.territory());
      ScopeAnswer a = t.check(lat, lon);
      System.out.println(a.explanation() + "  [territory " + treaty.territory().version() + "]");
      return a.inScope() ? 0 : 1;
    }
  }
}
