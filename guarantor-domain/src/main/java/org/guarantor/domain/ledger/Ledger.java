package org.guarantor.domain.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.guarantor.domain.allocation.Standing;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.TaskingId;

/**
 * The compliance ledger: a projection of the dispatch events, told each fact by {@code
 * DispatchState.evolve} in log order, so a replay rebuilds it exactly. It judges by the times on
 * the events only (acknowledged by the acknowledgement deadline, delivered by the delivery
 * deadline), never by a clock.
 *
 * <p>Thread-safety: every method is synchronized; the writer applies facts, any thread may take a
 * {@link #snapshot()} or ask for a {@link Standing}.
 */
public final class Ledger implements Standing {
  private static final double SECONDS_PER_HOUR = 3600.0;

  private static final class Entry {
    final PartyCode guarantor;
    final Unit unit;
    final long quantity;
    final Instant issuedAt;
    final Instant acknowledgeBy;
    final Instant deliverBy;
    long delivered;
    boolean acknowledged;
    boolean closed;

    Entry(PartyCode g, Quantity q, Instant issuedAt, Instant acknowledgeBy, Instant deliverBy) {
      this.guarantor = g;
      this.unit = q.unit();
      this.quantity = q.amount();
      this.issuedAt = issuedAt;
      this.acknowledgeBy = acknowledgeBy;
      this.deliverBy = deliverBy;
    }

    Entry(LedgerImage.TaskingEntry i) {
      this.guarantor = i.guarantor();
      this.unit = i.unit();
      this.quantity = i.quantity();
      this.issuedAt = i.issuedAt();
      this.acknowledgeBy = i.acknowledgeBy();
      this.deliverBy = i.deliverBy();
      this.delivered = i.delivered();
      this.acknowledged = i.acknowledged();
      this.closed = i.closed();
    }
  }

  private static final class Figures {
    long tasked;
    long delivered;
    long deliveredLate;
    long declined;
    long breached;
    long released;
    double unitHoursLate;
  }

  private static final class Account {
    int received;
    int acknowledgedOnTime;
    int acknowledgedLate;
    int declined;
    int deliveredOnTime;
    int deliveredLate;
    int breached;
    int released;
    final Map<Unit, Figures> units = new TreeMap<>();
    final List<Long> ackSeconds = new ArrayList<>();
    final List<GuarantorRecord.Decline> declines = new ArrayList<>();
    double fund;
    String currency = "";
    int notices;
    boolean suspended;
    int breachesSinceReview;

    Figures unit(Unit u) {
      return units.computeIfAbsent(u, k -> new Figures());
    }
  }

  // Insertion order, so that an image lists the taskings in the order the ledger was told of them
  // and a restored ledger images to the same value.
  private final Map<TaskingId, Entry> taskings = new LinkedHashMap<>();
  private final Map<String, Account> accounts = new TreeMap<>();
  private final List<LedgerEntry> history = new ArrayList<>();

  /** An empty ledger. */
  public Ledger() {}

  /**
   * A ledger that behaves exactly as the one {@code image} was taken from: told the same facts
   * next, it judges them the same.
   */
  public static Ledger restore(LedgerImage image) {
    Ledger l = new Ledger();
    for (LedgerImage.TaskingEntry t : image.taskings()) {
      l.taskings.put(t.id(), new Entry(t));
    }
    for (LedgerImage.AccountImage a : image.accounts()) {
      Account x = new Account();
      x.received = a.received();
      x.acknowledgedOnTime = a.acknowledgedOnTime();
      x.acknowledgedLate = a.acknowledgedLate();
      x.declined = a.declined();
      x.deliveredOnTime = a.deliveredOnTime();
      x.deliveredLate = a.deliveredLate();
      x.breached = a.breached();
      x.released = a.released();
      for (Map.Entry<Unit, LedgerImage.FiguresImage> u : a.units().entrySet()) {
        LedgerImage.FiguresImage f = u.getValue();
        Figures y = x.unit(u.getKey());
        y.tasked = f.tasked();
        y.delivered = f.delivered();
        y.deliveredLate = f.deliveredLate();
        y.declined = f.declined();
        y.breached = f.breached();
        y.released = f.released();
        y.unitHoursLate = f.unitHoursLate();
      }
      x.ackSeconds.addAll(a.ackSeconds());
      x.declines.addAll(a.declines());
      x.fund = a.fund();
      x.currency = a.currency();
      x.notices = a.notices();
      x.suspended = a.suspended();
      x.breachesSinceReview = a.breachesSinceReview();
      l.accounts.put(a.guarantor().value(), x);
    }
    l.history.addAll(image.history());
    return l;
  }

