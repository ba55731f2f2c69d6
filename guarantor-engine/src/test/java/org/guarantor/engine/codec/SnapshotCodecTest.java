package org.guarantor.engine.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.StateImage;
import org.guarantor.domain.dispatch.Timer;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.Scope;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.keys.Enrolment;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.KeyringImage;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.keys.RegisteredKey;
import org.guarantor.domain.keys.UsedNonce;
import org.guarantor.domain.ledger.LedgerImage;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.engine.scenario.TreatyFile;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The snapshot codec is lossless and refuses what it did not write. (States from real runs are
 * round-tripped by the engine's {@code SnapshotTest}; this covers the corners those never reach.)
 */
class SnapshotCodecTest {
  private static final GeometryFactory GEO = new GeometryFactory();
  private final SnapshotCodec codec = new SnapshotCodec();

  private static Incident incident(int n, Instant at) {
    ThreatReport report =
        new ThreatReport(
            ThreatType.SABOTAGE,
            3,
            n % 2 == 0
                ? GEO.createPoint(new Coordinate(30.5, 50.4, 120.0))
                : GEO.createPoint(new Coordinate(30.5 + n * 1e-9, 50.4)),
            at,
            n % 3 == 0 ? "" : "ünïcødé ✓ report " + n);
    Scope scope =
        new Scope(
            false,
            ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY,
            "",
            "",
            0.25,
            "outside",
            "v1",
            2,
            GEO.createPolygon(
                new Coordinate[] {
                  new Coordinate(0, 0),
                  new Coordinate(1, 0),
                  new Coordinate(1, 1),
                  new Coordinate(0, 0)
                }));
    return Incident.reported(
            IncidentId.number(n),
            "key-" + n,
            PartyCode.of("UKR"),
            report,
            at,
            scope,
            IncidentState.OUT_OF_SCOPE)
        .corroboratedBy(PartyCode.of("POL"))
        .corroboratedBy(PartyCode.of("GBR"))
        .closed(IncidentState.STOOD_DOWN, at.plusNanos(1), null);
  }

  private static StateImage image() {
    Instant far = Instant.parse("+100000-01-01T00:00:00.000000001Z");
    Instant early = Instant.parse("1600-01-01T00:00:00Z");
    List<Incident> incidents = List.of(incident(1, far), incident(2, early), incident(3, early));
    LedgerImage ledger =
        new LedgerImage(
            List.of(
                new LedgerImage.TaskingEntry(
                    TaskingId.number(1),
                    PartyCode.of("POL"),
                    Unit.PERSONNEL,
                    10,
                    early,
                    far,
                    far,
                    3,
                    true,
                    false)),
            List.of(
                new LedgerImage.AccountImage(
                    PartyCode.of("POL"),
                    1,
                    2,
                    3,
                    4,
                    5,
                    6,
                    7,
                    8,
                    Map.of(
                        Unit.PERSONNEL,
                        new LedgerImage.FiguresImage(1, 2, 3, 4, 5, 6, Double.MIN_VALUE)),
                    List.of(0L, Long.MAX_VALUE),
                    List.of(),
                    1.5,
                    "EUR",
                    2,
                    true,
                    1)),
            List.of());
    return new StateImage(
        List.of(TreatyFile.bundled()),
        incidents,
        Map.of(new PledgeId("POL-01"), 7L),
        List.of(
            new Timer(early, "TSK-000001", DispatchEvent.Deadline.ACKNOWLEDGEMENT),
            new Timer(far, "INC-000001", DispatchEvent.Deadline.DECISION)),
        ledger,
        1,
        42,
        keyring(early),
        far,
        List.of());
  }

  /** A keyring with a revoked officer key, a used enrolment and remembered nonces. */
  private static KeyringImage keyring(Instant at) {
    PublicKey root = new PublicKey("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    PublicKey officer = new PublicKey("3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08");
    PartyCode pol = new PartyCode("POL");
    return new KeyringImage(
        true,
        true,
        List.of(
            new RegisteredKey(root.id(), pol, KeyRole.ROOT, root, "root", at, null, null, null),
            new RegisteredKey(
                officer.id(),
                pol,
                KeyRole.OFFICER,
                officer,
                "duty officer",
                at,
                root.id(),
                at.plusSeconds(60),
                "lost")),
        List.of(
            new Enrolment(
                officer.id().value(),
                pol,
                "browser",
                at,
                at.plusSeconds(3600),
                root.id(),
                officer.id())),
        List.of(new UsedNonce(officer.id(), "n-1", at)),
        at);
  }

  @Test
  void an_image_survives_encoding_exactly_on_one_thread_or_two() {
    StateImage image = image();
    Map<String, Long> streams = Map.of("incident-INC-000001", 5L, "treaty", 1L);
    byte[] bytes = codec.encode(image, streams);

    for (int threads : new int[] {1, 2}) {
      SnapshotCodec.Decoded d = codec.decode(bytes, threads);
      assertThat(d.image()).isEqualTo(image);
      assertThat(d.streamVersions()).isEqualTo(streams);
      // Geometry's equals ignores Z; the text shows it.
      assertThat(d.image().incidents().get(1).report().location().getCoordinate().getZ())
          .isEqualTo(120.0);
      assertThat(d.image().incidents().get(0).report().location().toText())
          .isEqualTo(image.incidents().get(0).report().location().toText());
    }
  }

  @Test
  void the_same_image_gives_the_same_bytes() {
    assertThat(codec.encode(image(), Map.of("a", 1L, "b", 2L)))
        .isEqualTo(codec.encode(image(), Map.of("b", 2L, "a", 1L)));
  }

  @Test
  void bytes_of_another_format_or_damaged_bytes_are_refused() {
    byte[] bytes = codec.encode(image(), Map.of());
    byte[] otherFormat = bytes.clone();
    otherFormat[8] ^= 1; // inside the format text
    assertThatThrownBy(() -> codec.decode(otherFormat, 1))
        .isInstanceOf(SnapshotCodec.Unreadable.class)
        .hasMessageContaining("format");
    for (int cut : new int[] {0, 3, 10, bytes.length / 2, bytes.length - 1}) {
      assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, cut), 2))
          .isInstanceOf(SnapshotCodec.Unreadable.class);
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> codec.decode(longer, 1)).isInstanceOf(SnapshotCodec.Unreadable.class);
  }

  record Before(int a, String b) {}

  record After(int a, String b, long c) {}

  enum Two {
    X,
    Y
  }

  record WithEnum(Two two) {}

  @Test
  void the_fingerprint_changes_with_any_record_component_and_names_what_it_covers() {
    assertThat(Fingerprint.describe(Before.class).replace("Before", "After"))
        .isNotEqualTo(Fingerprint.describe(After.class));
    assertThat(Fingerprint.describe(WithEnum.class)).contains("enum[X, Y]");
    String all = Fingerprint.describe(StateImage.class);
    assertThat(all)
        .contains("org.guarantor.domain.tasking.Tasking record(id:")
        .contains("org.guarantor.domain.treaty.Treaty record(")
        .contains("org.guarantor.domain.tasking.TaskingState enum[");
    assertThat(codec.format()).startsWith("guarantor-state/" + SnapshotCodec.LAYOUT + ";");
  }
}
