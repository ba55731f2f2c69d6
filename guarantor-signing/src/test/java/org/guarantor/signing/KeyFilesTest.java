package org.guarantor.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.party.PartyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files: JWKs written for their owner only, read back whole, refused when wrong. */
class KeyFilesTest {
  @TempDir Path dir;
  static final SigningKey KEY =
      SigningKey.generate(PartyCode.of("POL"), KeyRole.OFFICER, "duty officer, Warsaw");

  @Test
  void a_private_key_file_is_owner_only_and_reads_back_the_same_key() throws Exception {
    Path f = dir.resolve("keys/pol.jwk");
    KeyFiles.writePrivate(f, KEY);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    SigningKey back = KeyFiles.readPrivate(f);
    assertThat(back).isEqualTo(KEY);
    assertThat(back.sign("x")).isEqualTo(KEY.sign("x"));
    String text = Files.readString(f);
    assertThat(text)
        .contains("\"kty\" : \"OKP\"", "\"crv\" : \"Ed25519\"", "\"kid\" : \"" + KEY.id());
  }

  @Test
  void a_key_file_is_never_overwritten() {
    Path f = dir.resolve("pol.jwk");
    KeyFiles.writePrivate(f, KEY);
    assertThatThrownBy(() -> KeyFiles.writePrivate(f, KEY))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("pol.jwk");
  }

  @Test
  void a_wrong_key_file_is_refused_naming_the_member() throws Exception {
    Path f = dir.resolve("bad.jwk");
    String good = KeyFiles.privateJwk(KEY).toString();
    SigningKey other = SigningKey.generate(PartyCode.of("POL"), KeyRole.OFFICER, "");
    Files.writeString(f, good.replace(KEY.publicKey().x(), other.publicKey().x()));
    assertThatThrownBy(() -> KeyFiles.readPrivate(f)).hasMessageContaining("/kid");
    Files.writeString(
        f,
        good.replace(KEY.publicKey().x(), other.publicKey().x())
            .replace(KEY.id().value(), other.id().value()));
    assertThatThrownBy(() -> KeyFiles.readPrivate(f))
        .hasMessageContaining("/x: the public key does not belong to the private key d");
    Files.writeString(f, good.replace("\"OKP\"", "\"EC\""));
    assertThatThrownBy(() -> KeyFiles.readPrivate(f)).hasMessageContaining("/kty");
    Files.writeString(f, good.replace("\"POL\"", "\"Poland\""));
    assertThatThrownBy(() -> KeyFiles.readPrivate(f)).hasMessageContaining("/party");
    Files.writeString(f, "[1]");
    assertThatThrownBy(() -> KeyFiles.readPrivate(f)).hasMessageContaining("JSON object");
  }

  @Test
  void a_keyring_holds_public_keys_only_and_reads_back() {
    Path f = dir.resolve("keyring.json");
    KeyFiles.writeKeyring(
        f, new KeyFiles.Keyring(List.of(new RootKey(KEY.party(), KEY.publicKey())), false));
    KeyFiles.Keyring back = KeyFiles.readKeyring(f);
    assertThat(back.roots()).containsExactly(new RootKey(KEY.party(), KEY.publicKey()));
    assertThat(back.demo()).isFalse();
  }

  @Test
  void a_keyring_with_a_private_key_in_it_is_refused() throws Exception {
    Path f = dir.resolve("keyring.json");
    Files.writeString(f, "{\"keys\":[" + KeyFiles.privateJwk(KEY) + "]}");
    assertThatThrownBy(() -> KeyFiles.readKeyring(f))
        .hasMessageContaining("/keys/0/d: a keyring holds public keys only");
  }
}
