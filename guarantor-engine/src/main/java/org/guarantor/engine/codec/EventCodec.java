package org.guarantor.engine.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.HashMap;
import java.util.Map;
import org.guarantor.domain.dispatch.DispatchEvent;

/**
 * Domain events to and from the log's (type, canonical JSON) pairs. The type is the event record's
 * simple name, so the stored log reads without the code. Thread-safe.
 */
public final class EventCodec {
  private final Map<String, Class<?>> types = new HashMap<>();

  public EventCodec() {
    for (Class<?> c : DispatchEvent.class.getPermittedSubclasses()) {
      types.put(c.getSimpleName(), c);
    }
  }

  public String type(DispatchEvent e) {
    return e.getClass().getSimpleName();
  }

  public String encode(DispatchEvent e) {
    try {
      return Json.mapper().writeValueAsString(e);
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("cannot encode " + type(e), x);
    }
  }

  public DispatchEvent decode(String type, String payload) {
    Class<?> c = types.get(type);
    if (c == null) {
      throw new IllegalStateException("unknown event type " + type);
    }
    try {
      return (DispatchEvent) Json.mapper().readValue(payload, c);
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("cannot decode " + type + ": " + x.getOriginalMessage(), x);
    }
  }
}
