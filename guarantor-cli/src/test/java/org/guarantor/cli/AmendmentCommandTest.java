package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amending the bundled treaty from the command line, as the parties' desks would: the secretariat
 * proposes a shorter acknowledgement deadline, the parties vote, the versions and their diff show
 * it, and the secretariat renews a certification.
 */
class AmendmentCommandTest {
  @TempDir Path data;
  GuarantorServer server;

  @BeforeEach
  void start() {
    server = GuarantorServer.start(ServerConfig.local(0, data));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRun run(String party, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server=http://127.0.0.1:" + server.port());
    all.add("--key=" + data.resolve("demo-keys").resolve(party + ".jwk"));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void the_parties_amend_the_treaty_and_see_what_changed() throws Exception {
    Path changes = data.resolve("deadline.json");
    Files.writeString(changes, "{\"acknowledgementDeadline\": \"PT30M\"}");

    CliRun proposed =
        run(
            "SEC",
            "amendment",
            "propose",
            changes.toString(),
            "--title=Acknowledge within 30 minutes");
    assertThat(proposed.exit()).as(proposed.err()).isZero();
    assertThat(proposed.out())
        .contains("AMD-000001  PENDING  Acknowledge within 30 minutes")
        .contains("0 of 7 guarantor approvals");

    CliRun pending = run("POL", "amendment", "list", "--pending");
    assertThat(pending.out()).contains("AMD-000001").contains("0/7 consent pending");

    for (String party : List.of("GBR", "USA", "FRA", "TUR", "DEU", "CAN", "ITA")) {
      CliRun v = run(party, "amendment", "vote", "AMD-000001", "--approve");
      assertThat(v.exit()).as(party + ": " + v.err()).isZero();
    }
    CliRun last = run("UKR", "amendment", "vote", "AMD-000001", "--approve");
    assertThat(last.out()).contains("ADOPTED").contains("adopted as version 2");

    CliRun twice = run("POL", "amendment", "vote", "AMD-000001", "--reject");
    assertThat(twice.exit()).isNotZero();
    assertThat(twice.err()).contains("ADOPTED");

    CliRun versions = run("POL", "treaty", "versions");
    assertThat(versions.out()).contains("AMD-000001").contains("Acknowledge within 30 minutes");
    CliRun diff = run("POL", "treaty", "diff", "1", "2");
    assertThat(diff.out())
        .contains("version 1 → 2: 1 changes")
        .contains("changed /acknowledgementDeadline: \"PT1H\" → \"PT30M\"");
  }

  @Test
  void the_secretariat_renews_a_certification_and_a_guarantor_sees_it() {
    CliRun refused =
        run(
            "POL",
            "certify",
            "POL-01",
            "--inspected=2026-11-30",
            "--until=2030-01-01T00:00:00Z",
            "--evidence=INSP-2026-0017");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("may not certify pledges");

    CliRun certified =
        run(
            "SEC",
            "certify",
            "POL-01",
            "--inspected=2026-11-30",
            "--until=2030-01-01T00:00:00Z",
            "--evidence=INSP-2026-0017");
    assertThat(certified.exit()).as(certified.err()).isZero();
    assertThat(certified.out()).contains("POL-01  CERTIFIED until 2030-01-01");

    CliRun mine = run("POL", "certifications", "--guarantor=POL");
    assertThat(mine.out())
        .contains("The treaty counts a pledge only while it is certified.")
        .contains("INSP-2026-0017");
  }
}
