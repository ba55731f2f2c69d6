package org.guarantor.bench.http;

import static org.guarantor.bench.http.Mutations.one;
import static org.guarantor.bench.http.Mutations.utf8;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.signing.RequestSigner;
import org.guarantor.signing.SignedRequest;
import org.guarantor.signing.SigningKey;

/**
 * Makes the fuzzed requests: request {@code i} of a seed always takes the same route and the same
 * mutations (the ids it aims at are drawn from those the server has given out so far, so they
 * depend on the order answers came in). Most requests are well-formed and properly signed, so the
 * fuzz reaches the engine; on top of that, each may have its method, path id, query, Content-Type,
 * Authorization, signature, body or framing changed. Thread-safe.
 */
final class Cases {
  /** A route, its share of the requests (in parts of {@link #TOTAL_WEIGHT}), and its method. */
  enum Route {
    REPORT(22, "POST", "/api/v1/reports"),
    ACKNOWLEDGE(8, "POST", "/api/v1/taskings/{id}/acknowledge"),
    DECLINE(4, "POST", "/api/v1/taskings/{id}/decline"),
    MOBILISING(5, "POST", "/api/v1/taskings/{id}/mobilising"),
    DELIVERED(6, "POST", "/api/v1/taskings/{id}/delivered"),
    CORROBORATE(4, "POST", "/api/v1/incidents/{id}/corroborate"),
    RESOLVE(3, "POST", "/api/v1/incidents/{id}/resolve"),
    STAND_DOWN(3, "POST", "/api/v1/incidents/{id}/stand-down"),
    REPLAN(2, "POST", "/api/v1/incidents/{id}/replan"),
    REINSTATE(2, "POST", "/api/v1/ledger/{guarantor}/reinstate"),
    CLOCK_MOVE(1, "POST", "/api/v1/exercise/clock"),
    CLOCK(1, "GET", "/api/v1/exercise/clock"),
    KEYS(1, "GET", "/api/v1/keys"),
    KEY_ADD(1, "POST", "/api/v1/keys"),
    KEY_REVOKE(1, "POST", "/api/v1/keys/{id}/revoke"),
    ENROLMENT(1, "POST", "/api/v1/keys/enrolments"),
    ENROL(1, "POST", "/api/v1/keys/enrol"),
    CHALLENGE(1, "GET", "/api/v1/session/challenge"),
    SIGN_IN(3, "POST", "/api/v1/session"),
    SIGN_OUT(1, "DELETE", "/api/v1/session"),
    INCIDENTS(6, "GET", "/api/v1/incidents"),
    INCIDENT(4, "GET", "/api/v1/incidents/{id}"),
    TASKINGS(4, "GET", "/api/v1/taskings"),
    TASKING(3, "GET", "/api/v1/taskings/{id}"),
    WHY(2, "GET", "/api/v1/taskings/{id}/why"),
    LEDGER(2, "GET", "/api/v1/ledger"),
    LEDGER_CSV(1, "GET", "/api/v1/ledger.csv"),
    TERRITORY(1, "GET", "/api/v1/territory"),
    CHECK(3, "GET", "/api/v1/territory/check"),
    COUNTRIES(1, "GET", "/api/v1/atlas/countries"),
    TREATY(1, "GET", "/api/v1/treaty"),
    ME(2, "GET", "/api/v1/me"),
    HEALTH(1, "GET", "/health"),
    DEMO_KEYS(1, "GET", "/api/v1/demo/keys"),
    DEMO_KEY(1, "GET", "/api/v1/demo/keys/{party}");

    final int weight;
    final String method;
    final String template;

    Route(int weight, String method, String template) {
      this.weight = weight;
      this.method = method;
      this.template = template;
    }

    /** As the server declares it, e.g. {@code POST /api/v1/reports}. */
    String declared() {
      return method + " " + template;
    }

    boolean signed() {
      return method.equals("POST");
    }
  }

  private static final int TOTAL_WEIGHT =
      java.util.Arrays.stream(Route.values()).mapToInt(r -> r.weight).sum();

