package org.guarantor.engine.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import org.guarantor.store.IsoInstant;

/**
 * Instants as ISO-8601 UTC text ({@code 2026-11-28T08:43:12.5Z} style, exactly as {@link
 * Instant#toString()} writes them: fraction digits in groups of three, none when zero), read and
 * written without {@code DateTimeFormatter}.
 *
 * <p>Why: a tasking event carries about a dozen instants, and formatting and parsing them through
 * {@code java.time.format} took more than half of the time to encode and decode the event. The text
 * is the same as before, byte for byte, so stored logs and their hash chains are unaffected. Any
 * text that is not in this one canonical form (an offset, a year beyond 9999, a number) goes to the
 * standard JSR-310 reader, which also writes the error message for text that is no instant at all.
 */
final class InstantText {
  private InstantText() {}

  static final class Writer extends JsonSerializer<Instant> {
    // The text goes straight from a per-thread buffer into the generator's: a tasking event writes
    // a dozen instants, and a string for each was a tenth of what the writer thread allocated.
    private static final ThreadLocal<char[]> BUFFER =
        ThreadLocal.withInitial(() -> new char[IsoInstant.MAX_LENGTH]);

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider p)
        throws IOException {
      char[] buffer = BUFFER.get();
      int length = IsoInstant.format(value, buffer);
      if (length < 0) {
        gen.writeString(IsoInstant.format(value));
      } else {
        gen.writeString(buffer, 0, length);
      }
    }
  }

  static final class Reader extends JsonDeserializer<Instant> {
    // The instants this thread read last, by hash. The events of one command share their time and
    // their deadlines, and a replay keeps every instant of every tasking: returning the equal
    // instant already read (Instant is a value, so which copy does not matter) spares the state
    // an object the collector would copy at each young collection.
    private static final int RECENT = 64;
    private static final ThreadLocal<Instant[]> RECENTLY_READ =
        ThreadLocal.withInitial(() -> new Instant[RECENT]);

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        Instant fast =
            IsoInstant.parseCanonical(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (fast != null) {
          return shared(fast);
        }
      }
      return InstantDeserializer.INSTANT.deserialize(p, ctx);
    }

    private static Instant shared(Instant t) {
      Instant[] recent = RECENTLY_READ.get();
      int slot = t.hashCode() & (RECENT - 1);
      Instant seen = recent[slot];
      if (t.equals(seen)) {
        return seen;
      }
      recent[slot] = t;
      return t;
    }
  }
}
