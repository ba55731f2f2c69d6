package org.guarantor.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.scenario.TreatyFile;
import org.guarantor.engine.scenario.TreatyProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code guarantor treaty validate FILE}: every problem of a treaty file, one line each. */
@Command(
    name = "treaty",
    mixinStandardHelpOptions = true,
    description = "Treaty files, and the versions of the treaty a server holds.",
    subcommands = {
      TreatyCommand.Validate.class,
      AmendmentCommand.Versions.class,
      AmendmentCommand.Diff.class
    })
final class TreatyCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check a treaty file: every problem, one line each (pointer: code: message; the codes are"
            + " in docs/treaty-file.md). No server needed.",
        "Exit 0 when it has none, 1 when it has any, 2 when the file cannot be read."
      })
  static final class Validate implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The treaty file (JSON).")
    Path file;

    @Override
    public Integer call() throws Failure {
      List<TreatyProblem> problems = problems(file);
      if (!problems.isEmpty()) {
        problems.forEach(p -> System.out.println(p.line()));
        System.err.println(
            file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        return Failure.REFUSED;
      }
      Treaty t = TreatyFile.read(file);
      System.out.println(
          file
              + ": valid: treaty "
              + t.id()
              + " v"
              + t.version()
              + ", "
              + t.parties().size()
              + " parties, "
              + t.hubs().size()
              + " hubs, "
              + t.pledges().size()
              + " pledges, "
              + t.plans().size()
              + " plans");
      return 0;
    }
  }

  /**
   * The treaty of a file given on the command line (serve --scenario, territory check --scenario),
   * or a refusal that prints every problem of the file, one line each.
   */
  static Treaty read(Path file) throws Failure {
    List<TreatyProblem> problems = problems(file);
    if (!problems.isEmpty()) {
      StringBuilder sb =
          new StringBuilder(file.toString())
              .append(": not a valid treaty file (")
              .append(problems.size())
              .append(problems.size() == 1 ? " problem" : " problems")
              .append("; guarantor treaty validate says the same):");
      problems.forEach(p -> sb.append("\n  ").append(p.line()));
      throw Failure.input(sb.toString());
    }
    return TreatyFile.read(file);
  }

  private static List<TreatyProblem> problems(Path file) throws Failure {
    try {
      return TreatyFile.check(file, NaturalEarthAtlas.load());
    } catch (NoSuchFileException e) {
      throw Failure.input(file + ": cannot read: no such file");
    } catch (AccessDeniedException e) {
      throw Failure.input(file + ": cannot read: permission denied");
    } catch (IOException e) {
      throw Failure.input(file + ": cannot read: " + e.getMessage());
    }
  }
}
