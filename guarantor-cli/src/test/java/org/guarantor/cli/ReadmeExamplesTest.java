package org.guarantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples, run as a newcomer runs them on a fresh demonstration server: every CLI
 * line of its code blocks against the server (with the data folder and the files it writes in a
 * temporary folder), every curl read, in order. A line this test cannot run (serve itself, an
 * exercise server, a glob over files the reader makes) must say so here, by name.
 */
class ReadmeExamplesTest {
  private static final String JAR = "java -jar guarantor-cli/target/guarantor.jar ";
  private static final Pattern CURL =
      Pattern.compile(
          "curl -s '?(http://127\\.0\\.0\\.1:8080[^' ]+)'?(?: -H 'Authorization: Bearer ([^']+)')?");

  @TempDir Path dir;
  GuarantorServer server;
  String url;

  @BeforeEach
  void start() {
    // As serve runs it: with the exact re-planner.
    server =
        GuarantorServer.start(
            ServerConfig.local(0, dir.resolve("data")),
            ExactReplans::propose,
            java.time.Duration.ofSeconds(2));
    url = "http://127.0.0.1:" + server.port();
    System.setProperty("GUARANTOR_SERVER", url);
  }

  @AfterEach
  void stop() {
    System.clearProperty("GUARANTOR_SERVER");
    server.close();
  }

  /** The command lines of the README's code blocks, joined where a line ends in a backslash. */
  private static List<String> lines() throws Exception {
    List<String> out = new ArrayList<>();
    boolean code = false;
    Path readme = Path.of("../README.md");
    for (String line : Files.readAllLines(readme)) {
      if (line.startsWith("```")) {
        code = !code;
        continue;
      }
      if (code && !line.isBlank() && !line.startsWith("#")) {
        out.add(line.replaceAll("\\s+#.*$", "").trim());
      }
    }
    return out;
  }

  @Test
  void every_example_works_on_a_fresh_demonstration() throws Exception {
    String tasking = null;
    String keyId = null;
    int ran = 0;
    for (String line : lines()) {
      if (line.startsWith("curl")) {
        Matcher m = CURL.matcher(line);
        assertThat(m.find()).as("a curl example this test understands: " + line).isTrue();
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create(m.group(1).replace("http://127.0.0.1:8080", url)));
        if (m.group(2) != null) {
          request.header("Authorization", "Bearer " + m.group(2));
        }
        HttpResponse<String> r =
            HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(line + " → " + r.body()).isEqualTo(200);
        ran++;
        continue;
      }
      String cli = line.startsWith("TSK=$(") || line.startsWith("KEYID=$(") ? null : line;
      if (line.startsWith("TSK=$(")) {
        tasking = firstOpenTasking();
        continue;
      }
      if (line.startsWith("KEYID=$(")) {
        keyId = keyIdOf("desk 2");
        continue;
      }
      if (!cli.startsWith(JAR)) {
        // mvn and the like: the README's two setup commands, which CI runs.
        assertThat(cli).as("a line of a kind this test knows").startsWith("mvn ");
        continue;
      }
      String args = cli.substring(JAR.length());
      if (args.startsWith("serve ")
          || args.contains("--server http://127.0.0.1:8081")
          || args.startsWith("keys keyring --out keyring.json roots/")) {
        // The server itself; an exercise server of its own; a glob over root keys the reader
        // made at each party. KeysCommandTest runs keys keyring and serve --keyring.
        continue;
      }
      args =
          args.replace("data/demo-keys/", dir.resolve("data/demo-keys").toString() + "/")
              .replace("--data data", "--data " + dir.resolve("data"))
              .replace("pol-desk2", dir.resolve("pol-desk2").toString())
              // a file of the repository, from this module's folder
              .replace(" guarantor-engine/", " ../guarantor-engine/")
              .replace(" docs/examples/", " ../docs/examples/")
              // any other file the example writes goes to the temporary folder too
              .replaceAll("--out (?!/)(\\S+)", "--out " + dir.toString().replace("\\", "/") + "/$1")
              .replaceAll(
                  "--(html|json) (?!/)(\\S+)", "--$1 " + dir.toString().replace("\\", "/") + "/$2")
              .replace("\"$TSK\"", String.valueOf(tasking))
              .replace("\"$KEYID\"", String.valueOf(keyId));
      CliRun r = CliRun.of(split(args));
      if (args.startsWith("territory check 44.95 34.10")) {
        // Crimea: out of scope, which territory check says with exit code 1, as grep would.
        assertThat(r.out()).startsWith("outside: in excluded region");
        assertThat(r.exit()).isEqualTo(1);
      } else if (args.startsWith("treaty validate")) {
        assertThat(r.out()).contains(": valid: treaty ukraine-security-guarantees v1");
        assertThat(r.exit()).isZero();
      } else {
        assertThat(r.exit()).as(line + "\n" + r.out() + r.err()).isZero();
      }
      ran++;
    }
    assertThat(ran).as("examples run").isGreaterThan(15);
  }

  private String firstOpenTasking() throws Exception {
    String json =
        CliRun.of(
                "taskings",
                "--open",
                "--json",
                "--key",
                dir.resolve("data/demo-keys/GBR.jwk").toString())
            .out();
    return new ObjectMapper().readTree(json).get(0).get("id").asText();
  }

  private String keyIdOf(String label) throws Exception {
    String json =
        CliRun.of(
                "keys", "list", "--json", "--key", dir.resolve("data/demo-keys/POL.jwk").toString())
            .out();
    for (var k : new ObjectMapper().readTree(json).get("keys")) {
      if (k.get("label").asText().equals(label)) {
        return k.get("id").asText();
      }
    }
    throw new AssertionError("no key labelled " + label);
  }

  /** Splits a command line on spaces, keeping double-quoted words whole. */
  private static String[] split(String line) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return out.toArray(new String[0]);
  }
}
