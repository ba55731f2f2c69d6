package org.guarantor.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guarantor serve}: runs the service until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the server (the bundled scenario on the embedded database by default).")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Interface to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--data",
      defaultValue = "data",
      description = "Data folder of the embedded database (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--db",
      description =
          "JDBC URL of the event log instead of the embedded database, e.g. jdbc:postgresql://127.0.0.1/guarantor?user=…")
  String jdbcUrl;

  @Option(
      names = "--scenario",
      description =
          "Treaty file to load into an empty data folder instead of the bundled scenario.")
  Path scenario;

  @Override
  public Integer call() throws InterruptedException {
    GuarantorServer server =
        GuarantorServer.start(
            new ServerConfig(host, port, data, jdbcUrl, scenario, Clock.systemUTC()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "guarantor-shutdown"));
    System.out.println(
        "Guarantor is serving on http://" + host + ":" + server.port() + "/ (Ctrl-C to stop)");
    stopped.await();
    return 0;
  }
}
