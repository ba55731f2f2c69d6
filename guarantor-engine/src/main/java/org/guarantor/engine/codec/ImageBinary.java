package org.guarantor.engine.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.Timer;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.Requirement;
import org.guarantor.domain.incident.Scope;
import org.guarantor.domain.incident.Shortfall;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.ledger.LedgerImage;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.domain.treaty.HubId;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * A plain binary form of the long lists of a state image (incidents with their taskings, timers,
 * ledger taskings, stream versions): variable-length integers, each distinct string written once
 * per section and referred to by number after (times likewise), enums by ordinal, threat types,
 * capabilities and units by their codes (strings, so a treaty's own words need no table of their
 * own and reordering a vocabulary never misreads a snapshot), geometries as extended WKB. It exists
 * because these lists are nearly all of a snapshot, and a start decodes them once, before the JIT
 * has warmed up: straight-line reads cost a fraction of a general mapper's.
 *
 * <p>Every record is written and read component by component through its canonical constructor, so
 * adding, removing or retyping a component breaks the build here; reordering enum constants or
 * components changes the codec's fingerprint (see {@link Fingerprint}), so old snapshots are then
 * refused, never misread.
 *
 * <p>Not thread-safe: one {@link Out} or {@link In} per section.
 */
final class ImageBinary {
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
  private static final IncidentState[] INCIDENT_STATES = IncidentState.values();
  private static final TaskingState[] TASKING_STATES = TaskingState.values();
  private static final ScopeAnswer.Cause[] CAUSES = ScopeAnswer.Cause.values();
  private static final DispatchEvent.Deadline[] DEADLINES = DispatchEvent.Deadline.values();

  private ImageBinary() {}

  // ---- writing --------------------------------------------------------------------------------

  /** Writes one section. */
  static final class Out {
    private byte[] buf = new byte[1 << 16];
    private int n;
    private final Map<String, Integer> strings = new HashMap<>();
    private final Map<Instant, Integer> instants = new HashMap<>();

    byte[] bytes() {
      return Arrays.copyOf(buf, n);
    }

    private void ensure(int more) {
      if (n + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
      }
    }

    void u8(int v) {
      ensure(1);
      buf[n++] = (byte) v;
    }

    /** Unsigned variable-length: 7 bits a byte, low first. */
    void varLong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[n++] = (byte) v;
    }

    void signed(long v) {
      varLong((v << 1) ^ (v >> 63));
    }

    void bool(boolean v) {
      u8(v ? 1 : 0);
    }

    void f64(double v) {
      long bits = Double.doubleToRawLongBits(v);
      ensure(8);
      for (int i = 0; i < 8; i++) {
        buf[n++] = (byte) (bits >>> (8 * i));
      }
    }

