package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code guarantor exercise-clock} as the secretariat runs an exercise. */
class ExerciseClockCommandTest {
  private static final Instant START = Instant.parse("2026-12-05T08:00:00Z");

  @TempDir Path data;
  GuarantorServer server;

  @BeforeEach
  void start() {
    server = GuarantorServer.start(ServerConfig.local(0, data).exercise(START));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRun clock(String party, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "exercise-clock";
    all[1] = "--server=http://127.0.0.1:" + server.port();
    all[2] = "--key=" + data.resolve("demo-keys").resolve(party + ".jwk");
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRun.of(all);
  }

  @Test
  void the_secretariat_moves_the_clock_and_anyone_reads_it() {
    CliRun before = clock("POL");
    assertThat(before.exit()).as(before.err()).isZero();
    assertThat(before.out()).startsWith("exercise clock at 2026-12-05 08:00Z; ");

    CliRun moved = clock("SEC", "--advance=PT2H");
    assertThat(moved.exit()).as(moved.err()).isZero();
    assertThat(moved.out()).startsWith("exercise clock at 2026-12-05 10:00Z; ");

    CliRun to = clock("SEC", "--to=2026-12-05T12:30:00Z");
    assertThat(to.out()).startsWith("exercise clock at 2026-12-05 12:30Z; ");
  }

  @Test
  void a_guarantor_may_not_move_it() {
    CliRun r = clock("POL", "--advance=PT2H");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("refused (HTTP 403");
    assertThat(clock("SEC").out()).startsWith("exercise clock at 2026-12-05 08:00Z; ");
  }
}