  /** Everything this ledger knows, as an immutable value; see {@link LedgerImage}. */
  public synchronized LedgerImage image() {
    List<LedgerImage.TaskingEntry> ts = new ArrayList<>(taskings.size());
    for (Map.Entry<TaskingId, Entry> x : taskings.entrySet()) {
      Entry e = x.getValue();
      ts.add(
          new LedgerImage.TaskingEntry(
              x.getKey(),
              e.guarantor,
              e.unit,
              e.quantity,
              e.issuedAt,
              e.acknowledgeBy,
              e.deliverBy,
              e.delivered,
              e.acknowledged,
              e.closed));
    }
    List<LedgerImage.AccountImage> as = new ArrayList<>(accounts.size());
    for (Map.Entry<String, Account> x : accounts.entrySet()) {
      Account a = x.getValue();
      Map<Unit, LedgerImage.FiguresImage> units = new TreeMap<>();
      for (Map.Entry<Unit, Figures> u : a.units.entrySet()) {
        Figures f = u.getValue();
        units.put(
            u.getKey(),
            new LedgerImage.FiguresImage(
                f.tasked,
                f.delivered,
                f.deliveredLate,
                f.declined,
                f.breached,
                f.released,
                f.unitHoursLate));
      }
      as.add(
          new LedgerImage.AccountImage(
              PartyCode.of(x.getKey()),
              a.received,
              a.acknowledgedOnTime,
              a.acknowledgedLate,
              a.declined,
              a.deliveredOnTime,
              a.deliveredLate,
              a.breached,
              a.released,
              units,
              a.ackSeconds,
              a.declines,
              a.fund,
              a.currency,
              a.notices,
              a.suspended,
              a.breachesSinceReview));
    }
    return new LedgerImage(ts, as, history);
  }

  private Account account(PartyCode g) {
    return accounts.computeIfAbsent(g.value(), k -> new Account());
  }

  // ---- facts ----------------------------------------------------------------------------------

  public synchronized void issued(
      TaskingId id,
      PartyCode guarantor,
      Quantity quantity,
      Instant at,
      Instant acknowledgeBy,
      Instant deliverBy) {
    taskings.put(id, new Entry(guarantor, quantity, at, acknowledgeBy, deliverBy));
    Account a = account(guarantor);
    a.received++;
    a.unit(quantity.unit()).tasked += quantity.amount();
  }

  public synchronized void acknowledged(TaskingId id, Instant at) {
    Entry e = taskings.get(id);
    if (e == null || e.acknowledged) {
      return;
    }
    e.acknowledged = true;
    Account a = account(e.guarantor);
    if (at.isAfter(e.acknowledgeBy)) {
      a.acknowledgedLate++;
    } else {
      a.acknowledgedOnTime++;
    }
    a.ackSeconds.add(Math.max(0, Duration.between(e.issuedAt, at).toSeconds()));
  }

  public synchronized void declined(TaskingId id, Instant at, String reason) {
    Entry e = taskings.get(id);
    if (e == null || e.closed) {
      return;
    }
    e.closed = true;
    Account a = account(e.guarantor);
    a.declined++;
    a.unit(e.unit).declined += e.quantity - e.delivered;
    a.declines.add(new GuarantorRecord.Decline(at, e.unit.code(), e.quantity, reason));
    history.add(new LedgerEntry(at, e.guarantor, "DECLINED", e.unit, e.quantity, 0, 0));
  }

  /** {@code amount} more arrived at {@code at}; a completing delivery judges the tasking. */
  public synchronized void delivered(TaskingId id, Instant at, long amount) {
    Entry e = taskings.get(id);
    if (e == null || e.closed) {
      return;
    }
    Account a = account(e.guarantor);
    Figures f = a.unit(e.unit);
    e.delivered += amount;
    f.delivered += amount;
    boolean late = at.isAfter(e.deliverBy);
    if (late) {
      f.deliveredLate += amount;
      f.unitHoursLate += amount * hours(e.deliverBy, at);
    }
    if (e.delivered >= e.quantity) {
      e.closed = true;
      if (late) {
        a.deliveredLate++;
        history.add(
            new LedgerEntry(at, e.guarantor, "LATE", e.unit, amount, hours(e.deliverBy, at), 0));
      } else {
        a.deliveredOnTime++;
      }
    }
  }

