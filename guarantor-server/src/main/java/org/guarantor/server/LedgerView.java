package org.guarantor.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.ledger.GuarantorRecord;
import org.guarantor.domain.ledger.LedgerEntry;
import org.guarantor.domain.ledger.LedgerSnapshot;
import org.guarantor.domain.ledger.Reliability;
import org.guarantor.domain.ledger.UnitFigures;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.domain.treaty.Vocabulary;

/**
 * The compliance ledger as JSON and CSV: every guarantor of the treaty in force, with what it
 * pledged beside what it was tasked and delivered. No incident, place, hub or tasking id, and no
 * free text but a decline's reason, given only to whom {@link Access#mayReadDeclineReason} allows
 * (null for anyone else, who sees that the guarantor declined, when and how much): so the ledger
 * can be shown to observers while deployments are live.
 */
final class LedgerView {
  private LedgerView() {}

  record UnitView(
      String unit,
      long pledged,
      long tasked,
      long delivered,
      long deliveredLate,
      long declined,
      long breached,
      long released,
      long outstanding,
      double unitHoursLate,
      boolean people) {}

  /** A decline; {@code reason} is null for a reader who may not read it. */
  record DeclineView(Instant at, String unit, long quantity, String reason) {}

  record GuarantorView(
      String guarantor,
      String name,
      int received,
      int acknowledgedOnTime,
      int acknowledgedLate,
      int declined,
      int deliveredOnTime,
      int deliveredLate,
      int breached,
      int released,
      int open,
      Double acknowledgementOnTimeRate,
      Double deliveryOnTimeRate,
      Long medianAcknowledgementSeconds,
      double peopleHoursLate,
      List<UnitView> units,
      List<DeclineView> declines,
      double fundContributions,
      String currency,
      int notices,
      boolean suspended,
      int breachesSinceReview,
      double reliability,
      boolean hasRecord) {}

  record EntryView(
      Instant at,
      String guarantor,
      String kind,
      String unit,
      long quantity,
      double hoursLate,
      double amount) {}

  record Ledger(
      Instant asOf,
      String treaty,
      String reliabilityFormula,
      List<GuarantorView> guarantors,
      List<EntryView> history) {}

  /** The ledger as {@code reader} may read it. */
  static Ledger of(LedgerSnapshot s, Treaty treaty, Instant asOf, Actor reader) {
    List<GuarantorView> out = new ArrayList<>();
    for (Party p : treaty.parties()) {
      if (p.role() != Role.GUARANTOR) {
        continue;
      }
      GuarantorRecord r =
          s.guarantors().stream()
              .filter(g -> g.guarantor().equals(p.code()))
              .findFirst()
              .orElse(null);
      out.add(guarantor(p, r, treaty, reader));
    }
    for (GuarantorRecord r : s.guarantors()) {
      // A guarantor that has since left the treaty keeps its record.
      if (treaty.party(r.guarantor()).isEmpty()) {
        out.add(guarantor(null, r, treaty, reader));
      }
    }
    List<EntryView> history = new ArrayList<>();
    for (LedgerEntry e : s.history()) {
      history.add(
          new EntryView(
              e.at(),
              e.guarantor().value(),
              e.kind(),
              e.unit() == null ? null : e.unit().code(),
              e.quantity(),
              e.hoursLate(),
              e.amount()));
    }
    return new Ledger(
        asOf, treaty.id() + " v" + treaty.version(), s.reliabilityFormula(), out, history);
  }

