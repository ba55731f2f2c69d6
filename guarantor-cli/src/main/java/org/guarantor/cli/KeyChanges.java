package org.guarantor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.engine.codec.Json;
import org.guarantor.signing.Ed25519;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.SigningKey;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code keys} subcommands that go to the server: key changes, each signed by the key that
 * authorises it (the party's root key, or for a revocation the key itself), and the list of keys.
 */
final class KeyChanges {
  /** The longest an enrolment offer may stay open (the server's own limit). */
  static final Duration MAX_ENROLMENT = Duration.ofDays(7);

  /** 128 bits: a code whose hash the log keeps must not be guessable from it. */
  private static final int CODE_BYTES = 16;

  private KeyChanges() {}

  @Command(
      name = "register",
      mixinStandardHelpOptions = true,
      description =
          "Register a key for the root key's party, signed by that root key: an officer key that"
              + " signs the party's commands, or another root (rotation).")
  static final class Register implements Callable<Integer> {
    @Mixin Server server;

    @Option(
        names = "--root-key",
        required = true,
        paramLabel = "FILE",
        description = "The party's root private key file, e.g. data/demo-keys/POL.root.jwk.")
    Path rootKey;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Public key;

    static final class Public {
      @Option(
          names = "--public",
          paramLabel = "FILE",
          description = "The key file to register (keys new writes <name>.pub.jwk).")
      Path file;

      @Option(
          names = "--public-key",
          paramLabel = "X",
          description = "The public key itself: 43 base64url characters (a JWK's x).")
      String x;
    }

    @Option(
        names = "--role",
        description = "OFFICER or ROOT (default: the file's role, else OFFICER).")
    KeyRole role;

    @Option(names = "--label", description = "Who or what holds it (default: the file's label).")
    String label;

    @Override
    public Integer call() throws Failure {
      SigningKey root = Server.key(rootKey, "--root-key");
      PublicKey publicKey;
      KeyRole fileRole = KeyRole.OFFICER;
      String fileLabel = "";
      if (key.file != null) {
        if (!Files.isRegularFile(key.file)) {
          throw Failure.input("--public " + key.file + ": no such file");
        }
        KeyFiles.PublicJwk j;
        try {
          j = KeyFiles.readPublic(key.file);
        } catch (KeyFiles.BadKeyFile e) {
          throw Failure.input("--public " + e.getMessage());
        }
        // The server registers a key to the party that signs; a file made for another party
        // would otherwise end up as this party's key without a word.
        if (!j.party().equals(root.party())) {
          throw Failure.input(
              "--public "
                  + key.file
                  + " is a key of "
                  + j.party()
                  + ", the root key one of "
                  + root.party()
                  + ": a root registers keys of its own party only");
        }
        publicKey = j.key();
        fileRole = j.role();
        fileLabel = j.label();
      } else if (PublicKey.isValid(key.x)) {
        publicKey = new PublicKey(key.x);
      } else {
        throw Failure.input(
            "--public-key " + key.x + ": expected 43 base64url characters (the x of a JWK)");
      }
      ObjectNode body = Json.mapper().createObjectNode();
      body.put("publicKey", publicKey.x());
      body.put("role", (role != null ? role : fileRole).name());
      body.put("label", label != null ? label : fileLabel);
      return server.print(
          server.signed(root, "POST", "/api/v1/keys", body.toString()),
          k -> "registered " + describe(k) + "\n");
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description =
          "Revoke a key, signed (--key) by the party's root key or by the key itself. It signs"
              + " nothing from then on, and its sessions end.")
  static final class Revoke implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(
        paramLabel = "KEYID",
        description = "The key's id, or the start of it as keys list shows it.")
    String id;

    @Option(names = "--reason", defaultValue = "", description = "Why, for the log.")
    String reason;

    @Override
    public Integer call() throws Failure {
      SigningKey signer = client.signingKey();
      String full = KeyId.isValid(id) ? id : lookUp(id);
      ObjectNode body = Json.mapper().createObjectNode().put("reason", reason);
      return client.server.print(
          client.server.signed(
              signer,
              "POST",
              "/api/v1/keys/" + URLEncoder.encode(full, StandardCharsets.UTF_8) + "/revoke",
              body.toString()),
          k ->
              "revoked "
                  + describe(k)
                  + " at "
                  + Render.time(k.path("revokedAt"))
                  + (k.path("revocationReason").asText("").isEmpty()
                      ? ""
                      : ": " + k.path("revocationReason").asText())
                  + "\n");
    }

    /** The one key whose id starts with {@code prefix}, from the server's list. */
    private String lookUp(String prefix) throws Failure {
      if (prefix.length() < 4) {
        throw Failure.input(
            "KEYID " + prefix + ": give the key's id or at least its first 4 characters");
      }
      JsonNode list = client.server.expect(client.get("/api/v1/keys"), "");
      List<String> found = new ArrayList<>();
      for (JsonNode k : list.path("keys")) {
        if (k.path("id").asText().startsWith(prefix)) {
          found.add(k.path("id").asText());
        }
      }
      if (found.size() != 1) {
        throw Failure.input(
            "KEYID "
                + prefix
                + (found.isEmpty()
                    ? ": no key's id starts so (guarantor keys list shows them)"
                    : ": " + found.size() + " keys' ids start so; give more of it"));
      }
      return found.get(0);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List every key of the log, in force or revoked (public keys are public).")
  static final class ListKeys implements Callable<Integer> {
    @Mixin Client client;

    @Override
    public Integer call() throws Failure {
      return client.read("/api/v1/keys", KeyChanges::table);
    }
  }

  @Command(
      name = "enrol-code",
      mixinStandardHelpOptions = true,
      description =
          "Offer a one-time enrolment code, signed by the party's root key, and print it: whoever"
              + " has it registers one officer key of the party (a key made in a browser, which"
              + " never leaves it). Only the code's SHA-256 goes to the server.")
  static final class EnrolCode implements Callable<Integer> {
    @Mixin Server server;

    @Option(
        names = "--root-key",
        required = true,
        paramLabel = "FILE",
        description = "The party's root private key file.")
    Path rootKey;

    @Option(
        names = "--label",
        defaultValue = "",
        description = "Who the code is for; the enrolled key takes it unless it brings its own.")
    String label;

    @Option(
        names = "--valid",
        defaultValue = "PT1H",
        description =
            "How long the code can be used, ISO 8601 (default ${DEFAULT-VALUE}; at most P7D).")
    Duration valid;

    @Override
    public Integer call() throws Failure {
      if (valid.isNegative() || valid.isZero() || valid.compareTo(MAX_ENROLMENT) > 0) {
        throw Failure.input("--valid " + valid + ": expected more than PT0S and at most P7D");
      }
      SigningKey root = Server.key(rootKey, "--root-key");
      String code = Ed25519.randomText(CODE_BYTES);
      Instant expiresAt = Instant.now().plus(valid).truncatedTo(ChronoUnit.SECONDS);
      ObjectNode body = Json.mapper().createObjectNode();
      body.put("codeHash", PublicKey.sha256(code));
      body.put("label", label);
      body.put("expiresAt", expiresAt.toString());
      Server.Answer a = server.signed(root, "POST", "/api/v1/keys/enrolments", body.toString());
      if (!a.refused() && server.json && a.json() instanceof ObjectNode o) {
        // The server never sees the code; a script needs it beside the server's answer.
        o.put("code", code).put("expiresAt", expiresAt.toString());
        return server.print(new Server.Answer(a.status(), o.toString(), o), x -> "");
      }
      return server.print(
          a,
          o ->
              "one-time enrolment code for "
                  + o.path("party").asText()
                  + (label.isBlank() ? "" : " (" + label + ")")
                  + ", good until "
                  + Render.time(Json.mapper().getNodeFactory().textNode(expiresAt.toString()))
                  + ":\n\n    "
                  + code
                  + "\n\nGive it to the officer by another channel than this one. Entered with"
                  + " a new key (the web page makes one that never leaves the browser), it"
                  + " registers that key once (POST /api/v1/keys/enrol, signed by the new key)."
                  + " It is shown only now; the server keeps only its hash.\n");
    }
  }

  /** {@code POL OFFICER key <id> "label"}. */
  private static String describe(JsonNode k) {
    String label = k.path("label").asText("");
    return k.path("party").asText()
        + " "
        + k.path("role").asText()
        + " key "
        + k.path("id").asText()
        + (label.isEmpty() ? "" : " \"" + label + "\"");
  }

  /** The keys, one row each, by party; then whether the keyring is a demonstration's. */
  static String table(JsonNode answer) {
    List<JsonNode> keys = new ArrayList<>();
    answer.path("keys").forEach(keys::add);
    keys.sort(Comparator.comparing(k -> k.path("party").asText()));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PARTY", "ID", "ROLE", "LABEL", "REGISTERED", "REVOKED"});
    for (JsonNode k : keys) {
      String id = k.path("id").asText();
      String reason = k.path("revocationReason").asText("");
      rows.add(
          new String[] {
            k.path("party").asText(),
            KeyId.isValid(id) ? new KeyId(id).shortForm() : id,
            k.path("role").asText(),
            k.path("label").asText(""),
            Render.time(k.path("registeredAt")),
            k.path("revokedAt").isTextual()
                ? Render.time(k.path("revokedAt")) + (reason.isEmpty() ? "" : " (" + reason + ")")
                : "—"
          });
    }
    return Render.table(rows)
        + (answer.path("demo").asBoolean()
            ? "(a demonstration keyring: every private key is in the server's data folder, so"
                + " this log proves nothing about who did what)\n"
            : "");
  }
}
