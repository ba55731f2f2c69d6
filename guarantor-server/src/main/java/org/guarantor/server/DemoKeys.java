package org.guarantor.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.SigningKey;

/**
 * A demonstration's keys: for every party of the treaty a root key and one officer key, generated
 * by the server into {@code <data>/demo-keys} (private key files readable by their owner only),
 * with {@code keyring.json}, the public root keys. Whoever can read that folder can act as any
 * party: a log with such a keyring is marked as a demonstration and proves nothing. Immutable once
 * made.
 */
final class DemoKeys {
  static final String FOLDER = "demo-keys";

  private final Path folder;
  private final Map<PartyCode, SigningKey> roots;
  private final Map<PartyCode, SigningKey> officers;

  private DemoKeys(
      Path folder, Map<PartyCode, SigningKey> roots, Map<PartyCode, SigningKey> officers) {
    this.folder = folder;
    this.roots = roots;
    this.officers = officers;
  }

  /** The keys in the data folder, if a demonstration made them there. */
  static Optional<DemoKeys> find(Path dataDir) {
    Path folder = dataDir.resolve(FOLDER);
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    Map<PartyCode, SigningKey> roots = new LinkedHashMap<>();
    Map<PartyCode, SigningKey> officers = new LinkedHashMap<>();
    try (var files = Files.list(folder)) {
      for (Path f : files.sorted().toList()) {
        // Only the files this class writes: PARTY.root.jwk and PARTY.jwk.
        String name = f.getFileName().toString();
        if (name.matches("[A-Z]{3}\\.root\\.jwk")) {
          SigningKey k = KeyFiles.readPrivate(f);
          roots.put(k.party(), k);
        } else if (name.matches("[A-Z]{3}\\.jwk")) {
          SigningKey k = KeyFiles.readPrivate(f);
          officers.put(k.party(), k);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return roots.isEmpty() ? Optional.empty() : Optional.of(new DemoKeys(folder, roots, officers));
  }

  /** Keys for every party of the treaty: those already in the folder, and new ones for the rest. */
  static DemoKeys prepare(Path dataDir, Treaty treaty) {
    DemoKeys found =
        find(dataDir).orElse(new DemoKeys(dataDir.resolve(FOLDER), Map.of(), Map.of()));
    Map<PartyCode, SigningKey> roots = new LinkedHashMap<>(found.roots);
    Map<PartyCode, SigningKey> officers = new LinkedHashMap<>(found.officers);
    for (Party p : treaty.parties()) {
      roots.computeIfAbsent(
          p.code(),
          c -> write(found.folder.resolve(c + ".root.jwk"), c, KeyRole.ROOT, "demo root"));
      officers.computeIfAbsent(
          p.code(),
          c -> write(found.folder.resolve(c + ".jwk"), c, KeyRole.OFFICER, "demo officer"));
    }
    List<RootKey> rootKeys = new ArrayList<>();
    roots.forEach((c, k) -> rootKeys.add(new RootKey(c, k.publicKey())));
    KeyFiles.writeKeyring(
        found.folder.resolve("keyring.json"), new KeyFiles.Keyring(rootKeys, true));
    return new DemoKeys(found.folder, Map.copyOf(roots), Map.copyOf(officers));
  }

  private static SigningKey write(Path file, PartyCode party, KeyRole role, String label) {
    SigningKey k = SigningKey.generate(party, role, label);
    KeyFiles.writePrivate(file, k);
    return k;
  }

  Path folder() {
    return folder;
  }

  List<RootKey> rootKeys() {
    List<RootKey> out = new ArrayList<>();
    roots.forEach((c, k) -> out.add(new RootKey(c, k.publicKey())));
    return out;
  }

  SigningKey root(PartyCode party) {
    return roots.get(party);
  }

  Optional<SigningKey> officer(PartyCode party) {
    return Optional.ofNullable(officers.get(party));
  }

  Map<PartyCode, SigningKey> officers() {
    return officers;
  }

  ObjectNode officerJwk(PartyCode party) {
    return KeyFiles.privateJwk(officers.get(party));
  }
}
