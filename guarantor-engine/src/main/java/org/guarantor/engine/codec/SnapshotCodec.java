package org.guarantor.engine.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.guarantor.domain.dispatch.StateImage;
import org.guarantor.domain.dispatch.Timer;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.ledger.LedgerEntry;
import org.guarantor.domain.ledger.LedgerImage;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.treaty.Treaty;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * State images to and from bytes, for snapshots, split into sections so that two threads can decode
 * one image.
 *
 * <p>Layout: the magic {@code GSNP}, the {@link #format()} text, the section count, then each
 * section as (kind, length, bytes). The head (treaties, held quantities, ledger accounts and
 * history, counters: small, and varied in shape) is binary Smile (Jackson's binary JSON) through
 * the same record mapping as the event codec, with times as epoch nanoseconds and geometries as
 * extended WKB. The long lists (incidents with their taskings, timers, ledger taskings, stream
 * versions), nearly all of the bytes, are chunks in the plain binary form of {@link ImageBinary},
 * concatenated in order on reading.
 *
 * <p>The format text names the layout version and a fingerprint of the shape of every type the
 * image holds (record components, their types, enum constants), so bytes written by code whose
 * domain records differ are refused with {@link Unreadable} instead of being misread; the engine
 * then replays the log in full.
 *
 * <p>Thread-safe.
 */
public final class SnapshotCodec {
  /**
   * Version of the layout described above; part of {@link #format()}. 2: threat types, capabilities
   * and units as codes instead of enum ordinals, since a treaty declares its own.
   */
  static final int LAYOUT = 2;

  private static final byte[] MAGIC = {'G', 'S', 'N', 'P'};
  private static final int CHUNK = 4_096;
  private static final byte HEAD = 0;
  private static final byte INCIDENTS = 1;
  private static final byte TIMERS = 2;
  private static final byte LEDGER_TASKINGS = 3;
  private static final byte STREAMS = 4;

  /** What an image needs beside its long lists. */
  record Head(
      List<Treaty> treaties,
      Map<PledgeId, Long> held,
      List<LedgerImage.AccountImage> accounts,
      List<LedgerEntry> history,
      long taskingCount,
      long eventCount,
      org.guarantor.domain.keys.KeyringImage keyring,
      Instant exerciseTime,
      List<org.guarantor.domain.treaty.Proposal> proposals) {}

  /** One stream's last version. */
  record StreamVersion(String stream, long version) {}

  /** A decoded snapshot: the state image and the last version of each stream at its position. */
  public record Decoded(StateImage image, Map<String, Long> streamVersions) {}

  /** The bytes are not a snapshot this code wrote: another format, or damaged. */
  public static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final String FORMAT =
      "guarantor-state/"
          + LAYOUT
          + ";"
          + Fingerprint.of(Head.class, StateImage.class, StreamVersion.class);

  private final ObjectMapper mapper = mapper();
  private final ObjectWriter writer = mapper.writer();
  private final ObjectReader head = mapper.readerFor(Head.class);

  /** The format this code writes and reads: layout version and type fingerprint. */
  public String format() {
    return FORMAT;
  }

  /** Encodes an image and the stream versions at its position. */
  public byte[] encode(StateImage image, Map<String, Long> streamVersions) {
    LedgerImage ledger = image.ledger();
    List<StreamVersion> streams = new ArrayList<>(streamVersions.size());
    streamVersions.forEach((k, v) -> streams.add(new StreamVersion(k, v)));
    streams.sort((a, b) -> a.stream().compareTo(b.stream()));
    List<byte[]> sections = new ArrayList<>();
    List<Byte> kinds = new ArrayList<>();
    try {
      sections.add(
          writer.writeValueAsBytes(
              new Head(
                  image.treaties(),
                  image.held(),
                  ledger.accounts(),
                  ledger.history(),
                  image.taskingCount(),
                  image.eventCount(),
                  image.keyring(),
                  image.exerciseTime(),
                  image.proposals())));
      kinds.add(HEAD);
      chunks(INCIDENTS, image.incidents(), ImageBinary.Out::incident, sections, kinds);
      chunks(TIMERS, image.timers(), ImageBinary.Out::timer, sections, kinds);
      chunks(LEDGER_TASKINGS, ledger.taskings(), ImageBinary.Out::ledgerTasking, sections, kinds);
      chunks(STREAMS, streams, (o, v) -> o.stream(v.stream(), v.version()), sections, kinds);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a state image failed", e);
    }
    byte[] format = FORMAT.getBytes(StandardCharsets.UTF_8);
    int size = MAGIC.length + 2 + format.length + 4;
    for (byte[] section : sections) {
      size += 5 + section.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(MAGIC).putShort((short) format.length).put(format).putInt(sections.size());
    for (int i = 0; i < sections.size(); i++) {
      out.put(kinds.get(i)).putInt(sections.get(i).length).put(sections.get(i));
    }
    return out.array();
  }

  private static <T> void chunks(
      byte kind,
      List<T> all,
      java.util.function.BiConsumer<ImageBinary.Out, T> write,
      List<byte[]> sections,
      List<Byte> kinds) {
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<T> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      ImageBinary.Out out = new ImageBinary.Out();
      out.varLong(chunk.size());
      for (T t : chunk) {
        write.accept(out, t);
      }
      sections.add(out.bytes());
      kinds.add(kind);
    }
  }

  private static List<?> readChunk(byte kind, byte[] data, int offset, int length) {
    ImageBinary.In in = new ImageBinary.In(data, offset, length);
    int n = in.count();
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      switch (kind) {
        case INCIDENTS:
          out.add(in.incident());
          break;
        case TIMERS:
          out.add(in.timer());
          break;
        case LEDGER_TASKINGS:
          out.add(in.ledgerTasking());
          break;
        case STREAMS:
          out.add(new StreamVersion(in.string(), in.signed()));
          break;
        default:
          throw new IllegalArgumentException("unknown section kind " + kind);
      }
    }
    if (in.more()) {
      throw new IllegalArgumentException("bytes left at the end of the section");
    }
    return out;
  }

  /**
   * Decodes what {@link #encode} wrote, on {@code threads} threads (this one and helpers).
   *
   * @throws Unreadable if the bytes are of another format or damaged
   */
  public Decoded decode(byte[] data, int threads) {
    byte[] kinds;
    int[] offsets;
    int[] lengths;
    try {
      ByteBuffer in = ByteBuffer.wrap(data);
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new Unreadable("not a state snapshot (no GSNP header)", null);
      }
      int formatLength = in.getShort() & 0xffff;
      String format = new String(data, in.position(), formatLength, StandardCharsets.UTF_8);
      in.position(in.position() + formatLength);
      if (!format.equals(FORMAT)) {
        throw new Unreadable("snapshot format " + format + " is not this build's " + FORMAT, null);
      }
      int n = in.getInt();
      if (n < 1 || n > data.length) {
        throw new Unreadable("snapshot claims " + n + " sections", null);
      }
      kinds = new byte[n];
      offsets = new int[n];
      lengths = new int[n];
      for (int i = 0; i < n; i++) {
        kinds[i] = in.get();
        lengths[i] = in.getInt();
        offsets[i] = in.position();
        if (lengths[i] < 0 || lengths[i] > in.remaining()) {
          throw new Unreadable("snapshot ends inside section " + i, null);
        }
        in.position(offsets[i] + lengths[i]);
      }
      if (in.hasRemaining()) {
        throw new Unreadable("snapshot has bytes after its last section", null);
      }
    } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new Unreadable("snapshot header cannot be read: " + e, e);
    }
    Object[] decoded = new Object[kinds.length];
    AtomicInteger next = new AtomicInteger();
    RuntimeException[] failure = {null};
    Runnable work =
        () -> {
          for (int i = next.getAndIncrement(); i < kinds.length; i = next.getAndIncrement()) {
            try {
              decoded[i] =
                  kinds[i] == HEAD
                      ? head.readValue(data, offsets[i], lengths[i])
                      : readChunk(kinds[i], data, offsets[i], lengths[i]);
            } catch (IOException | RuntimeException e) {
              synchronized (failure) {
                failure[0] =
                    new Unreadable("snapshot section " + i + " cannot be decoded: " + e, e);
              }
              next.set(kinds.length);
            }
          }
        };
    List<Thread> helpers = new ArrayList<>();
    for (int t = 1; t < threads; t++) {
      Thread h = new Thread(work, "guarantor-snapshot-decoder-" + t);
      h.setDaemon(true);
      h.start();
      helpers.add(h);
    }
    work.run();
    for (Thread h : helpers) {
      try {
        h.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Unreadable("interrupted while decoding a snapshot", e);
      }
    }
    synchronized (failure) {
      if (failure[0] != null) {
        throw failure[0];
      }
    }
    return assemble(kinds, decoded);
  }

  @SuppressWarnings("unchecked")
  private static Decoded assemble(byte[] kinds, Object[] decoded) {
    Head h = null;
    List<Incident> incidents = new ArrayList<>();
    List<Timer> timers = new ArrayList<>();
    List<LedgerImage.TaskingEntry> taskings = new ArrayList<>();
    Map<String, Long> streams = new HashMap<>();
    for (int i = 0; i < kinds.length; i++) {
      switch (kinds[i]) {
        case HEAD:
          h = (Head) decoded[i];
          break;
        case INCIDENTS:
          incidents.addAll((List<Incident>) decoded[i]);
          break;
        case TIMERS:
          timers.addAll((List<Timer>) decoded[i]);
          break;
        case LEDGER_TASKINGS:
          taskings.addAll((List<LedgerImage.TaskingEntry>) decoded[i]);
          break;
        case STREAMS:
          for (StreamVersion v : (List<StreamVersion>) decoded[i]) {
            streams.put(v.stream(), v.version());
          }
          break;
        default:
          throw new Unreadable("snapshot has a section of unknown kind " + kinds[i], null);
      }
    }
    if (h == null) {
      throw new Unreadable("snapshot has no head section", null);
    }
    try {
      StateImage image =
          new StateImage(
              h.treaties(),
              incidents,
              h.held(),
              timers,
              new LedgerImage(taskings, h.accounts(), h.history()),
              h.taskingCount(),
              h.eventCount(),
              h.keyring(),
              h.exerciseTime(),
              h.proposals());
      return new Decoded(image, streams);
    } catch (RuntimeException e) {
      throw new Unreadable("snapshot content is inconsistent: " + e, e);
    }
  }

  private static ObjectMapper mapper() {
    SmileFactory smile =
        SmileFactory.builder().enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES).build();
    SimpleModule values = Json.typedIds();
    values.addSerializer(Instant.class, new InstantNanos.Writer());
    values.addDeserializer(Instant.class, new InstantNanos.Reader());
    values.addSerializer(Geometry.class, new WkbWriter());
    values.addDeserializer(Geometry.class, new WkbReader());
    return Json.configure(SmileMapper.builder(smile)).addModule(values).build();
  }

  /** Instants as one number, nanoseconds since the epoch; text for those beyond ±285 years. */
  static final class InstantNanos {
    private static final long LIMIT = 9_000_000_000L;
    private static final long NANOS = 1_000_000_000L;

    private InstantNanos() {}

    static final class Writer extends JsonSerializer<Instant> {
      private final InstantText.Writer text = new InstantText.Writer();

      @Override
      public void serialize(Instant value, JsonGenerator gen, SerializerProvider p)
          throws IOException {
        long s = value.getEpochSecond();
        if (s > -LIMIT && s < LIMIT) {
          gen.writeNumber(s * NANOS + value.getNano());
        } else {
          text.serialize(value, gen, p);
        }
      }
    }

    static final class Reader extends JsonDeserializer<Instant> {
      private final InstantText.Reader text = new InstantText.Reader();

      @Override
      public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
          long n = p.getLongValue();
          return Instant.ofEpochSecond(Math.floorDiv(n, NANOS), Math.floorMod(n, NANOS));
        }
        return text.deserialize(p, ctx);
      }
    }
  }

  /** Geometries as extended WKB: exact coordinates, the SRID, and Z where there is one. */
  static final class WkbWriter extends JsonSerializer<Geometry> {
    @Override
    public void serialize(Geometry value, JsonGenerator gen, SerializerProvider p)
        throws IOException {
      boolean[] z = {false};
      value.apply(
          (Coordinate c) -> {
            if (!Double.isNaN(c.getZ())) {
              z[0] = true;
            }
          });
      gen.writeBinary(new WKBWriter(z[0] ? 3 : 2, true).write(value));
    }
  }

  /** Reads what {@link WkbWriter} wrote. */
  static final class WkbReader extends JsonDeserializer<Geometry> {
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    @Override
    public Geometry deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      try {
        return new WKBReader(FACTORY).read(p.getBinaryValue());
      } catch (ParseException e) {
        return ctx.reportInputMismatch(Geometry.class, "invalid WKB: " + e.getMessage());
      }
    }
  }
}
