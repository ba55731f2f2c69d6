package org.guarantor.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.party.PartyCode;

/**
 * Key files as JSON Web Keys (RFC 7517, OKP keys of RFC 8037): a private key file is one JWK with
 * {@code d} plus the members {@code party}, {@code role} and {@code label}, written readable by its
 * owner only; a keyring is a JWK Set of public keys, each with its {@code party}, plus {@code
 * demo}. A browser imports the same file with WebCrypto. Reading refuses, naming the file and the
 * member, a file whose key is not an Ed25519 key, whose {@code x} does not follow from its {@code
 * d}, or whose {@code kid} is not the key's thumbprint.
 */
public final class KeyFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private KeyFiles() {}

  /** A key file's contents are wrong; the message names the file and what is wrong. */
  public static final class BadKeyFile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadKeyFile(Path file, String problem) {
      super(file + ": " + problem);
    }
  }

  /** The private key as a JWK object. */
  public static ObjectNode privateJwk(SigningKey key) {
    ObjectNode n = publicJwk(key.party(), key.publicKey());
    n.put("d", B64.encodeToString(key.privateKeyBytes()));
    n.put("role", key.role().name());
    n.put("label", key.label());
    return n;
  }

  /** A public key as a JWK object with its party. */
  public static ObjectNode publicJwk(PartyCode party, PublicKey key) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kty", "OKP");
    n.put("crv", "Ed25519");
    n.put("x", key.x());
    n.put("kid", key.id().value());
    n.put("use", "sig");
    n.put("party", party.value());
    return n;
  }

  /**
   * Writes a private key file readable and writable by its owner only (where the file system has
   * POSIX permissions), refusing to replace an existing file: a key once handed out must not be
   * overwritten by accident.
   *
   * @throws FileAlreadyExistsException wrapped in {@link UncheckedIOException} if the file exists
   */
  public static void writePrivate(Path file, SigningKey key) {
    byte[] bytes = pretty(privateJwk(key));
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the public half of a key (a JWK without {@code d}), for registering it. */
  public static void writePublic(Path file, SigningKey key) {
    ObjectNode n = publicJwk(key.party(), key.publicKey());
    n.put("role", key.role().name());
    n.put("label", key.label());
    write(file, pretty(n));
  }

  public static SigningKey readPrivate(Path file) {
    return privateKey(read(file), file);
  }

  /** A private key from a JWK object; {@code source} names where it came from in errors. */
  public static SigningKey privateKey(JsonNode n, Path source) {
    Path file = source;
    PartyCode party = party(file, n, "/party");
    PublicKey x = okp(file, n);
    JsonNode d = n.get("d");
    if (d == null || !d.isTextual()) {
      throw new BadKeyFile(file, "/d: a private key file holds the private key in d");
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(d.asText());
    } catch (IllegalArgumentException e) {
      throw new BadKeyFile(file, "/d: not base64url text");
    }
    if (raw.length != 32) {
      throw new BadKeyFile(file, "/d: an Ed25519 private key is 32 bytes, found " + raw.length);
    }
    KeyRole role = role(file, n);
    String label = n.path("label").asText("");
    SigningKey key = new SigningKey(party, role, label, raw);
    if (!key.publicKey().equals(x)) {
      throw new BadKeyFile(file, "/x: the public key does not belong to the private key d");
    }
    return key;
  }

  /** A public key file (or a private one, of which only the public half is read). */
  public static PublicJwk readPublic(Path file) {
    JsonNode n = read(file);
    return new PublicJwk(
        party(file, n, "/party"),
        okp(file, n),
        n.has("role") ? role(file, n) : KeyRole.OFFICER,
        n.path("label").asText(""));
  }

  /** A public key as read from a file. */
  public record PublicJwk(PartyCode party, PublicKey key, KeyRole role, String label) {}

  /** A keyring: each party's root public keys, and whether it is a demonstration's. */
  public record Keyring(List<RootKey> roots, boolean demo) {}

  public static void writeKeyring(Path file, Keyring keyring) {
    ObjectNode root = JSON.createObjectNode();
    root.put("demo", keyring.demo());
    var keys = root.putArray("keys");
    for (RootKey r : keyring.roots()) {
      keys.add(publicJwk(r.party(), r.publicKey()));
    }
    write(file, pretty(root));
  }

  public static Keyring readKeyring(Path file) {
    JsonNode n = read(file);
    JsonNode keys = n.get("keys");
    if (keys == null || !keys.isArray() || keys.isEmpty()) {
      throw new BadKeyFile(file, "/keys: a keyring is a JWK Set with at least one key");
    }
    List<RootKey> roots = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      JsonNode k = keys.get(i);
      String at = "/keys/" + i;
      if (!k.isObject()) {
        throw new BadKeyFile(file, at + ": expected a JWK object");
      }
      if (k.has("d")) {
        throw new BadKeyFile(
            file, at + "/d: a keyring holds public keys only; this one holds a private key");
      }
      roots.add(new RootKey(party(file, k, at + "/party"), okp(file, k, at)));
    }
    return new Keyring(roots, n.path("demo").asBoolean(false));
  }

  private static PublicKey okp(Path file, JsonNode n) {
    return okp(file, n, "");
  }

  private static PublicKey okp(Path file, JsonNode n, String at) {
    if (!"OKP".equals(n.path("kty").asText()) || !"Ed25519".equals(n.path("crv").asText())) {
      throw new BadKeyFile(
          file, at + "/kty: expected an Ed25519 key (kty OKP, crv Ed25519, RFC 8037)");
    }
    String x = n.path("x").asText("");
    if (!PublicKey.isValid(x)) {
      throw new BadKeyFile(
          file, at + "/x: an Ed25519 public key is 32 bytes of base64url (43 characters)");
    }
    PublicKey key = new PublicKey(x);
    JsonNode kid = n.get("kid");
    if (kid != null && !kid.asText().equals(key.id().value())) {
      throw new BadKeyFile(
          file, at + "/kid: " + kid.asText() + " is not the key's thumbprint " + key.id());
    }
    return key;
  }

  private static PartyCode party(Path file, JsonNode n, String at) {
    String p = n.path("party").asText("");
    if (!PartyCode.isValid(p)) {
      throw new BadKeyFile(
          file, at + ": expected the party's three-letter code, found '" + p + "'");
    }
    return PartyCode.of(p);
  }

  private static KeyRole role(Path file, JsonNode n) {
    String r = n.path("role").asText("OFFICER");
    try {
      return KeyRole.valueOf(r);
    } catch (IllegalArgumentException e) {
      throw new BadKeyFile(file, "/role: expected ROOT or OFFICER, found " + r);
    }
  }

  private static JsonNode read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadKeyFile(file, "cannot be read: " + e.getMessage());
    }
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || !n.isObject()) {
        throw new BadKeyFile(file, "expected a JSON object (a JWK or a JWK Set)");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadKeyFile(file, "not JSON: " + e.getOriginalMessage());
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] pretty(JsonNode n) {
    try {
      return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
