package org.guarantor.engine.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.guarantor.domain.allocation.Explanation;
import org.guarantor.domain.dispatch.DispatchEvent;

/**
 * Domain events to and from the log's (type, canonical JSON) pairs. The type is the event record's
 * simple name, so the stored log reads without the code. Thread-safe.
 */
public final class EventCodec {
  private static final ObjectMapper REPLAY = replayMapper();

  private final Map<String, ObjectReader> readers = new HashMap<>();
  private final Map<String, ObjectReader> replayReaders = new HashMap<>();

  public EventCodec() {
    for (Class<?> c : DispatchEvent.class.getPermittedSubclasses()) {
      readers.put(c.getSimpleName(), Json.mapper().readerFor(c));
      replayReaders.put(c.getSimpleName(), REPLAY.readerFor(c));
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

  /** The event exactly as stored. */
  public DispatchEvent decode(String type, String payload) {
    return read(readers, type, payload);
  }

  /**
   * The event as the state needs it: allocation explanations are skipped over and read as {@link
   * Explanation#unknown()}, since the state does not keep them (they are read from the log on
   * demand; their JSON is still checked for syntax). Everything else is read as {@link #decode}
   * reads it.
   */
  public DispatchEvent decodeForState(String type, String payload) {
    return read(replayReaders, type, payload);
  }

  private static DispatchEvent read(Map<String, ObjectReader> readers, String type, String json) {
    ObjectReader r = readers.get(type);
    if (r == null) {
      throw new IllegalStateException("unknown event type " + type);
    }
    try {
      return r.readValue(json);
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("cannot decode " + type + ": " + x.getOriginalMessage(), x);
    }
  }

  private static ObjectMapper replayMapper() {
    SimpleModule skip = new SimpleModule("skip-explanations");
    skip.addDeserializer(
        Explanation.class,
        new JsonDeserializer<Explanation>() {
          @Override
          public Explanation deserialize(JsonParser p, DeserializationContext ctx)
              throws IOException {
            p.skipChildren();
            return Explanation.unknown();
          }
        });
    return Json.mapper().copy().registerModule(skip);
  }
}
