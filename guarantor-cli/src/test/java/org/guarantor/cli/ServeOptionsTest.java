package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The hardening options of {@code serve}: production defaults, the forms they take, and refusals
 * before anything starts. (Starting a server with them is tested in guarantor-server.)
 */
class ServeOptionsTest {
  static ServeCommand parse(String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    return serve;
  }

  @Test
  void production_defaults() {
    ServeCommand serve = parse();
    assertThat(serve.rateLimit).isEqualTo(20.0);
    assertThat(serve.rateBurst).isEqualTo(200);
    assertThat(serve.streamsPerParty).isEqualTo(32);
    assertThat(serve.corsOrigins).isEmpty();
    assertThat(serve.tlsKeystore).isNull();
    assertThat(serve.logFormat).isEqualTo("human");
  }

  @Test
  void options_as_written() {
    ServeCommand serve =
        parse(
            "--rate-limit", "5/s",
            "--rate-burst", "10",
            "--cors-origin", "https://ops.example",
            "--cors-origin", "http://127.0.0.1:8081",
            "--tls-keystore", "server.p12",
            "--tls-password", "secret",
            "--streams-per-party", "4");
    assertThat(serve.rateLimit).isEqualTo(5.0);
    assertThat(serve.rateBurst).isEqualTo(10);
    assertThat(serve.corsOrigins).containsExactly("https://ops.example", "http://127.0.0.1:8081");
    assertThat(serve.tlsKeystore).isEqualTo(Path.of("server.p12"));
    assertThat(serve.tlsPassword).isEqualTo("secret");
    assertThat(serve.streamsPerParty).isEqualTo(4);
    assertThat(parse("--rate-limit", "0").rateLimit).isZero();
    assertThat(parse("--rate-limit", "0.5/s").rateLimit).isEqualTo(0.5);
  }

  @Test
  void refusals_say_why_before_anything_starts(@TempDir Path data) {
    CliRun rate = CliRun.of("serve", "--data", data.toString(), "--rate-limit", "fast");
    assertThat(rate.exit()).isEqualTo(2);
    assertThat(rate.err()).contains("'fast' is not a rate");

    CliRun shortToken = CliRun.of("serve", "--data", data.toString(), "--metrics-token", "abc");
    assertThat(shortToken.exit()).isEqualTo(2);
    assertThat(shortToken.err()).contains("a metrics token must have at least 16 characters");

    CliRun any = CliRun.of("serve", "--data", data.toString(), "--cors-origin", "*");
    assertThat(any.exit()).isEqualTo(2);
    assertThat(any.err()).contains("'*' is refused");

    CliRun burst = CliRun.of("serve", "--data", data.toString(), "--rate-burst", "0");
    assertThat(burst.exit()).isEqualTo(2);
    assertThat(burst.err()).contains("burst of at least 1");

    // Nothing was opened.
    assertThat(data).isEmptyDirectory();
  }
}
