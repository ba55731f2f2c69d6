package org.guarantor.domain.dispatch;

/**
 * Every way a command or an input can be refused, with its category and a message template whose
 * {0}, {1}, … are filled from the reason's parameters.
 */
public enum ReasonType {
  REQUIRED(Category.INVALID, "{0} is required"),
  INVALID_VALUE(Category.INVALID, "{0} is not a valid {1}: {2}"),
  OUT_OF_RANGE(Category.INVALID, "{0} must be between {1} and {2}, was {3}"),
  INVALID_GEOMETRY(Category.INVALID, "invalid geometry: {0}"),
  UNKNOWN_CODE(Category.INVALID, "{0} is not a {1} of the treaty in force; it knows {2}"),
  TOO_LONG(Category.INVALID, "{0} must be at most {1} characters"),
  BODY_TOO_LARGE(Category.INVALID, "the request body of {0} bytes exceeds the limit of {1} bytes"),
  KEY_REUSED(Category.CONFLICT, "key {0} was already used for a different report ({1})"),
  NOT_FOUND(Category.NOT_FOUND, "{0} {1} not found"),
  FORBIDDEN(Category.FORBIDDEN, "{0} may not {1}"),
  WRONG_STATE(Category.CONFLICT, "{0} {1} is {2}; cannot {3}"),
  TOO_LATE(Category.CONFLICT, "{0} {1} can no longer be {2}: the time for it ended at {3}"),
  OVER_DELIVERY(
      Category.INVALID, "delivering {0} would exceed the tasked {1} ({2} already delivered)"),
  NO_TREATY(Category.CONFLICT, "no treaty is in force"),
  TREATY_INVALID(Category.INVALID, "{0}"),
  TREATY_VERSION(Category.CONFLICT, "treaty version must be {0}, was {1}"),
  NOT_AN_EXERCISE(Category.CONFLICT, "this server runs live, not an exercise: {0} is refused"),
  NOT_WITHDRAWABLE(
      Category.CONFLICT,
      "tasking {0} is {1}: only open taskings not yet acknowledged, with nothing delivered, may be"
          + " re-planned"),
  NOT_REPRIORITISABLE(Category.CONFLICT, "tasking {0} belongs to incident {1}: {2}"),
  PLEDGE_UNFIT(Category.CONFLICT, "pledge {0} may not serve line {1} of {2}: {3}"),
  NOT_ON_TIME(
      Category.CONFLICT, "pledge {0} would arrive at {1}, after the deadline {2} of line {3}"),
  PLEDGE_EXHAUSTED(Category.CONFLICT, "pledge {0} has {1} free; the re-plan needs {2}"),
  OVER_COVERED(Category.CONFLICT, "line {0} of {1} would be covered {2} of {3}"),
  COVERAGE_WORSE(Category.CONFLICT, "the re-plan would cover {0} of {1}, where {2} is covered now"),
  SIGNATURE_REQUIRED(Category.UNAUTHENTICATED, "{0} must be signed: {1}"),
  BAD_SIGNATURE(Category.UNAUTHENTICATED, "the signature does not verify with key {0}: {1}"),
  KEY_UNKNOWN(Category.UNAUTHENTICATED, "key {0} is not registered"),
  KEY_REVOKED(Category.UNAUTHENTICATED, "key {0} of {1} was revoked at {2}"),
  KEY_OF_ANOTHER_PARTY(Category.FORBIDDEN, "key {0} belongs to {1}, not to {2}"),
  KEY_ROLE(Category.FORBIDDEN, "key {0} is {1} key; {2} needs {3} key"),
  KEY_EXISTS(Category.CONFLICT, "key {0} is already registered (to {1})"),
  LAST_ROOT(
      Category.CONFLICT,
      "key {0} is the last root key of {1} in force: register its successor before revoking it"),
  SIGNATURE_TIME(
      Category.UNAUTHENTICATED,
      "the command was signed at {0}, more than {1} from the server's time {2}"),
  NONCE_REPLAYED(
      Category.UNAUTHENTICATED,
      "nonce {0} was already used by key {1}: a signed command is accepted once"),
  ENROLMENT_INVALID(Category.FORBIDDEN, "no open enrolment for {0} has this code: {1}"),
  KEYRING_ADOPTED(Category.CONFLICT, "the keyring was adopted already (at {0})"),
  NO_KEYRING(Category.CONFLICT, "no keyring has been adopted: no key can sign yet");

  /** How an interface should present the refusal (e.g. as an HTTP status). */
  public enum Category {
    /** Who sent it cannot be told: no valid signature or session. */
    UNAUTHENTICATED,
    INVALID,
    NOT_FOUND,
    FORBIDDEN,
    CONFLICT
  }

  private final Category category;
  private final String template;

  ReasonType(Category category, String template) {
    this.category = category;
    this.template = template;
  }

  public Category category() {
    return category;
  }

  public String template() {
    return template;
  }
}
