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
import java.util.concurrent.ConcurrentHashMap;
import org.guarantor.domain.allocation.Explanation;
import org.guarantor.domain.dispatch.DispatchEvent;

/**
 * Domain events to and from the log's (type, canonical JSON) pairs. The type is the event record's
 * simple name, so the stored log reads without the code. Thread-safe.
 */
public final class EventCodec {
  private static final ObjectMapper REPLAY = replayMapper();

  private static final Map<String, Class<?>> TYPES = types();

  // Made on first use of each type: building a reader builds its deserializers, which in a cold
  // JVM costs tens of milliseconds a type, and a start from a snapshot may decode few or none.
  private final Map<String, ObjectReader> readers = new ConcurrentHashMap<>();
  private final Map<String, ObjectReader> replayReaders = new ConcurrentHashMap<>();

  private static Map<String, Class<?>> types() {
    Map<String, Class<?>> m = new HashMap<>();
    for (Class<?> c : DispatchEvent.class.getPermittedSubclasses()) {
      m.put(c.getSimpleName(), c);
    }
    return Map.copyOf(m);
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
    return read(reader(readers, Json.mapper(), type), type, payload);
  }

  /**
   * The event as the state needs it, from the payload's UTF-8 bytes as stored (a replay reads them
   * so): allocation explanations are skipped over and read as {@link Explanation#unknown()}, since
   * the state does not keep them (they are read from the log on demand; their JSON is still checked
   * for syntax). Everything else is read as {@link #decode} reads it.
   */
  public DispatchEvent decodeForState(String type, byte[] payloadUtf8) {
    ObjectReader r = reader(replayReaders, REPLAY, type);
    try {
      return r.readValue(payloadUtf8);
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("cannot decode " + type + ": " + x.getOriginalMessage(), x);
    } catch (IOException x) {
      throw new IllegalStateException("cannot decode " + type + ": " + x.getMessage(), x);
    }
  }

  private static ObjectReader reader(
      Map<String, ObjectReader> readers, ObjectMapper mapper, String type) {
    ObjectReader r = readers.get(type);
    if (r != null) {
      return r;
    }
    Class<?> c = TYPES.get(type);
    if (c == null) {
      throw new IllegalStateException("unknown event type " + type);
    }
    return readers.computeIfAbsent(type, k -> mapper.readerFor(c));
  }

  private static DispatchEvent read(ObjectReader r, String type, String json) {
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
