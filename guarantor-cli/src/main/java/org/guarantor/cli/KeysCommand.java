package org.guarantor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.SigningKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code guarantor keys}: the parties' signing keys (docs/security.md). Making a key and writing a
 * keyring happen on this machine, here; registering, revoking, listing and offering an enrolment
 * code go to the server ({@link KeyChanges}).
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description =
        "Signing keys: make one, register it with the party's root key, revoke it, list them,"
            + " offer a one-time enrolment code, write the deployment's keyring.",
    subcommands = {
      KeysCommand.New.class,
      KeyChanges.Register.class,
      KeyChanges.Revoke.class,
      KeyChanges.ListKeys.class,
      KeyChanges.EnrolCode.class,
      KeysCommand.Keyring.class,
      CommandLine.HelpCommand.class
    })
final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description =
          "Make a new Ed25519 key: its private key file (readable by you only; never"
              + " overwritten) and beside it its public half (<name>.pub.jwk for <name>.jwk), to"
              + " register or to put in a keyring.")
  static final class New implements Callable<Integer> {
    @Option(names = "--party", required = true, description = "The party's code, e.g. POL.")
    String party;

    @Option(
        names = "--role",
        defaultValue = "OFFICER",
        description =
            "OFFICER (signs the party's commands) or ROOT (signs key changes only; may stay"
                + " offline). Default ${DEFAULT-VALUE}.")
    KeyRole role;

    @Option(names = "--label", defaultValue = "", description = "Who or what holds the key.")
    String label;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "e.g. pol.jwk")
    Path out;

    @Override
    public Integer call() throws Failure {
      if (!PartyCode.isValid(party)) {
        throw Failure.input(
            "--party " + party + ": expected a party's three-letter code, e.g. POL");
      }
      Path pub = publicFile(out);
      for (Path f : List.of(out, pub)) {
        if (Files.exists(f)) {
          throw Failure.input(
              f
                  + " exists: a key file is never overwritten (a key handed out must not be lost);"
                  + " choose another --out");
        }
      }
      SigningKey key = SigningKey.generate(PartyCode.of(party), role, label);
      KeyFiles.writePrivate(out, key);
      KeyFiles.writePublic(pub, key);
      System.out.print(
          "made "
              + key.party()
              + " "
              + role
              + " key "
              + key.id()
              + "\n  private: "
              + out
              + " (readable by you only; it signs as "
              + key.party()
              + ", so never share it)\n  public:  "
              + pub
              + "\n"
              + (role == KeyRole.ROOT
                  ? "next: put it in the deployment's keyring (guarantor keys keyring), or have a"
                      + " root key in force register it (guarantor keys register --role ROOT)\n"
                  : "next: have "
                      + key.party()
                      + "'s root key register it: guarantor keys register --root-key <root key"
                      + " file> --public "
                      + pub
                      + "\n"));
      return 0;
    }

    /** {@code pol.jwk} → {@code pol.pub.jwk}; any other name gets {@code .pub.jwk} added. */
    static Path publicFile(Path file) {
      String name = file.getFileName().toString();
      String pub =
          name.endsWith(".jwk")
              ? name.substring(0, name.length() - 4) + ".pub.jwk"
              : name + ".pub.jwk";
      return file.resolveSibling(pub);
    }
  }

  @Command(
      name = "keyring",
      mixinStandardHelpOptions = true,
      description =
          "Write the deployment's keyring: the public halves of the parties' root keys, which a"
              + " server adopts into a new log with serve --keyring FILE.")
  static final class Keyring implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "keyring.json")
    Path out;

    @Parameters(
        arity = "1..*",
        paramLabel = "ROOT.jwk",
        description =
            "Each party's root key file (public or private; only the public half is kept).")
    List<Path> roots;

    @Override
    public Integer call() throws Failure {
      if (Files.exists(out)) {
        throw Failure.input(out + " exists: choose another --out (a keyring is never overwritten)");
      }
      List<RootKey> keys = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      Set<String> parties = new TreeSet<>();
      for (Path f : roots) {
        if (!Files.isRegularFile(f)) {
          throw Failure.input(f + ": no such file");
        }
        KeyFiles.PublicJwk k;
        try {
          k = KeyFiles.readPublic(f);
        } catch (KeyFiles.BadKeyFile e) {
          throw Failure.input(e.getMessage());
        }
        if (k.role() != KeyRole.ROOT) {
          throw Failure.input(
              f
                  + ": not a root key (role "
                  + k.role()
                  + "; a key file without a role is an officer's): a keyring holds the parties'"
                  + " root keys (guarantor keys new --role ROOT)");
        }
        if (!ids.add(k.key().id().value())) {
          throw Failure.input(f + ": key " + k.key().id() + " is given twice");
        }
        keys.add(new RootKey(k.party(), k.key()));
        parties.add(k.party().value());
      }
      KeyFiles.writeKeyring(out, new KeyFiles.Keyring(keys, false));
      System.out.print(
          "wrote "
              + out
              + ": "
              + keys.size()
              + " root key"
              + (keys.size() == 1 ? "" : "s")
              + " of "
              + String.join(", ", parties)
              + "\nnext: guarantor serve --keyring "
              + out
              + " (on a new log; a party with no root key here can never act)\n");
      return 0;
    }
  }
}
