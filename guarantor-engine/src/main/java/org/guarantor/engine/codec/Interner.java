package org.guarantor.engine.codec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One shared instance per distinct text, for values drawn from a small set (party codes, hubs,
 * pledges): a replay decodes the same dozen party codes hundreds of thousands of times, and every
 * copy the state keeps is an object the collector copies again at each young collection. At most
 * {@code limit} values are remembered, so text from outside cannot grow it without bound; past
 * that, values are made afresh. Thread-safe.
 */
final class Interner<T> implements Function<String, T> {
  private final Map<String, T> seen = new ConcurrentHashMap<>();
  private final Function<String, T> make;
  private final int limit;

  Interner(Function<String, T> make, int limit) {
    this.make = make;
    this.limit = limit;
  }

  /** The remembered value for {@code text}, or a new one made (and checked) by the factory. */
  @Override
  public T apply(String text) {
    T known = seen.get(text);
    if (known != null) {
      return known;
    }
    T made = make.apply(text);
    if (seen.size() >= limit) {
      return made;
    }
    T first = seen.putIfAbsent(text, made);
    return first != null ? first : made;
  }

  int size() {
    return seen.size();
  }
}