  private static final String[] THREATS = {
    "AIR_ATTACK", "GROUND_INVASION", "MARITIME_BLOCKADE", "CYBER_ATTACK", "SABOTAGE"
  };

  private static final String[] METHODS = {
    "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "FOO", "get"
  };

  private final long seed;
  private final String host;
  private final String log;
  private final List<String> parties;
  private final List<String> guarantors;
  private final Map<String, RequestSigner> officers;
  private final Map<String, RequestSigner> roots;
  private final Known known;
  private final Supplier<String> challenges;

  /**
   * @param officers each party's officer key, by party code
   * @param roots each party's root key, by party code
   * @param challenges a fresh sign-in challenge from the server, for each sign-in
   */
  Cases(
      long seed,
      int port,
      String log,
      Map<String, RequestSigner> officers,
      Map<String, RequestSigner> roots,
      Known known,
      Supplier<String> challenges) {
    this.seed = seed;
    this.host = "127.0.0.1:" + port;
    this.log = log;
    this.officers = officers;
    this.roots = roots;
    this.known = known;
    this.challenges = challenges;
    this.parties = officers.keySet().stream().sorted().toList();
    this.guarantors =
        parties.stream().filter(p -> !List.of("UKR", "SEC", "OBS").contains(p)).toList();
  }

