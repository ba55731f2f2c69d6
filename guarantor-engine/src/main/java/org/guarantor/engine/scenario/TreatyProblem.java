package org.guarantor.engine.scenario;

import java.util.Locale;
import java.util.Objects;

/**
 * One thing wrong with a treaty file: where (a JSON Pointer into the file, e.g. {@code
 * /pledges/3/capability}; {@code ""} for the file as a whole), what kind ({@link Code}), and a
 * message that names the offending value. Immutable.
 */
public record TreatyProblem(String pointer, Code code, String message) {
  /**
   * The kinds of problem, each written in output as its {@link #id()}, e.g. {@code unknown-code}.
   */
  public enum Code {
    /** The file is not JSON, or not one JSON object. */
    MALFORMED_JSON,
    /** A field the treaty needs is missing. */
    REQUIRED,
    /** A field the treaty file does not know (a misspelling, or a field of another format). */
    UNKNOWN_FIELD,
    /** A value of the wrong JSON type: text where a number belongs, and the like. */
    WRONG_TYPE,
    /** A code that names nothing: capability, unit, threat type, party, hub, region, country. */
    UNKNOWN_CODE,
    /** A party named where another role is needed (a pledge by a party that is no guarantor). */
    WRONG_ROLE,
    /** A capability counted in a unit it is not counted in (armed forces in sorties). */
    WRONG_UNIT,
    /** An id, code, plan or line number used twice. */
    DUPLICATE_ID,
    /** Not a UTC time in ISO 8601 ({@code 2022-03-29T00:00:00Z}). */
    BAD_DATE,
    /** Not an ISO 8601 duration in days, hours, minutes, seconds ({@code PT12H}). */
    BAD_DURATION,
    /** Text of the wrong form (a party code that is not three capital letters). */
    BAD_FORMAT,
    /** A number or duration outside its range. */
    OUT_OF_RANGE,
    /** A text or list that must not be empty. */
    EMPTY,
    /** A custom area whose geometry is not a valid polygon. */
    BAD_GEOMETRY,
    /** Text that no encoding can store (an unpaired UTF-16 surrogate). */
    UNSTORABLE_TEXT,
    /** A threat type and severity that activate an incident for which the treaty has no plan. */
    NO_PLAN,
    /** A plan line that no pledge can ever serve. */
    UNSERVABLE_LINE,
    /** A value the treaty cannot take for a reason none of the other codes names. */
    INVALID;

    /** How the code is written: lower case, words joined by hyphens. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public TreatyProblem {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** The problem as one line of output: {@code /pledges/3/capability: unknown-code: ...}. */
  public String line() {
    return (pointer.isEmpty() ? "/" : pointer) + ": " + code.id() + ": " + message;
  }

  @Override
  public String toString() {
    return line();
  }
}
