package org.guarantor.domain.dispatch;

import java.util.Comparator;
import java.util.List;

/** What {@link Decider#decide} returns: events to append, or a refusal with its reasons. */
public sealed interface Decision {

  /**
   * The command is accepted.
   *
   * @param events the events to append, possibly none (e.g. a repeated report key)
   * @param subject id of the incident or tasking the command was about
   * @param repeated true when the command repeated an earlier one and changed nothing
   */
  record Accepted(List<DispatchEvent> events, String subject, boolean repeated)
      implements Decision {
    public Accepted {
      events = List.copyOf(events);
    }
  }

  /** The command is refused; nothing is written. */
  record Rejected(List<Reason> reasons) implements Decision {
    private static final List<ReasonType.Category> PRECEDENCE =
        List.of(
            ReasonType.Category.UNAUTHENTICATED,
            ReasonType.Category.NOT_FOUND,
            ReasonType.Category.FORBIDDEN,
            ReasonType.Category.CONFLICT,
            ReasonType.Category.INVALID);

    public Rejected {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one reason");
      }
    }

    /**
     * The most telling category: unauthenticated before not found before forbidden before conflict
     * before invalid.
     */
    public ReasonType.Category category() {
      // Explicit precedence: the enum's declaration order (INVALID first) is not this order.
      return reasons.stream()
          .map(r -> r.type().category())
          .min(Comparator.comparingInt(PRECEDENCE::indexOf))
          .orElseThrow();
    }
  }

  static Rejected reject(String path, ReasonType type, Object... params) {
    return new Rejected(List.of(Reason.of(path, type, params)));
  }
}
