package org.guarantor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.guarantor.engine.codec.Json;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code guarantor amendment …}: propose an amendment, list and read proposals, and vote; the
 * treaty's versions and what changed between two; pledges' certifications. See docs/amendments.md.
 */
@Command(
    name = "amendment",
    mixinStandardHelpOptions = true,
    description = "Amend the treaty under its own rule: propose, list, show, vote.",
    subcommands = {
      AmendmentCommand.Propose.class,
      AmendmentCommand.ListProposals.class,
      AmendmentCommand.Show.class,
      AmendmentCommand.Vote.class
    })
final class AmendmentCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "propose",
      mixinStandardHelpOptions = true,
      description = {
        "Propose an amendment: FILE holds its changes as JSON, in the treaty file's shape"
            + " (accessions, hubs, pledges, withdrawPledges, plans, territory, deadlines,"
            + " consequences; see docs/amendments.md).",
        "The parties the treaty's rule names then vote on it."
      })
  static final class Propose implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(index = "0", paramLabel = "FILE", description = "The changes (JSON object).")
    Path file;

    @Option(names = "--title", required = true, description = "What it does, in a line.")
    String title;

    @Option(
        names = "--effective",
        paramLabel = "TIME",
        description = "When it should take effect (ISO 8601 UTC); default: once adopted.")
    String effective;

    @Override
    public Integer call() throws Failure {
      JsonNode changes;
      try {
        changes = Json.mapper().readTree(Files.readString(file));
      } catch (IOException e) {
        throw Failure.input(file + ": cannot read it as JSON: " + e.getMessage());
      }
      ObjectNode body = Json.mapper().createObjectNode();
      body.put("title", title);
      body.set("amendment", changes);
      if (effective != null) {
        body.put("effectiveFrom", effective);
      }
      return client.change(
          "POST", "/api/v1/amendments", body.toString(), AmendmentCommand::proposal);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Proposals, newest first (parties only).")
  static final class ListProposals implements Callable<Integer> {
    @Mixin Client client;

    @Option(names = "--pending", description = "Only those still being voted on.")
    boolean pending;

    @Override
    public Integer call() throws Failure {
      return client.read(
          "/api/v1/amendments" + (pending ? "?status=PENDING" : ""), AmendmentCommand::proposals);
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One proposal.")
  static final class Show implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws Failure {
      return client.read("/api/v1/amendments/" + id, AmendmentCommand::proposal);
    }
  }

  @Command(
      name = "vote",
      mixinStandardHelpOptions = true,
      description = "Vote on a pending proposal, as a party the treaty's rule names.")
  static final class Vote implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(paramLabel = "ID")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
      @Option(names = "--approve", required = true)
      boolean approve;

      @Option(names = "--reject", required = true)
      boolean reject;
    }

    @Override
    public Integer call() throws Failure {
      return client.change(
          "POST",
          "/api/v1/amendments/" + id + "/vote",
          "{\"approve\":" + choice.approve + "}",
          AmendmentCommand::proposal);
    }
  }

  // ---- rendering ------------------------------------------------------------------------------

  static String proposals(JsonNode page) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "STATUS", "VOTES", "TITLE"});
    for (JsonNode p : page.path("items")) {
      rows.add(
          new String[] {
            p.path("id").asText(),
            p.path("status").asText(),
            p.path("approvals").asInt()
                + "/"
                + p.path("approvalsNeeded").asInt()
                + (p.path("consentNeeded").asBoolean()
                    ? " consent " + consent(p.path("consent"))
                    : ""),
            p.path("title").asText()
          });
    }
    return page.path("items").isEmpty() ? "no proposals\n" : Render.table(rows);
  }

  static String proposal(JsonNode p) {
    StringBuilder out = new StringBuilder();
    out.append(p.path("id").asText())
        .append("  ")
        .append(p.path("status").asText())
        .append("  ")
        .append(p.path("title").asText())
        .append('\n');
    out.append("  proposed by ")
        .append(p.path("proposer").asText())
        .append(" at ")
        .append(Render.time(p.path("proposedAt")))
        .append(" on version ")
        .append(p.path("baseVersion").asInt())
        .append("; effective from ")
        .append(Render.time(p.path("effectiveFrom")))
        .append('\n');
    out.append("  rule: ")
        .append(p.path("rule").asText())
        .append(" — ")
        .append(p.path("approvals").asInt())
        .append(" of ")
        .append(p.path("approvalsNeeded").asInt())
        .append(" guarantor approvals, ")
        .append(p.path("rejections").asInt())
        .append(" against")
        .append(
            p.path("consentNeeded").asBoolean() ? "; consent " + consent(p.path("consent")) : "")
        .append('\n');
    for (JsonNode v : p.path("votes")) {
      out.append("  ")
          .append(v.path("party").asText())
          .append(v.path("approve").asBoolean() ? " approved" : " rejected")
          .append(" at ")
          .append(Render.time(v.path("at")))
          .append('\n');
    }
    if (!p.path("awaiting").isEmpty()) {
      List<String> waiting = new ArrayList<>();
      p.path("awaiting").forEach(a -> waiting.add(a.asText()));
      out.append("  awaiting: ").append(String.join(", ", waiting)).append('\n');
    }
    if (!p.path("adoptedVersion").isNull() && !p.path("adoptedVersion").isMissingNode()) {
      out.append("  adopted as version ").append(p.path("adoptedVersion").asInt()).append('\n');
    }
    if (!p.path("decision").asText().isEmpty()) {
      out.append("  ").append(p.path("decision").asText()).append('\n');
    }
    if (p.path("mayVote").asBoolean()) {
      out.append("  you may vote: guarantor amendment vote ")
          .append(p.path("id").asText())
          .append(" --approve | --reject\n");
    }
    return out.toString();
  }

  private static String consent(JsonNode c) {
    return c.isBoolean() ? (c.asBoolean() ? "given" : "refused") : "pending";
  }

  /** {@code guarantor certify PLEDGE …}: the secretariat certifies a pledge after inspection. */
  @Command(
      name = "certify",
      mixinStandardHelpOptions = true,
      description = "Certify a pledge after inspecting it (the secretariat).")
  static final class Certify implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(paramLabel = "PLEDGE")
    String pledge;

    @Option(
        names = "--inspected",
        required = true,
        paramLabel = "DATE",
        description = "e.g. 2026-11-30")
    String inspected;

    @Option(names = "--until", required = true, paramLabel = "TIME", description = "ISO 8601 UTC")
    String until;

    @Option(
        names = "--evidence",
        required = true,
        description = "Reference to the inspection report.")
    String evidence;

    @Override
    public Integer call() throws Failure {
      ObjectNode body = Json.mapper().createObjectNode();
      body.put("inspectedOn", inspected).put("validUntil", until).put("evidence", evidence);
      return client.change(
          "POST",
          "/api/v1/pledges/" + pledge + "/certify",
          body.toString(),
          AmendmentCommand::certificationLine);
    }
  }

  /** {@code guarantor certifications [--expiring]}: where each pledge's certification stands. */
  @Command(
      name = "certifications",
      mixinStandardHelpOptions = true,
      description =
          "Each pledge's certification: CERTIFIED, EXPIRING (renew it), EXPIRED, UNCERTIFIED.")
  static final class Certifications implements Callable<Integer> {
    @Mixin Client client;

    @Option(names = "--status", description = "Only CERTIFIED, EXPIRING, EXPIRED or UNCERTIFIED.")
    String status;

    @Option(names = "--guarantor", description = "Only this guarantor's pledges.")
    String guarantor;

    @Override
    public Integer call() throws Failure {
      StringBuilder q = new StringBuilder();
      if (status != null) {
        q.append(q.length() == 0 ? '?' : '&').append("status=").append(status);
      }
      if (guarantor != null) {
        q.append(q.length() == 0 ? '?' : '&').append("guarantor=").append(guarantor);
      }
      return client.read("/api/v1/certifications" + q, AmendmentCommand::certifications);
    }
  }

  static String certificationLine(JsonNode c) {
    return c.path("pledge").asText()
        + "  "
        + c.path("status").asText()
        + (c.path("validUntil").isTextual() ? " until " + Render.time(c.path("validUntil")) : "")
        + (c.path("counts").asBoolean() ? "" : "  (does not count for allocation)")
        + "\n";
  }

  static String certifications(JsonNode page) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PLEDGE", "GUARANTOR", "STATUS", "VALID UNTIL", "COUNTS", "EVIDENCE"});
    for (JsonNode c : page.path("items")) {
      rows.add(
          new String[] {
            c.path("pledge").asText(),
            c.path("guarantor").asText(),
            c.path("status").asText(),
            c.path("validUntil").isTextual() ? Render.time(c.path("validUntil")) : "-",
            c.path("counts").asBoolean() ? "yes" : "no",
            c.path("evidence").asText("-")
          });
    }
    return (page.path("required").asBoolean()
            ? "The treaty counts a pledge only while it is certified.\n"
            : "The treaty does not require certification.\n")
        + Render.table(rows);
  }

  /** {@code guarantor treaty versions}: every version and which is in force. */
  @Command(
      name = "versions",
      mixinStandardHelpOptions = true,
      description = "The treaty's versions.")
  static final class Versions implements Callable<Integer> {
    @Mixin Client client;

    @Override
    public Integer call() throws Failure {
      return client.read(
          "/api/v1/treaty/versions",
          page -> {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"VERSION", "EFFECTIVE FROM", "IN FORCE", "BY", "TITLE"});
            for (JsonNode v : page.path("items")) {
              rows.add(
                  new String[] {
                    v.path("version").asText(),
                    Render.time(v.path("effectiveFrom")),
                    v.path("inForce").asBoolean() ? "yes" : "",
                    v.path("amendment").asText("-"),
                    v.path("title").asText("")
                  });
            }
            return Render.table(rows);
          });
    }
  }

  /** {@code guarantor treaty diff FROM [TO]}: what changed between two versions. */
  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      description = "What changed between two versions (TO defaults to the version in force).")
  static final class Diff implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(index = "0", paramLabel = "FROM")
    int from;

    @Parameters(index = "1", paramLabel = "TO", arity = "0..1")
    Integer to;

    @Override
    public Integer call() throws Failure {
      return client.read(
          "/api/v1/treaty/diff?from=" + from + (to == null ? "" : "&to=" + to),
          d -> {
            StringBuilder out = new StringBuilder();
            out.append("version ")
                .append(d.path("from").asInt())
                .append(" → ")
                .append(d.path("to").asInt())
                .append(": ")
                .append(d.path("changes").size())
                .append(" changes\n");
            for (JsonNode c : d.path("changes")) {
              out.append("  ")
                  .append(c.path("kind").asText())
                  .append(' ')
                  .append(c.path("path").asText());
              if (c.path("kind").asText().equals("changed")) {
                out.append(": ").append(c.path("before")).append(" → ").append(c.path("after"));
              }
              out.append('\n');
            }
            return out.toString();
          });
    }
  }
}
