package org.guarantor.bench.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The odd values the fuzz puts where a well-formed request has its own: ids, query values,
 * Content-Types, tokens and bodies. Each comes with a few words saying what it is, for the report
 * of a slow or failed request. Stateless.
 */
final class Mutations {
  private Mutations() {}

  /** A value and what it is. */
  record Odd<T>(T value, String what) {}

  /** JSON values put in place of a field's own. */
  static final String[] VALUES = {
    "null",
    "true",
    "-1",
    "0",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "1e400",
    "-0.0",
    "3.5",
    "\"\"",
    "\" \"",
    "\"x\"",
    "\"" + "x".repeat(4_100) + "\"",
    "\"a\\u0000b\"",
    "\"\\ud800\"",
    "\"tail \\udfff\"",
    "\"\\udc00\\ud800\"",
    "\"\\ud83d\\ude80\"",
    "\"Київ\"",
    "\"\\u202etxt.exe\"",
    "[]",
    "{}",
    "[1,2]",
    "{\"lat\":91,\"lon\":0}",
    "{\"lat\":\"NaN\",\"lon\":0}",
    "{\"type\":\"Polygon\",\"coordinates\":[[[30,50],[31,51],[31,50],[30,51],[30,50]]]}",
    "{\"type\":\"Point\",\"coordinates\":[36.2,49.9,120]}",
    "{\"type\":\"GeometryCollection\",\"geometries\":[]}",
    "\"2026-11-28T06:00:00Z\"",
    "\"+999999999-12-31T23:59:59Z\"",
    "\"-999999999-01-01T00:00:00Z\"",
    "\"2026-02-30T00:00:00Z\"",
    "\"AIR_ATTACK\"",
    "\"air_attack\"",
    "\"PT1H\"",
    "\"P999999999D\"",
    "\"PT-5M\"",
    "\"OFFICER\"",
    "\"ROOT\""
  };

  /** Ids put in a path in place of a known one (already percent-encoded where they need it). */
  static final String[] IDS = {
    "INC-999999",
    "TSK-999999",
    "INC-000000",
    "inc-000001",
    "x",
    "-",
    "_",
    "A".repeat(64),
    "A".repeat(65),
    "A".repeat(3000),
    "%00",
    "%2e%2e",
    "..%2F..%2Fetc",
    "%D0%9A%D0%B8%D1%97%D0%B2",
    "%ZZ",
    "%",
    "%C0%AF",
    "%ED%A0%80",
    "INC-000001%20",
    "UKR",
    "POL",
    "XXX",
    "ukr",
    "😀"
  };

  /** Query values put in place of a parameter's own, percent-encoded or not. */
  static final String[] QUERY_VALUES = {
    "",
    "-1",
    "0",
    "1",
    "5",
    "6",
    "1000",
    "1001",
    "2147483648",
    "99999999999999999999",
    "1e3",
    "true",
    "maybe",
    "BOGUS",
    "ACTIVATED",
    "AIR_ATTACK",
    "2026-11-28T06:00:00Z",
    "+999999999-12-31T23:59:59Z",
    "2026-13-01T00:00:00Z",
    "NaN",
    "Infinity",
    "-91",
    "181",
    "50.0",
    "%00",
    "%ZZ",
    "%",
    "%D0%9A",
    "%FF",
    "a%20b",
    "x".repeat(5000),
    "display",
    "full",
    "simplified"
  };

  /** Content-Types, most of which the API must refuse with 415 and none with 500. */
  static final String[] CONTENT_TYPES = {
    "application/json; charset=foo",
    "application/json; charset=\"",
    "application/json; charset=",
    "application/json; charset=utf-16",
    "application/json; charset=UTF-32BE",
    "application/json;charset=ISO-8859-1",
    "application/json; charset=x-unknown-charset-" + "9".repeat(40),
    "application/json; charset=utf-8; charset=latin1",
    "application/json; charset=\"utf-8\"",
    "application/json; charset=UTF8",
    "application/json; charset=*",
    "application/json; charset=utf-8;",
    "application/json;;;",
    "application/json; =",
    "application/merge-patch+json",
    "application/json" + "; a=b".repeat(200),
    "text/plain",
    "text/plain; charset=utf-8",
    "text/html; charset=utf-7",
    "multipart/form-data; boundary=x",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=foo",
    "application/xml",
    "*/*",
    "json",
    "",
    " ",
    "\u0442\u0435\u043a\u0441\u0442/json"
  };