  private static GuarantorView guarantor(Party p, GuarantorRecord r, Treaty treaty, Actor reader) {
    String code = p != null ? p.code().value() : r.guarantor().value();
    Map<Unit, Long> pledged = new HashMap<>();
    for (Pledge pl : treaty.pledges()) {
      if (pl.guarantor().value().equals(code)) {
        pledged.merge(pl.quantity().unit(), pl.quantity().amount(), Long::sum);
      }
    }
    Map<Unit, UnitFigures> figures = new HashMap<>();
    if (r != null) {
      r.units().forEach(u -> figures.put(u.unit(), u));
    }
    // The treaty's units in its order, then any its vocabulary no longer declares (counted under an
    // earlier version) in theirs.
    Vocabulary words = treaty.vocabulary();
    Set<Unit> order = new LinkedHashSet<>(words.unitCodes());
    order.addAll(new TreeSet<>(figures.keySet()));
    order.addAll(new TreeSet<>(pledged.keySet()));
    List<UnitView> units = new ArrayList<>();
    double peopleHoursLate = 0;
    for (Unit u : order) {
      UnitFigures f = figures.get(u);
      long pl = pledged.getOrDefault(u, 0L);
      if (f == null && pl == 0) {
        continue;
      }
      boolean people = words.countsPeople(u);
      if (people && f != null) {
        peopleHoursLate += f.unitHoursLate();
      }
      units.add(
          f == null
              ? new UnitView(u.code(), pl, 0, 0, 0, 0, 0, 0, 0, 0, people)
              : new UnitView(
                  u.code(),
                  pl,
                  f.tasked(),
                  f.delivered(),
                  f.deliveredLate(),
                  f.declined(),
                  f.breached(),
                  f.released(),
                  f.outstanding(),
                  f.unitHoursLate(),
                  people));
    }
    String name = p != null ? p.name() : code;
    if (r == null) {
      return new GuarantorView(
          code,
          name,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          null,
          null,
          null,
          0,
          units,
          List.of(),
          0,
          "",
          0,
          false,
          0,
          Reliability.of(0, 0),
          false);
    }
    int acked = r.acknowledgedOnTime() + r.acknowledgedLate();
    int delivered = r.deliveredOnTime() + r.deliveredLate() + r.breached();
    Duration median = r.medianAcknowledgement();
    return new GuarantorView(
        code,
        name,
        r.received(),
        r.acknowledgedOnTime(),
        r.acknowledgedLate(),
        r.declined(),
        r.deliveredOnTime(),
        r.deliveredLate(),
        r.breached(),
        r.released(),
        r.open(),
        acked == 0 ? null : rate(r.acknowledgedOnTime(), acked),
        delivered == 0 ? null : rate(r.deliveredOnTime(), delivered),
        median == null ? null : median.toSeconds(),
        peopleHoursLate,
        units,
        r.declines().stream()
            .map(
                d ->
                    new DeclineView(
                        d.at(),
                        d.unit(),
                        d.quantity(),
                        Access.mayReadDeclineReason(reader, r.guarantor(), treaty)
                            ? d.reason()
                            : null))
            .toList(),
        r.fundContributions(),
        r.currency(),
        r.notices(),
        r.suspended(),
        r.breachesSinceReview(),
        round(r.reliability()),
        r.deliveredOnTime() + r.deliveredLate() + r.breached() + r.declined() > 0);
  }

  private static double rate(int part, int whole) {
    return round((double) part / whole);
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  static final String CSV_HEADER =
      "guarantor,name,unit,pledged,tasked,delivered,delivered_late,declined,breached,released,"
          + "outstanding,unit_hours_late,received,acknowledged_on_time,acknowledged_late,"
          + "declined_taskings,delivered_on_time,delivered_late_taskings,breached_taskings,"
          + "released_taskings,open_taskings,median_acknowledgement_seconds,fund_contributions,"
          + "currency,notices,suspended,reliability,exercise";

  /** One row per guarantor and unit (a guarantor with no unit yet gets one row, unit empty). */
  static String csv(Ledger l, boolean exercise) {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append("\r\n");
    for (GuarantorView g : l.guarantors()) {
      List<UnitView> units =
          g.units().isEmpty()
              ? List.of(new UnitView("", 0, 0, 0, 0, 0, 0, 0, 0, 0, false))
              : g.units();
      for (UnitView u : units) {
        List<Object> row =
            List.of(
                g.guarantor(),
                g.name(),
                u.unit(),
                u.pledged(),
                u.tasked(),
                u.delivered(),
                u.deliveredLate(),
                u.declined(),
                u.breached(),
                u.released(),
                u.outstanding(),
                number(u.unitHoursLate()),
                g.received(),
                g.acknowledgedOnTime(),
                g.acknowledgedLate(),
                g.declined(),
                g.deliveredOnTime(),
                g.deliveredLate(),
                g.breached(),
                g.released(),
                g.open(),
                g.medianAcknowledgementSeconds() == null ? "" : g.medianAcknowledgementSeconds(),
                number(g.fundContributions()),
                g.currency(),
                g.notices(),
                g.suspended(),
                number(g.reliability()),
                exercise);
        for (int i = 0; i < row.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          sb.append(cell(String.valueOf(row.get(i))));
        }
        sb.append("\r\n");
      }
    }
    return sb.toString();
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  /** RFC 4180 quoting; a leading formula character is neutralised for spreadsheets. */
  private static String cell(String v) {
    String s = v;
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9.]+")) {
      s = "'" + s;
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
