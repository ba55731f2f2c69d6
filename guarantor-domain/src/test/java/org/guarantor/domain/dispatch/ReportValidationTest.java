package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.DispatchSpec.given;
import static org.guarantor.domain.dispatch.Events.adopted;
import static org.guarantor.domain.treaty.TestTreaty.GEOMETRY;
import static org.guarantor.domain.treaty.TestTreaty.KYIV;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;
import static org.guarantor.domain.treaty.TestTreaty.point;
import static org.guarantor.domain.treaty.TestTreaty.polygon;
import static org.guarantor.domain.treaty.TestTreaty.treaty;

import java.time.Duration;
import java.time.Instant;
import org.guarantor.domain.dispatch.DispatchCommand.FileReport;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.plan.ThreatType;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * Golden fixture for the call: a valid report, one field changed, the exact reason and path. A
 * refused report writes nothing.
 */
class ReportValidationTest {
  private static final Instant OBSERVED = T0.minus(Duration.ofMinutes(10));

  private static ThreatReport valid() {
    return new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, OBSERVED, "drones over the city");
  }

  private static DispatchSpec filing(String key, ThreatReport report) {
    return given(adopted(treaty())).when(new FileReport(UKR_OPS, T0, key, report));
  }

  private static DispatchSpec filing(ThreatReport report) {
    return filing("call-1", report);
  }

  private static ThreatReport withSeverity(int severity) {
    return new ThreatReport(ThreatType.AIR_ATTACK, severity, KYIV, OBSERVED, "x");
  }

  private static ThreatReport at(Geometry where) {
    return new ThreatReport(ThreatType.AIR_ATTACK, 3, where, OBSERVED, "x");
  }

  @Test
  void the_valid_report_is_accepted() {
    assertThat(filing(valid()).decision()).isInstanceOf(Decision.Accepted.class);
  }

  @Test
  void severity_zero_is_out_of_range() {
    filing(withSeverity(0))
        .thenRejected(Reason.of("/severity", ReasonType.OUT_OF_RANGE, "severity", 1, 5, 0));
  }

  @Test
  void severity_six_is_out_of_range() {
    filing(withSeverity(6))
        .thenRejected(Reason.of("/severity", ReasonType.OUT_OF_RANGE, "severity", 1, 5, 6));
  }

  @Test
  void a_threat_observed_in_the_future_is_refused() {
    Instant future = T0.plus(Duration.ofMinutes(6));

    filing(new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, future, "x"))
        .thenRejected(
            Reason.of(
                "/observedAt",
                ReasonType.INVALID_VALUE,
                "observedAt",
                "time",
                "it lies in the future (2025-03-01T08:06:00Z)"));
  }

  @Test
  void up_to_five_minutes_of_clock_skew_is_tolerated() {
    Instant skewed = T0.plus(Duration.ofMinutes(5));

    assertThat(filing(new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, skewed, "x")).decision())
        .isInstanceOf(Decision.Accepted.class);
  }

  @Test
  void a_blank_key_is_required() {
    Reason required = Reason.of("/key", ReasonType.REQUIRED, "key");

    filing("", valid()).thenRejected(required);
    filing("   ", valid()).thenRejected(required);
    filing(null, valid()).thenRejected(required);
  }

  @Test
  void a_key_longer_than_200_characters_is_refused() {
    filing("k".repeat(201), valid())
        .thenRejected(Reason.of("/key", ReasonType.TOO_LONG, "key", 200));
    assertThat(filing("k".repeat(200), valid()).decision()).isInstanceOf(Decision.Accepted.class);
  }

  @Test
  void a_description_longer_than_4000_characters_is_refused() {
    filing(new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, OBSERVED, "d".repeat(4001)))
        .thenRejected(Reason.of("/description", ReasonType.TOO_LONG, "description", 4000));
  }

  @Test
  void text_that_cannot_be_stored_is_refused_at_its_field_and_a_paired_emoji_is_not() {
    // JSON's escape of a lone surrogate gives a Java string one, which no encoding can write:
    // accepted, its event would be applied and then refused by the log, stopping the engine.
    filing(new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, OBSERVED, "drones \uD800 over"))
        .thenRejected(
            Reason.of(
                "/description",
                ReasonType.INVALID_VALUE,
                "description",
                "text",
                "character 7 is an unpaired UTF-16 surrogate (\\uD800), which no text encoding"
                    + " can store"));
    filing("call-\uDC00", valid())
        .thenRejected(
            Reason.of(
                "/key",
                ReasonType.INVALID_VALUE,
                "key",
                "text",
                "character 5 is an unpaired UTF-16 surrogate (\\uDC00), which no text encoding"
                    + " can store"));
    assertThat(
            filing(
                    new ThreatReport(
                        ThreatType.AIR_ATTACK, 3, KYIV, OBSERVED, "drones \uD83D\uDE80"))
                .decision())
        .isInstanceOf(Decision.Accepted.class);
  }

  @Test
  void a_missing_report_is_required() {
    filing(null).thenRejected(Reason.of("/report", ReasonType.REQUIRED, "report"));
  }

  @Test
  void latitude_91_is_out_of_range_at_the_latitude() {
    filing(at(point(91, 30)))
        .thenRejected(
            Reason.of("/location/lat", ReasonType.OUT_OF_RANGE, "latitude", -90, 90, 91.0));
  }

  @Test
  void longitude_181_is_out_of_range_at_the_longitude() {
    filing(at(point(50, 181)))
        .thenRejected(
            Reason.of("/location/lon", ReasonType.OUT_OF_RANGE, "longitude", -180, 180, 181.0));
  }

  @Test
  void a_not_a_number_coordinate_is_out_of_range() {
    filing(at(point(Double.NaN, 30)))
        .thenRejected(
            Reason.of("/location/lat", ReasonType.OUT_OF_RANGE, "latitude", -90, 90, Double.NaN));
  }

  @Test
  void an_area_vertex_out_of_range_is_named_by_ring_vertex_and_axis() {
    filing(at(polygon(30, 50, 31, 50, 31, 95, 30, 51)))
        .thenRejected(
            Reason.of(
                "/location/coordinates/0/2/1",
                ReasonType.INVALID_GEOMETRY,
                "latitude 95.0 is outside -90..90"));
  }

  @Test
  void a_self_intersecting_area_is_an_invalid_geometry() {
    // A bow tie: its edges cross at (31, 50).
    filing(at(polygon(30, 49, 32, 51, 32, 49, 30, 51)))
        .thenRejected(
            Reason.of(
                "/location/coordinates/0/0",
                ReasonType.INVALID_GEOMETRY,
                "ring intersects itself near (31.0, 50.0)"));
  }

  @Test
  void a_line_is_not_a_location() {
    Geometry road =
        GEOMETRY.createLineString(
            new Coordinate[] {new Coordinate(30, 50), new Coordinate(31, 50)});

    filing(at(road))
        .thenRejected(
            Reason.of(
                "/location/type",
                ReasonType.INVALID_GEOMETRY,
                "unsupported geometry type LineString; expected Point, Polygon or MultiPolygon"));
  }

  @Test
  void an_empty_point_is_not_a_location() {
    filing(at(GEOMETRY.createPoint()))
        .thenRejected(Reason.of("/location", ReasonType.INVALID_GEOMETRY, "geometry is empty"));
  }

  @Test
  void every_problem_is_reported_at_once_in_field_order() {
    ThreatReport bad = new ThreatReport(ThreatType.AIR_ATTACK, 0, point(91, 30), OBSERVED, "x");

    filing(" ", bad)
        .thenRejected(
            Reason.of("/key", ReasonType.REQUIRED, "key"),
            Reason.of("/severity", ReasonType.OUT_OF_RANGE, "severity", 1, 5, 0),
            Reason.of("/location/lat", ReasonType.OUT_OF_RANGE, "latitude", -90, 90, 91.0));
  }

  @Test
  void a_refused_report_leaves_no_trace() {
    DispatchSpec spec = filing(withSeverity(0));

    assertThat(spec.state().incidents()).isEmpty();
    assertThat(spec.state().eventCount()).isEqualTo(1);
  }

  @Test
  void a_valid_area_inside_the_covered_territory_is_activated() {
    DispatchSpec spec = filing(at(polygon(30.2, 50.2, 30.8, 50.2, 30.8, 50.7, 30.2, 50.7)));

    var incident = spec.state().incidents().iterator().next();
    assertThat(incident.state()).isEqualTo(IncidentState.ACTIVATED);
    assertThat(incident.scope().code()).isEqualTo("UA-TEST");
    assertThat(incident.taskings()).isNotEmpty();
  }
}
