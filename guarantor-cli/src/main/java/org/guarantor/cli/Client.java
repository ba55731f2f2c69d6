package org.guarantor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.function.Function;
import org.guarantor.signing.SigningKey;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Who acts, for the client commands: the party's key file ({@code --key}), which signs every
 * command that changes state and signs in for reads, or for reads only a session token ({@code
 * --token}; on a demonstration log also {@code demo-<CODE>}, e.g. {@code demo-POL}). Plus the
 * server to talk to.
 */
final class Client {
  @Mixin Server server;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--key",
      defaultValue = "${GUARANTOR_KEY}",
      paramLabel = "FILE",
      description =
          "The acting party's private key file (JWK), e.g. data/demo-keys/UKR.jwk on a"
              + " demonstration (env GUARANTOR_KEY). Signs every command that changes state;"
              + " signs in for reads.")
  Path key;

  @Option(
      names = "--token",
      defaultValue = "${GUARANTOR_TOKEN}",
      description =
          "For reads without --key: a session token, or on a demonstration demo-<CODE>, e.g."
              + " demo-SEC (env GUARANTOR_TOKEN).")
  String token;

  /** A request that changes state, signed with {@code --key}; prints the answer. */
  int change(String method, String path, String body, Function<JsonNode, String> render)
      throws Failure {
    return server.print(server.signed(signingKey(), method, path, body), render);
  }

  /** A read, signed in with {@code --key} or sent with {@code --token}; prints the answer. */
  int read(String path, Function<JsonNode, String> render) throws Failure {
    return server.print(get(path), render);
  }

  /**
   * A GET as the acting party: with {@code --key}, in a session signed in for it and ended right
   * after (a CLI run needs it for one request, and the server holds a bounded number of sessions
   * for everyone); else with {@code --token}.
   */
  Server.Answer get(String path) throws Failure {
    if (key != null) {
      String session = server.signIn(signingKey());
      try {
        return server.send("GET", path, null, session);
      } finally {
        server.signOut(session);
      }
    }
    if (token != null && !token.isBlank()) {
      return server.send("GET", path, null, token);
    }
    throw Failure.input(
        "no key: pass --key FILE, the acting party's private key file, to sign in (e.g. --key"
            + " data/demo-keys/POL.jwk on a demonstration; env GUARANTOR_KEY), or --token with a"
            + " session token (demo-<CODE> on a demonstration)");
  }

  /** The key of {@code --key}; a command that changes state cannot go without it. */
  SigningKey signingKey() throws Failure {
    if (key == null) {
      throw Failure.input(
          command.qualifiedName()
              + " changes state, so the acting party signs it: pass --key FILE, its private key"
              + " file (e.g. --key data/demo-keys/POL.jwk on a demonstration; env GUARANTOR_KEY)."
              + " A token is for reads only.");
    }
    return Server.key(key, "--key");
  }
}