  /** Request {@code i}. */
  FuzzCase make(int i) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    Route route = route(r);
    Draft d = new Draft(route);
    aim(r, d);
    if (r.nextInt(100) < 30 && d.json != null) {
      Mutations.Odd<byte[]> odd = Mutations.body(r, d.json);
      d.body = odd.value();
      d.what.add("body: " + odd.what());
    } else if (d.json != null) {
      d.body = utf8(d.json);
    }
    if (route.signed() && d.signer != null) {
      sign(r, d);
    }
    if (r.nextInt(100) < 3) {
      String m = one(r, METHODS);
      d.what.add("method " + m);
      d.method = m;
    }
    contentType(r, d);
    if (r.nextInt(100) < 2) {
      junk(r, d);
    }
    return frame(r, d);
  }

  private Route route(SplittableRandom r) {
    int w = r.nextInt(TOTAL_WEIGHT);
    for (Route route : Route.values()) {
      w -= route.weight;
      if (w < 0) {
        return route;
      }
    }
    throw new IllegalStateException("weights");
  }

  /** A request being made. */
  private static final class Draft {
    final Route route;
    final List<String> what = new ArrayList<>();
    final List<String[]> headers = new ArrayList<>();
    String method;
    String path;
    String query = "";
    String json;
    byte[] body = new byte[0];
    RequestSigner signer;
    String token;
    boolean forged;
    boolean framed = true;
    FuzzCase.Send send = FuzzCase.Send.WHOLE;

    Draft(Route route) {
      this.route = route;
      this.method = route.method;
      this.path = route.template;
    }

    void header(String name, String value) {
      headers.add(new String[] {name, value});
    }
  }

  /** The route's target, body and caller: what a well-behaved client would send. */
  private void aim(SplittableRandom r, Draft d) {
    String party = one(r, parties.toArray(String[]::new));
    switch (d.route) {
      case REPORT -> {
        party = r.nextInt(100) < 85 ? "UKR" : party;
        d.json = report(r, "fuzz-" + seed + "-" + r.nextLong(1L << 40));
      }
      case ACKNOWLEDGE, DECLINE, MOBILISING, DELIVERED, TASKING, WHY -> {
        var t = known.tasking(r);
        boolean odd = t.isEmpty() || r.nextInt(100) < 12;
        d.path = d.path.replace("{id}", odd ? oddId(r, d) : t.get().id());
        if (!odd && r.nextInt(100) < 80) {
          party = t.get().guarantor();
        }
        d.json =
            switch (d.route) {
              case DECLINE -> "{\"reason\":\"" + one(r, new String[] {"no lift", "", "x"}) + "\"}";
              case DELIVERED -> r.nextBoolean() ? "{}" : "{\"quantity\":" + r.nextInt(1, 50) + "}";
              case TASKING, WHY -> null;
              default -> "{}";
            };
      }
      case CORROBORATE, RESOLVE, STAND_DOWN, REPLAN, INCIDENT -> {
        var id = known.incident(r);
        boolean odd = id.isEmpty() || r.nextInt(100) < 12;
        d.path = d.path.replace("{id}", odd ? oddId(r, d) : id.get());
        party =
            switch (d.route) {
              case CORROBORATE ->
                  r.nextBoolean() ? "UKR" : one(r, guarantors.toArray(String[]::new));
              case RESOLVE -> r.nextInt(100) < 80 ? "UKR" : party;
              case STAND_DOWN, REPLAN -> r.nextInt(100) < 80 ? "SEC" : party;
              default -> party;
            };
        d.json =
            switch (d.route) {
              case RESOLVE, STAND_DOWN -> r.nextBoolean() ? "{}" : "{\"note\":\"fuzz\"}";
              case INCIDENT -> null;
              default -> "{}";
            };
      }
      case REINSTATE -> {
        String g = r.nextInt(100) < 80 ? one(r, guarantors.toArray(String[]::new)) : oddId(r, d);
        d.path = d.path.replace("{guarantor}", g);
        party = r.nextInt(100) < 80 ? "SEC" : party;
        d.json = "{\"note\":\"fuzz\"}";
      }
      case CLOCK_MOVE -> {
        party = r.nextInt(100) < 80 ? "SEC" : party;
        d.json = "{\"advance\":\"PT" + r.nextInt(1, 10) + "M\"}";
      }
      case KEY_ADD -> {
        SigningKey fresh = SigningKey.generate(PartyCode.of(party), KeyRole.OFFICER, "fuzz");
        d.json =
            "{\"publicKey\":\""
                + fresh.publicKey().x()
                + "\",\"role\":\"OFFICER\",\"label\":\"fuzz\"}";
        d.signer = r.nextInt(100) < 80 ? roots.get(party) : officers.get(party);
        d.what.add("signed by " + party + (d.signer == roots.get(party) ? " root" : " officer"));
        return;
      }
      case KEY_REVOKE -> {
        d.path = d.path.replace("{id}", oddId(r, d));
        d.json = "{\"reason\":\"fuzz\"}";
        d.signer = roots.get(party);
        return;
      }
      case ENROLMENT -> {
        d.json =
            "{\"codeHash\":\""
                + HexFormat.of().formatHex(randomBytes(r, 32))
                + "\",\"label\":\"fuzz\",\"expiresAt\":\""
                + Instant.now().plus(Duration.ofHours(1))
                + "\"}";
        d.signer = roots.get(party);
        return;
      }
      case ENROL -> {
        SigningKey fresh = SigningKey.generate(PartyCode.of(party), KeyRole.OFFICER, "fuzz");
        d.json =
            "{\"code\":\""
                + HexFormat.of().formatHex(randomBytes(r, 16))
                + "\",\"publicKey\":\""
                + fresh.publicKey().x()
                + "\",\"label\":\"fuzz\"}";
        d.signer = new RequestSigner(fresh, log);
        return;
      }
      case SIGN_IN -> d.json = "{\"challenge\":\"" + challenges.get() + "\"}";
      case DEMO_KEY ->
          d.path = d.path.replace("{party}", r.nextInt(100) < 80 ? party : oddId(r, d));
      default -> {
        // a read without an id
      }
    }
    if (d.route.signed()) {
      d.signer = officers.get(party);
      d.what.add("as " + party);
    } else {
      token(r, d, party);
    }
    query(r, d);
    if (!d.route.signed() && r.nextInt(100) < 2) {
      d.json = "{\"read\":\"with a body\"}";
      d.what.add("a read with a body");
    }
  }

  private String oddId(SplittableRandom r, Draft d) {
    String id = one(r, Mutations.IDS);
    d.what.add("path id " + Mutations.cut(id));
    return id;
  }

  /**
   * A read's bearer token: a demonstration token mostly, a session's, or one that proves nothing.
   */
  private void token(SplittableRandom r, Draft d, String party) {
    int k = r.nextInt(100);
    if (k < 75) {
      d.token = "Bearer demo-" + party;
    } else if (k < 94 && known.sessions() > 0) {
      d.token = "Bearer " + known.session(r).orElseThrow().token();
    } else if (k < 97) {
      d.token = null;
      d.what.add("no token");
    } else {
      d.token = one(r, Mutations.AUTHORIZATIONS);
      d.what.add("Authorization " + Mutations.cut(d.token));
    }
  }

  private void query(SplittableRandom r, Draft d) {
    String[] names =
        switch (d.route) {
          case INCIDENTS -> new String[] {"state", "type", "severity", "since", "limit", "offset"};
          case TASKINGS -> new String[] {"open"};
          case CHECK -> new String[] {"lat", "lon", "at"};
          case TERRITORY -> new String[] {"detail"};
          case LEDGER, LEDGER_CSV, CLOCK, KEYS, ME -> new String[] {"x"};
          default -> new String[0];
        };
    if (names.length == 0) {
      return;
    }
    StringBuilder q = new StringBuilder();
    int n = d.route == Route.CHECK ? 2 + r.nextInt(2) : r.nextInt(names.length + 1);
    for (int k = 0; k < n; k++) {
      String name = d.route == Route.CHECK ? names[k] : one(r, names);
      boolean odd = r.nextInt(100) < 30;
      String value = odd ? one(r, Mutations.QUERY_VALUES) : goodValue(r, name);
      q.append(q.length() == 0 ? "?" : "&").append(name).append('=').append(value);
      if (odd) {
        d.what.add("query " + name + "=" + Mutations.cut(value));
      }
    }
    d.query = q.toString();
  }

  private static String goodValue(SplittableRandom r, String name) {
    return switch (name) {
      case "state" -> one(r, new String[] {"ACTIVATED", "RESOLVED", "OUT_OF_SCOPE"});
      case "type" -> one(r, THREATS);
      case "severity" -> Integer.toString(r.nextInt(1, 6));
      case "since" -> "2026-11-28T00:00:00Z";
      case "limit" -> Integer.toString(r.nextInt(1, 200));
      case "offset" -> Integer.toString(r.nextInt(0, 50));
      case "open" -> Boolean.toString(r.nextBoolean());
      case "lat" -> Double.toString(44 + r.nextDouble() * 8);
      case "lon" -> Double.toString(22 + r.nextDouble() * 18);
      case "at" -> "2026-11-28T06:00:00Z";
      case "detail" -> "display";
      default -> "1";
    };
  }

  /**
   * Signs the request as its caller, over the body as sent when that is JSON in UTF-8 (a body that
   * is not cannot be signed: it goes signed over {@code {}}); one in ten is unsigned or forged.
   */
  private void sign(SplittableRandom r, Draft d) {
    int k = r.nextInt(100);
    if (k < 4) {
      d.what.add("unsigned");
      d.token = r.nextBoolean() ? "Bearer demo-UKR" : null;
      return;
    }
    String text = new String(d.body, StandardCharsets.UTF_8);
    boolean signable = java.util.Arrays.equals(utf8(text), d.body);
    RequestSigner signer = d.signer;
    String signedPath = d.path;
    String signedText = signable ? text : "{}";
    int forge = k < 14 ? r.nextInt(9) : -1;
    switch (forge) {
      case 0 -> signer = new RequestSigner(signer.key(), log, shifted(-10));
      case 1 -> signer = new RequestSigner(signer.key(), log, shifted(11));
      case 2 ->
          signedPath = d.path.equals("/api/v1/reports") ? "/api/v1/session" : "/api/v1/reports";
      case 3 -> signedText = "{\"signed\":\"another body\"}";
      case 4 ->
          signer =
              new RequestSigner(
                  SigningKey.generate(signer.key().party(), KeyRole.OFFICER, "stranger"), log);
      default -> {
        // signed properly here; cases 5 to 8 change a header below
      }
    }
    java.util.Map<String, String> h;
    try {
      h = new java.util.LinkedHashMap<>(signer.headers(d.method, signedPath, signedText));
    } catch (IllegalArgumentException notJson) {
      h = new java.util.LinkedHashMap<>(signer.headers(d.method, signedPath, "{}"));
    }
    switch (forge) {
      case 5 -> h.put(SignedRequest.SIGNATURE, flip(h.get(SignedRequest.SIGNATURE)));
      case 6 ->
          h.put(SignedRequest.PARTY, h.get(SignedRequest.PARTY).equals("SEC") ? "UKR" : "SEC");
      case 7 -> h.remove(one(r, SignedRequest.HEADERS.toArray(String[]::new)));
      case 8 -> d.send = FuzzCase.Send.REPLAYED;
      default -> {
        // as signed
      }
    }
    if (forge >= 0) {
      d.forged = true;
      d.what.add(
          "forged: "
              + new String[] {
                    "signed 10 min ago",
                    "signed 11 min ahead",
                    "signed for another path",
                    "signed over another body",
                    "a key not in the keyring",
                    "a signature bit flipped",
                    "another party claimed",
                    "a signature header left out",
                    "replayed"
                  }
                  [forge]);
    }
    h.forEach(d::header);
  }

  private static Clock shifted(int minutes) {
    return Clock.offset(Clock.systemUTC(), Duration.ofMinutes(minutes));
  }

  private static String flip(String s) {
    char c = s.charAt(s.length() / 2);
    return s.substring(0, s.length() / 2)
        + (c == 'A' ? 'B' : 'A')
        + s.substring(s.length() / 2 + 1);
  }

  private static void contentType(SplittableRandom r, Draft d) {
    boolean hasBody = d.body.length > 0 || d.json != null;
    int k = r.nextInt(100);
    if (hasBody ? k < 82 : k < 90) {
      if (hasBody) {
        d.header("Content-Type", "application/json");
      }
      return;
    }
    if (hasBody && k < 86) {
      d.what.add("no Content-Type");
      return;
    }
    String ct = one(r, Mutations.CONTENT_TYPES);
    d.header("Content-Type", ct);
    d.what.add("Content-Type " + Mutations.cut(ct));
  }

  /** A header no well-behaved client sends. */
  private static void junk(SplittableRandom r, Draft d) {
    switch (r.nextInt(6)) {
      case 0 -> {
        d.header("X-Padding", "x".repeat(9 * 1024));
        d.what.add("a 9 KiB header");
        d.framed = false;
      }
      case 1 -> {
        d.header("X-Note", "Київ");
        d.what.add("a header in UTF-8");
      }
      case 2 -> {
        for (int k = 0; k < 150; k++) {
          d.header("X-Many-" + k, "v");
        }
        d.what.add("150 headers");
      }
      case 3 -> {
        d.header("X-Folded", "a\r\n b");
        d.what.add("a folded header");
        d.framed = false;
      }
      case 4 -> {
        d.header("No colon here", null);
        d.what.add("a header line without a colon");
        d.framed = false;
      }
      default -> {
        d.header("Authorization", "Bearer demo-SEC");
        d.header("Authorization", "Bearer demo-UKR");
        d.what.add("Authorization twice");
      }
    }
  }

  /** The request's bytes, with its body framed as asked or oddly. */
  private FuzzCase frame(SplittableRandom r, Draft d) {
    byte[] body = d.body;
    boolean hasBody = body.length > 0 || d.json != null;
    List<String[]> framing = new ArrayList<>();
    // A replayed request goes out as signed; the others may have their framing changed.
    int k = d.send == FuzzCase.Send.WHOLE ? r.nextInt(10_000) : 10_000;
    if (k < 30) {
      framing.add(
          new String[] {"Content-Length", Integer.toString(body.length + 1 + r.nextInt(1000))});
      d.send = FuzzCase.Send.STALLED;
      d.what.add("Content-Length larger than the body sent");
    } else if (k < 36) {
      framing.add(new String[] {"Content-Length", Integer.toString(body.length)});
      d.send = FuzzCase.Send.TRICKLED;
      d.what.add("the body a byte at a time");
    } else if (k < 42) {
      framing.add(new String[] {"Transfer-Encoding", "chunked"});
      body = chunk(body);
      d.send = FuzzCase.Send.STALLED;
      d.what.add("chunked without its last chunk");
    } else if (k < 600) {
      String[] odd;
      switch (r.nextInt(10)) {
        case 0 -> {
          odd = null;
          d.framed = body.length == 0;
          d.what.add("no Content-Length");
        }
        case 1 -> {
          odd =
              new String[] {
                "Content-Length",
                Integer.toString(Math.max(0, body.length - 1 - r.nextInt(Math.max(1, body.length))))
              };
          d.framed = false;
          d.what.add("Content-Length smaller than the body");
        }
        case 2 -> {
          odd =
              new String[] {
                "Content-Length",
                one(r, new String[] {"-1", "abc", "5x", "1 2", "0x10", "99999999999999999999"})
              };
          d.framed = false;
          d.what.add("Content-Length " + odd[1]);
        }
        case 3 -> {
          framing.add(new String[] {"Content-Length", Integer.toString(body.length)});
          odd = new String[] {"Content-Length", Integer.toString(body.length + 1)};
          d.framed = false;
          d.what.add("two Content-Lengths");
        }
        case 4, 5 -> {
          odd = new String[] {"Transfer-Encoding", "chunked"};
          body = Mutations.concat(chunk(body), utf8("0\r\n\r\n"));
          d.what.add("chunked");
        }
        case 6 -> {
          odd = new String[] {"Transfer-Encoding", "chunked"};
          body = utf8("zz\r\n" + new String(body, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n");
          d.framed = false;
          d.what.add("chunked, a chunk size not hex");
        }
        case 7 -> {
          framing.add(new String[] {"Content-Length", Integer.toString(body.length)});
          odd = new String[] {"Transfer-Encoding", "chunked"};
          d.framed = false;
          d.what.add("Content-Length and Transfer-Encoding");
        }
        case 8 -> {
          framing.add(new String[] {"Expect", "100-continue"});
          odd = new String[] {"Content-Length", Integer.toString(body.length)};
          d.what.add("Expect: 100-continue");
        }
        default -> {
          odd = new String[] {"Transfer-Encoding", "gzip"};
          d.framed = false;
          d.what.add("Transfer-Encoding gzip");
        }
      }
      if (odd != null) {
        framing.add(odd);
      }
    } else if (hasBody || d.route.signed()) {
      framing.add(new String[] {"Content-Length", Integer.toString(body.length)});
    }
    return new FuzzCase(
        d.route.declared(),
        String.join(", ", d.what),
        head(d, framing),
        body,
        d.send,
        d.forged,
        d.framed);
  }

  /** The body as chunks of random sizes, without the last (empty) chunk. */
  private static byte[] chunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int n = Math.min(body.length - at, 1 + (at * 7 + 13) % 97);
      out.writeBytes(utf8(Integer.toHexString(n) + "\r\n"));
      out.write(body, at, n);
      out.writeBytes(utf8("\r\n"));
      at += n;
    }
    return out.toByteArray();
  }

  private byte[] head(Draft d, List<String[]> framing) {
    StringBuilder h = new StringBuilder(d.method).append(' ').append(d.path).append(d.query);
    h.append(" HTTP/1.1\r\nHost: ").append(host).append("\r\nConnection: close\r\n");
    if (d.token != null) {
      h.append("Authorization: ").append(d.token).append("\r\n");
    }
    for (String[] header : d.headers) {
      h.append(header[0]).append(header[1] == null ? "" : ": " + header[1]).append("\r\n");
    }
    for (String[] header : framing) {
      h.append(header[0]).append(": ").append(header[1]).append("\r\n");
    }
    return utf8(h.append("\r\n").toString());
  }

  private String report(SplittableRandom r, String key) {
    return "{\"key\":\""
        + key
        + "\",\"type\":\""
        + one(r, THREATS)
        + "\",\"severity\":"
        + r.nextInt(1, 6)
        + ",\"location\":{\"lat\":"
        + (49.5 + r.nextDouble())
        + ",\"lon\":"
        + (36 + r.nextDouble())
        + "},\"observedAt\":\""
        + Instant.now()
            .minus(Duration.ofMinutes(r.nextInt(1, 60)))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + "\",\"description\":\"fuzz\"}";
  }

  private static byte[] randomBytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }
}