    void raw(byte[] b) {
      varLong(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }

    /** 0 for null, 1 + index for a string seen before, else the next index and its UTF-8. */
    void string(String s) {
      if (s == null) {
        varLong(0);
        return;
      }
      Integer known = strings.get(s);
      if (known != null) {
        varLong(2L + known);
        return;
      }
      strings.put(s, strings.size());
      varLong(1);
      raw(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * As strings: 0 for null, 2 + index for a time seen before, else 1, the seconds since the epoch
     * (signed) and the nanoseconds within the second. Most times recur (an incident's taskings
     * share their issue and deadline times), and a shared time is one object fewer to keep.
     */
    void instant(Instant t) {
      if (t == null) {
        varLong(0);
        return;
      }
      Integer known = instants.get(t);
      if (known != null) {
        varLong(2L + known);
        return;
      }
      instants.put(t, instants.size());
      varLong(1);
      signed(t.getEpochSecond());
      varLong(t.getNano());
    }

    void geometry(Geometry g) {
      if (g == null) {
        u8(0);
        return;
      }
      boolean[] z = {false};
      g.apply(
          (Coordinate c) -> {
            if (!Double.isNaN(c.getZ())) {
              z[0] = true;
            }
          });
      u8(1);
      raw(new WKBWriter(z[0] ? 3 : 2, true).write(g));
    }

    void quantity(Quantity q) {
      varLong(q.amount());
      string(q.unit().code());
    }

    void incident(Incident i) {
      string(i.id().value());
      string(i.key());
      string(i.reporter().value());
      ThreatReport r = i.report();
      string(r.type().code());
      signed(r.severity());
      geometry(r.location());
      instant(r.observedAt());
      string(r.description());
      instant(i.reportedAt());
      Scope s = i.scope();
      bool(s != null);
      if (s != null) {
        bool(s.inScope());
        varLong(s.cause() == null ? 0 : 1 + s.cause().ordinal());
        string(s.code());
        string(s.name());
        f64(s.coveredShare());
        string(s.explanation());
        string(s.territoryVersion());
        signed(s.treatyVersion());
        geometry(s.coveredPart());
      }
      varLong(i.state().ordinal());
      instant(i.activatedAt());
      string(i.planId());
      varLong(i.requirements().size());
      for (Requirement q : i.requirements()) {
        signed(q.line());
        string(q.capability().code());
        quantity(q.quantity());
        instant(q.dueAt());
      }
      varLong(i.taskings().size());
      for (Tasking t : i.taskings()) {
        tasking(t);
      }
      varLong(i.shortfalls().size());
      for (Shortfall f : i.shortfalls()) {
        signed(f.line());
        string(f.capability().code());
        quantity(f.missing());
        instant(f.recordedAt());
        string(f.reason());
      }
      varLong(i.corroborations().size());
      for (PartyCode p : new TreeSet<>(i.corroborations())) {
        string(p.value());
      }
      instant(i.closedAt());
      string(i.closingNote());
    }

    private void tasking(Tasking t) {
      string(t.id().value());
      string(t.incident().value());
      signed(t.line());
      string(t.guarantor().value());
      string(t.pledge().value());
      string(t.hub() == null ? null : t.hub().value());
      string(t.capability().code());
      quantity(t.quantity());
      varLong(t.state().ordinal());
      instant(t.issuedAt());
      instant(t.acknowledgeBy());
      instant(t.deliverBy());
      instant(t.estimatedArrival());
      f64(t.distanceKm());
      signed(t.delivered());
      instant(t.acknowledgedAt());
      instant(t.updatedAt());
      string(t.declineReason());
    }

    void timer(Timer t) {
      instant(t.dueAt());
      string(t.subject());
      varLong(t.deadline().ordinal());
    }

    void ledgerTasking(LedgerImage.TaskingEntry e) {
      string(e.id().value());
      string(e.guarantor().value());
      string(e.unit().code());
      signed(e.quantity());
      instant(e.issuedAt());
      instant(e.acknowledgeBy());
      instant(e.deliverBy());
      signed(e.delivered());
      bool(e.acknowledged());
      bool(e.closed());
    }

    void stream(String id, long version) {
      string(id);
      signed(version);
    }
  }

  // ---- reading --------------------------------------------------------------------------------

  /** Reads one section; throws {@link IllegalArgumentException} on anything malformed. */
  static final class In {
    private final byte[] buf;
    private int p;
    private final int end;
    private final List<String> strings = new ArrayList<>();
    // Typed ids made once per distinct string: party codes are validated, and sharing saves memory.
    private final List<Object> typed = new ArrayList<>();
    private final List<Instant> instants = new ArrayList<>();
    private final Map<Quantity, Quantity> quantities = new HashMap<>();

    In(byte[] buf, int offset, int length) {
      this.buf = buf;
      this.p = offset;
      this.end = offset + length;
    }

    boolean more() {
      return p < end;
    }

    int u8() {
      if (p >= end) {
        throw new IllegalArgumentException("section ends early");
      }
      return buf[p++] & 0xFF;
    }

    long varLong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = u8();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("malformed number");
    }

    int count() {
      long v = varLong();
      if (v < 0 || v > end - p) {
        throw new IllegalArgumentException("implausible count " + v);
      }
      return (int) v;
    }

    long signed() {
      long v = varLong();
      return (v >>> 1) ^ -(v & 1);
    }

    int signedInt() {
      return Math.toIntExact(signed());
    }

    boolean bool() {
      int b = u8();
      if (b > 1) {
        throw new IllegalArgumentException("malformed boolean " + b);
      }
      return b == 1;
    }

    double f64() {
      if (end - p < 8) {
        throw new IllegalArgumentException("section ends early");
      }
      long bits = 0;
      for (int i = 0; i < 8; i++) {
        bits |= (long) (buf[p++] & 0xFF) << (8 * i);
      }
      return Double.longBitsToDouble(bits);
    }

    byte[] raw() {
      int len = count();
      byte[] b = Arrays.copyOfRange(buf, p, p + len);
      p += len;
      return b;
    }

    private int stringIndex() {
      long k = varLong();
      if (k == 0) {
        return -1;
      }
      if (k == 1) {
        int len = count();
        strings.add(new String(buf, p, len, StandardCharsets.UTF_8));
        typed.add(null);
        p += len;
        return strings.size() - 1;
      }
      if (k - 2 >= strings.size()) {
        throw new IllegalArgumentException("unknown string number " + k);
      }
      return (int) (k - 2);
    }

    String string() {
      int i = stringIndex();
      return i < 0 ? null : strings.get(i);
    }

    PartyCode party() {
      int i = stringIndex();
      if (i < 0) {
        throw new IllegalArgumentException("missing party code");
      }
      if (typed.get(i) instanceof PartyCode c) {
        return c;
      }
      PartyCode c = new PartyCode(strings.get(i));
      typed.set(i, c);
      return c;
    }

    PledgeId pledge() {
      int i = stringIndex();
      if (i < 0) {
        throw new IllegalArgumentException("missing pledge id");
      }
      if (typed.get(i) instanceof PledgeId c) {
        return c;
      }
      PledgeId c = new PledgeId(strings.get(i));
      typed.set(i, c);
      return c;
    }

    HubId hub() {
      int i = stringIndex();
      if (i < 0) {
        return null;
      }
      if (typed.get(i) instanceof HubId c) {
        return c;
      }
      HubId c = new HubId(strings.get(i));
      typed.set(i, c);
      return c;
    }

    IncidentId incidentId() {
      int i = stringIndex();
      if (i < 0) {
        throw new IllegalArgumentException("missing incident id");
      }
      if (typed.get(i) instanceof IncidentId c) {
        return c;
      }
      IncidentId c = new IncidentId(strings.get(i));
      typed.set(i, c);
      return c;
    }

    ThreatType threatType() {
      return code(ThreatType.class, ThreatType::new, "threat type");
    }

    Capability capability() {
      return code(Capability.class, Capability::new, "capability");
    }

    Unit unit() {
      return code(Unit.class, Unit::new, "unit");
    }

    /** A vocabulary code, made once per distinct string; the constructor checks its shape. */
    private <T> T code(Class<T> type, java.util.function.Function<String, T> make, String what) {
      int i = stringIndex();
      if (i < 0) {
        throw new IllegalArgumentException("missing " + what);
      }
      Object known = typed.get(i);
      if (type.isInstance(known)) {
        return type.cast(known);
      }
      T c = make.apply(strings.get(i));
      typed.set(i, c);
      return c;
    }

    TaskingId taskingId() {
      String s = string();
      if (s == null) {
        throw new IllegalArgumentException("missing tasking id");
      }
      return new TaskingId(s);
    }

    Instant instant() {
      long k = varLong();
      if (k == 0) {
        return null;
      }
      if (k == 1) {
        long seconds = signed();
        Instant t;
        try {
          t = Instant.ofEpochSecond(seconds, varLong());
        } catch (java.time.DateTimeException e) {
          throw new IllegalArgumentException("time out of range: " + e.getMessage(), e);
        }
        instants.add(t);
        return t;
      }
      if (k - 2 >= instants.size()) {
        throw new IllegalArgumentException("unknown time number " + k);
      }
      return instants.get((int) (k - 2));
    }

    Geometry geometry() {
      if (!bool()) {
        return null;
      }
      try {
        return new WKBReader(WGS84).read(raw());
      } catch (ParseException e) {
        throw new IllegalArgumentException("malformed WKB: " + e.getMessage(), e);
      }
    }

    private static <E> E of(E[] values, long ordinal) {
      if (ordinal < 0 || ordinal >= values.length) {
        throw new IllegalArgumentException("no constant " + ordinal + " of " + values.length);
      }
      return values[(int) ordinal];
    }

    /** Equal quantities are shared: plan lines repeat them across incidents. */
    Quantity quantity() {
      long amount = varLong();
      Quantity q = new Quantity(amount, unit());
      Quantity known = quantities.putIfAbsent(q, q);
      return known == null ? q : known;
    }

    Incident incident() {
      IncidentId id = incidentId();
      String key = string();
      PartyCode reporter = party();
      ThreatReport report =
          new ThreatReport(threatType(), signedInt(), geometry(), instant(), string());
      Instant reportedAt = instant();
      Scope scope = null;
      if (bool()) {
        boolean inScope = bool();
        long cause = varLong();
        scope =
            new Scope(
                inScope,
                cause == 0 ? null : of(CAUSES, cause - 1),
                string(),
                string(),
                f64(),
                string(),
                string(),
                signedInt(),
                geometry());
      }
      IncidentState state = of(INCIDENT_STATES, varLong());
      Instant activatedAt = instant();
      String planId = string();
      int nr = count();
      List<Requirement> requirements = new ArrayList<>(nr);
      for (int k = 0; k < nr; k++) {
        requirements.add(new Requirement(signedInt(), capability(), quantity(), instant()));
      }
      int nt = count();
      List<Tasking> taskings = new ArrayList<>(nt);
      for (int k = 0; k < nt; k++) {
        taskings.add(tasking());
      }
      int ns = count();
      List<Shortfall> shortfalls = new ArrayList<>(ns);
      for (int k = 0; k < ns; k++) {
        shortfalls.add(new Shortfall(signedInt(), capability(), quantity(), instant(), string()));
      }
      int nc = count();
      Set<PartyCode> corroborations = new TreeSet<>();
      for (int k = 0; k < nc; k++) {
        corroborations.add(party());
      }
      return new Incident(
          id,
          key,
          reporter,
          report,
          reportedAt,
          scope,
          state,
          activatedAt,
          planId,
          requirements,
          taskings,
          shortfalls,
          corroborations,
          instant(),
          string());
    }

    private Tasking tasking() {
      return new Tasking(
          taskingId(),
          incidentId(),
          signedInt(),
          party(),
          pledge(),
          hub(),
          capability(),
          quantity(),
          of(TASKING_STATES, varLong()),
          instant(),
          instant(),
          instant(),
          instant(),
          f64(),
          signed(),
          instant(),
          instant(),
          string());
    }

    Timer timer() {
      Instant due = instant();
      return new Timer(due, string(), of(DEADLINES, varLong()));
    }

    LedgerImage.TaskingEntry ledgerTasking() {
      return new LedgerImage.TaskingEntry(
          taskingId(),
          party(),
          unit(),
          signed(),
          instant(),
          instant(),
          instant(),
          signed(),
          bool(),
          bool());
    }
  }
}
