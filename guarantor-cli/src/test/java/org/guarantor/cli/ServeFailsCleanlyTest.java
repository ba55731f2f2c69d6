package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code serve} that cannot start says why in one line and leaves no empty database behind: what
 * it created for the attempt (the data folder, the database file) it removes; what was there before
 * it leaves alone.
 */
class ServeFailsCleanlyTest {
  @Test
  void a_bad_scenario_leaves_no_data_folder(@TempDir Path tmp) throws Exception {
    Path scenario = tmp.resolve("treaty.json");
    Files.writeString(scenario, "{\"id\": 42");
    Path data = tmp.resolve("data");

    CliRun run =
        CliRun.of(
            "serve",
            "--port",
            "0",
            "--data",
            data.toString(),
            "--scenario",
            scenario.toString(),
            "--replan-budget",
            "PT0S");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("treaty.json").doesNotContain("\tat ");
    assertThat(data).doesNotExist();
  }

  @Test
  void a_port_in_use_is_one_line_and_exit_1_and_removes_the_database_it_made(@TempDir Path tmp)
      throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("notes.txt"), "kept");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      CliRun run =
          CliRun.of(
              "serve",
              "--port",
              Integer.toString(port),
              "--data",
              data.toString(),
              "--demo",
              "--replan-budget",
              "PT0S");

      assertThat(run.exit()).isEqualTo(1);
      // The server's log lines go to stderr too; the refusal is one line of its own, no trace.
      assertThat(run.err()).doesNotContain("\tat ");
      assertThat(run.err().lines())
          .contains(
              "guarantor serve: port "
                  + port
                  + " on 127.0.0.1 is already in use; stop what holds it or choose another with"
                  + " --port (0 = any free port)");
    }
    // The database and the demonstration keys were this start's; the notes were there before.
    try (var files = Files.list(data)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
    }
  }
}
