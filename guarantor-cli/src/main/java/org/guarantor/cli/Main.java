package org.guarantor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code guarantor} command. */
@Command(
    name = "guarantor",
    mixinStandardHelpOptions = true,
    version = "guarantor 0.1.0",
    description = "Dispatch for a multilateral security-guarantee treaty: a 911 for states.",
    subcommands = {
      ServeCommand.class,
      VerifyCommand.class,
      TerritoryCommand.class,
      TreatyCommand.class,
      AmendmentCommand.class,
      AmendmentCommand.Certify.class,
      AmendmentCommand.Certifications.class,
      PlanCommand.class,
      CredibilityCommand.class,
      ClientCommands.Report.class,
      ClientCommands.Incidents.class,
      ClientCommands.Incident.class,
      ClientCommands.Taskings.class,
      ClientCommands.Acknowledge.class,
      ClientCommands.Decline.class,
      ClientCommands.Mobilising.class,
      ClientCommands.Delivered.class,
      ClientCommands.Resolve.class,
      ClientCommands.StandDown.class,
      ClientCommands.Replan.class,
      ExerciseClockCommand.class,
      KeysCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(
            (e, line, parsed) -> {
              if (e instanceof Failure f) {
                if (f.getMessage() != null) {
                  System.err.println(f.getMessage());
                }
                return f.exit();
              }
              throw e;
            })
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
