package org.guarantor.bench.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.Signature;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.signing.Ed25519;
import org.guarantor.signing.SignedRequest;
import org.guarantor.signing.SigningKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a signed command costs the server before it is queued, per command, for a typical report:
 * the canonical text rebuilt from the request (RFC 8785), the Ed25519 verification by Bouncy Castle
 * (what the server uses), both together, and for comparison the JDK 17 provider's verification and
 * the signing a client does.
 *
 * <p>Run: {@code java -jar guarantor-bench/target/benchmarks.jar SignatureBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SignatureBenchmark {
  static final String BODY =
      "{\"key\":\"k-1\",\"type\":\"AIR_ATTACK\",\"severity\":3,\"location\":{\"lat\":49.99,"
          + "\"lon\":36.23},\"observedAt\":\"2026-11-28T05:00:00Z\",\"description\":\"missile"
          + " strike on the power plant\"}";

  SigningKey key;
  SignedRequest request;
  Signature signature;
  java.security.PublicKey jdkPublic;
  byte[] jdkSignature;
  byte[] text;

  @Setup
  public void setUp() throws Exception {
    key = SigningKey.generate(PartyCode.of("UKR"), KeyRole.OFFICER, "desk");
    JsonNode body = new ObjectMapper().readTree(BODY);
    request =
        SignedRequest.of(
            "POST",
            "/api/v1/reports",
            body,
            key,
            "a".repeat(64),
            Instant.parse("2026-12-05T08:00:00Z"));
    signature = request.sign(key);
    text = signature.text().getBytes(StandardCharsets.UTF_8);
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    jdkPublic =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(
                new java.security.spec.X509EncodedKeySpec(pair.getPublic().getEncoded()));
    java.security.Signature s = java.security.Signature.getInstance("Ed25519");
    s.initSign(pair.getPrivate());
    s.update(text);
    jdkSignature = s.sign();
  }

  @Benchmark
  public String canonicalText() {
    return request.text();
  }

  @Benchmark
  public boolean verifyBouncyCastle() {
    return Ed25519.verify(key.publicKey(), signature.text(), signature.value());
  }

  /** What the server does per command: rebuild the text, then verify it. */
  @Benchmark
  public boolean canonicalTextAndVerify() {
    return Ed25519.verify(key.publicKey(), request.text(), signature.value());
  }

  @Benchmark
  public boolean verifyJdk17() throws Exception {
    java.security.Signature s = java.security.Signature.getInstance("Ed25519");
    s.initVerify(jdkPublic);
    s.update(text);
    return s.verify(jdkSignature);
  }

  @Benchmark
  public String signBouncyCastle() {
    return key.sign(signature.text());
  }
}