  /** Authorization headers that prove nothing. */
  static final String[] AUTHORIZATIONS = {
    "Bearer ",
    "Bearer demo-",
    "Bearer demo-XXX",
    "Bearer demo-ukr",
    "Bearer x",
    "bearer demo-UKR",
    "Bearer " + "x".repeat(3000),
    "Basic dXNlcjpwYXNz",
    "Bearer demo-UKR, Bearer demo-SEC",
    "Bearer \u0000",
    "Bearer демо"
  };

  static <T> T one(SplittableRandom r, T[] choices) {
    return choices[r.nextInt(choices.length)];
  }

  /**
   * A body in place of {@code json}: a field's value replaced, the text cut short, made huge,
   * nested deep, given bytes that are not UTF-8 or a lone surrogate, or replaced by a value of
   * another kind.
   */
  static Odd<byte[]> body(SplittableRandom r, String json) {
    int kind = r.nextInt(16);
    switch (kind) {
      case 0, 1, 2, 3:
        {
          String value = one(r, VALUES);
          return new Odd<>(
              utf8(replaceAValue(r, json, value)), "a value replaced by " + cut(value));
        }
      case 4:
        return new Odd<>(utf8(one(r, VALUES)), "the body a bare value");
      case 5:
        {
          int at = json.length() < 2 ? 0 : r.nextInt(1, json.length());
          return new Odd<>(utf8(json.substring(0, at)), "cut short at " + at);
        }
      case 6:
        return new Odd<>(utf8(""), "empty");
      case 7:
        {
          int depth = r.nextBoolean() ? 1_500 : 100_000;
          return new Odd<>(
              utf8("[".repeat(depth) + "]".repeat(depth)), "arrays nested " + depth + " deep");
        }
      case 8:
        return new Odd<>(
            utf8(
                json.replaceFirst(
                    "\\{", "{\"n\":" + "9".repeat(r.nextBoolean() ? 1_500 : 50_000) + ",")),
            "a number of thousands of digits");
      case 9:
        {
          int size = r.nextInt(4) == 0 ? 2 * 1024 * 1024 : 900 * 1024;
          return new Odd<>(
              utf8(json.replaceFirst("\\{", "{\"pad\":\"" + "x".repeat(size) + "\",")),
              "huge (" + size / 1024 + " KiB)");
        }
      case 10:
        return new Odd<>(withBytes(json, bad(r)), "bytes that are not UTF-8");
      case 11:
        return new Odd<>(
            utf8(
                replaceAValue(
                    r,
                    json,
                    "\"" + one(r, new String[] {"\\ud800", "\\udfff x", "\\ud800\\ud800"}) + "\"")),
            "a lone surrogate escaped");
      case 12:
        {
          byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
          return new Odd<>(concat(bom, utf8(json)), "a UTF-8 byte order mark first");
        }
      case 13:
        return new Odd<>(
            utf8(json.replaceFirst("\\{", "{\"key\":\"dup\",\"key\":\"dup2\",")), "a key twice");
      case 14:
        return new Odd<>(utf8(json + "\u0000"), "a NUL after the JSON");
      default:
        return new Odd<>(utf8(json + " " + json), "two JSON values");
    }
  }

  /** Bytes that no UTF-8 decoder takes: a lone byte, an overlong form, an encoded surrogate. */
  private static byte[] bad(SplittableRandom r) {
    return one(
        r,
        new byte[][] {
          {(byte) 0xFF},
          {(byte) 0xE9},
          {(byte) 0xC0, (byte) 0xAF},
          {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          {(byte) 0xE2, (byte) 0x82}
        });
  }

  /** The JSON text with the odd bytes in its first string value (or appended). */
  private static byte[] withBytes(String json, byte[] odd) {
    int quote = json.indexOf(":\"");
    byte[] text = utf8(json);
    if (quote < 0) {
      return concat(text, odd);
    }
    int at = utf8(json.substring(0, quote + 2)).length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(text, 0, at);
    out.writeBytes(odd);
    out.write(text, at, text.length - at);
    return out.toByteArray();
  }

  /** Replaces the value of one top-level member of a flat JSON object (or appends a member). */
  static String replaceAValue(SplittableRandom r, String json, String value) {
    int members = json.split("\":").length - 1;
    if (members == 0) {
      return json.length() > 1 ? "{\"extra\":" + value + "}" : json;
    }
    int which = r.nextInt(members);
    int at = -1;
    for (int i = 0; i <= which; i++) {
      at = json.indexOf("\":", at + 1);
    }
    int start = at + 2;
    int end = endOfValue(json, start);
    return json.substring(0, start) + value + json.substring(end);
  }

  private static int endOfValue(String json, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return json.length();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static String cut(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
  }
}