  public synchronized void breached(TaskingId id, Instant at, long undelivered, double hoursLate) {
    Entry e = taskings.get(id);
    if (e == null || e.closed) {
      return;
    }
    e.closed = true;
    Account a = account(e.guarantor);
    Figures f = a.unit(e.unit);
    a.breached++;
    a.breachesSinceReview++;
    f.breached += undelivered;
    f.unitHoursLate += undelivered * hoursLate;
    history.add(new LedgerEntry(at, e.guarantor, "BREACHED", e.unit, undelivered, hoursLate, 0));
  }

  public synchronized void released(TaskingId id) {
    Entry e = taskings.get(id);
    if (e == null || e.closed) {
      return;
    }
    e.closed = true;
    Account a = account(e.guarantor);
    a.released++;
    a.unit(e.unit).released += e.quantity - e.delivered;
  }

  /** A fund contribution, notice or suspension applied to a guarantor. */
  public synchronized void consequence(
      PartyCode guarantor, Instant at, String kind, double amount, String currency) {
    Account a = account(guarantor);
    switch (kind) {
      case "FUND_CONTRIBUTION":
        a.fund += amount;
        a.currency = currency;
        break;
      case "PUBLIC_NOTICE":
        a.notices++;
        break;
      case "SUSPENSION":
        a.suspended = true;
        break;
      default:
        break;
    }
    history.add(new LedgerEntry(at, guarantor, kind, null, 0, 0, amount));
  }

  public synchronized void reinstated(PartyCode guarantor, Instant at) {
    Account a = account(guarantor);
    a.suspended = false;
    a.breachesSinceReview = 0;
    history.add(new LedgerEntry(at, guarantor, "REINSTATED", null, 0, 0, 0));
  }

  // ---- reads ----------------------------------------------------------------------------------

  @Override
  public synchronized double reliability(PartyCode guarantor) {
    Account a = accounts.get(guarantor.value());
    return a == null ? Reliability.of(0, 0) : reliability(a);
  }

  @Override
  public synchronized boolean suspended(PartyCode guarantor) {
    Account a = accounts.get(guarantor.value());
    return a != null && a.suspended;
  }

  /** Breaches since the guarantor was last reinstated. */
  public synchronized int breachesSinceReview(PartyCode guarantor) {
    Account a = accounts.get(guarantor.value());
    return a == null ? 0 : a.breachesSinceReview;
  }

  public synchronized LedgerSnapshot snapshot() {
    List<GuarantorRecord> out = new ArrayList<>();
    Map<String, Map<Unit, Long>> outstanding = new HashMap<>();
    Map<String, Integer> open = new HashMap<>();
    for (Entry e : taskings.values()) {
      if (!e.closed) {
        outstanding
            .computeIfAbsent(e.guarantor.value(), k -> new TreeMap<>())
            .merge(e.unit, e.quantity - e.delivered, Long::sum);
        open.merge(e.guarantor.value(), 1, Integer::sum);
      }
    }
    for (Map.Entry<String, Account> x : accounts.entrySet()) {
      Account a = x.getValue();
      List<UnitFigures> units = new ArrayList<>();
      for (Map.Entry<Unit, Figures> u : a.units.entrySet()) {
        Figures f = u.getValue();
        long left = outstanding.getOrDefault(x.getKey(), Map.of()).getOrDefault(u.getKey(), 0L);
        units.add(
            new UnitFigures(
                u.getKey(),
                f.tasked,
                f.delivered,
                f.deliveredLate,
                f.declined,
                f.breached,
                f.released,
                left,
                round(f.unitHoursLate)));
      }
      out.add(
          new GuarantorRecord(
              PartyCode.of(x.getKey()),
              a.received,
              a.acknowledgedOnTime,
              a.acknowledgedLate,
              a.declined,
              a.deliveredOnTime,
              a.deliveredLate,
              a.breached,
              a.released,
              open.getOrDefault(x.getKey(), 0),
              units,
              median(a.ackSeconds),
              a.declines,
              round(a.fund),
              a.currency,
              a.notices,
              a.suspended,
              a.breachesSinceReview,
              reliability(a)));
    }
    return new LedgerSnapshot(out, history, Reliability.FORMULA);
  }

  private static double reliability(Account a) {
    long completed = a.deliveredOnTime + a.deliveredLate + a.breached + a.declined;
    return Reliability.of(a.deliveredOnTime, completed);
  }

  private static Duration median(List<Long> seconds) {
    if (seconds.isEmpty()) {
      return null;
    }
    List<Long> s = new ArrayList<>(seconds);
    s.sort(null);
    int n = s.size();
    long m = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    return Duration.ofSeconds(m);
  }

  /** Hours from {@code from} to {@code to}, to the second. */
  public static double hours(Instant from, Instant to) {
    return Duration.between(from, to).toSeconds() / SECONDS_PER_HOUR;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
