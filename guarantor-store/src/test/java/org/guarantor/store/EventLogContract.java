package org.guarantor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link EventLog} backend must do. A backend's test extends this class and says how to
 * make fresh storage, open a log on it, and change that storage behind the log's back.
 *
 * <p>The suite runs under two test engines: JUnit Jupiter for the examples and jqwik for the
 * property. Both call {@link #createStorage()} before and {@link #deleteStorage()} after each test
 * or try, so an implementation must not depend on Jupiter-only injection such as {@code @TempDir}.
 */
public abstract class EventLogContract {

  /** Makes fresh, empty storage; every later call of {@link #newLog()} opens this storage. */
  protected abstract void createStorage() throws Exception;

  /** Opens a log on the current storage; after a close, opening again must see the same events. */
  protected abstract EventLog newLog();

  /** Runs one SQL statement directly on the current storage, as an intruder would. */
  protected abstract void tamper(String sql) throws Exception;

  /** Removes the current storage. */
  protected abstract void deleteStorage() throws Exception;

  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123456789Z");

  private EventLog log;

  @BeforeEach
  void openLogOnFreshStorage() throws Exception {
    createStorage();
    log = newLog();
  }

  @AfterEach
  void closeLogAndDeleteStorage() throws Exception {
    log.close();
    deleteStorage();
  }

  @BeforeTry
  void freshStorageForEachTry() throws Exception {
    createStorage();
  }

  @AfterTry
  void deleteStorageAfterEachTry() throws Exception {
    deleteStorage();
  }

  // ---- Appending

  @Test
  void appendAssignsConsecutivePositionsStartingAtOne() {
    List<StoredEvent> first = log.append(List.of(event("a", 1), event("b", 1), event("a", 2)));
    List<StoredEvent> second = log.append(List.of(event("c", 1), event("b", 2)));

    assertThat(first).extracting(StoredEvent::position).containsExactly(1L, 2L, 3L);
    assertThat(second).extracting(StoredEvent::position).containsExactly(4L, 5L);
    assertThat(log.lastPosition()).isEqualTo(5);
  }

  @Test
  void appendReturnsEachEventAsStored() {
    NewEvent appended =
        new NewEvent(
            "incident-I-000001",
            1,
            "Reported",
            "{\"place\":\"Kharkiv\",\"note\":\"ünïcødé ✓ 🛡\"}",
            Instant.parse("2025-03-01T12:00:00.000000001Z"));

    StoredEvent stored = log.append(List.of(appended)).get(0);

    assertThat(asNewEvent(stored)).isEqualTo(appended);
    assertThat(readAll()).containsExactly(stored);
  }

  @Test
  void theHashAtAPositionIsTheStoredOneAndNoneBeyondTheEnd() {
    assertThat(log.hashAt(1)).isEmpty();
    List<StoredEvent> stored = log.append(List.of(event("a", 1), event("b", 1)));
    assertThat(log.hashAt(1)).contains(stored.get(0).hash());
    assertThat(log.hashAt(2)).contains(stored.get(1).hash());
    assertThat(log.hashAt(3)).isEmpty();
  }

  @Test
  void anEmptyBatchWritesNothing() {
    assertThat(log.append(List.of())).isEmpty();
    assertThat(log.lastPosition()).isZero();
    assertThat(readAll()).isEmpty();
  }

  @Test
  void aNewLogIsEmpty() {
    assertThat(log.lastPosition()).isZero();
    assertThat(log.verify()).isEqualTo(Verification.ok(0));
  }

  // ---- Optimistic concurrency and atomic batches

  @Test
  void aTakenStreamVersionIsAConflictNamingIt() {
    log.append(List.of(event("incident-7", 1)));

    assertThatThrownBy(() -> log.append(List.of(event("incident-7", 1))))
        .isInstanceOf(ConcurrencyConflict.class)
        .hasMessageContaining("incident-7")
        .hasMessageContaining("version 1");
  }

  @Test
  void aStreamVersionRepeatedWithinOneBatchIsAConflict() {
    assertThatThrownBy(() -> log.append(List.of(event("a", 1), event("a", 1))))
        .isInstanceOf(ConcurrencyConflict.class);
    assertThat(readAll()).isEmpty();
  }

  @Test
  void theSameVersionOnDifferentStreamsIsNoConflict() {
    log.append(List.of(event("a", 1), event("b", 1)));

    assertThat(readAll()).extracting(StoredEvent::streamId).containsExactly("a", "b");
  }

  @Test
  void aConflictInTheMiddleOfABatchWritesNothingOfIt() {
    log.append(List.of(event("a", 1)));

    assertThatThrownBy(() -> log.append(List.of(event("b", 1), event("a", 1), event("c", 1))))
        .isInstanceOf(ConcurrencyConflict.class);

    assertThat(readAll()).extracting(StoredEvent::streamId).containsExactly("a");
    assertThat(log.lastPosition()).isEqualTo(1);
  }

  @Test
  void afterAConflictTheLogContinuesWhereItWas() {
    StoredEvent first = log.append(List.of(event("a", 1))).get(0);
    assertThatThrownBy(() -> log.append(List.of(event("b", 1), event("a", 1))))
        .isInstanceOf(ConcurrencyConflict.class);

    StoredEvent next = log.append(List.of(event("b", 1))).get(0);

    assertThat(next.position()).isEqualTo(2);
    assertThat(next.previousHash()).isEqualTo(first.hash());
    assertThat(log.verify()).isEqualTo(Verification.ok(2));
  }

  @Test
  void aSecondWriterOnTheSameStorageLosesTheRaceAndThenContinues() {
    log.append(List.of(event("a", 1)));
    try (EventLog other = newLog()) {
      log.append(List.of(event("a", 2)));

      assertThatThrownBy(() -> other.append(List.of(event("b", 1))))
          .isInstanceOf(ConcurrencyConflict.class);
      StoredEvent retried = other.append(List.of(event("b", 1))).get(0);

      assertThat(retried.position()).isEqualTo(3);
      assertThat(other.lastPosition()).isEqualTo(3);
    }
    assertThat(log.verify()).isEqualTo(Verification.ok(3));
  }

  // ---- One writer: a claim fences every writer before it

  @Test
  void aClaimFencesEveryWriterOpenedBeforeItForGood() {
    log.append(List.of(event("a", 1)));
    try (EventLog other = newLog()) {
      WriterClaim claim = other.claimWriter("hub-b");

      assertThat(claim.position()).isEqualTo(1);
      assertThat(claim.writer()).isEqualTo("hub-b");
      for (int attempt = 0; attempt < 2; attempt++) {
        assertThatThrownBy(() -> log.append(List.of(event("b", 1))))
            .isInstanceOf(WriterFenced.class)
            .hasMessageContaining("hub-b")
            .hasMessageContaining("nothing of the batch");
      }
      assertThat(other.append(List.of(event("b", 1))))
          .extracting(StoredEvent::position)
          .containsExactly(2L);
    }
    assertThat(readAll()).extracting(StoredEvent::streamId).containsExactly("a", "b");
    assertThat(log.verify()).isEqualTo(Verification.ok(2));
  }

  @Test
  void eachClaimRaisesTheEpochAndFencesTheClaimBeforeIt() {
    try (EventLog second = newLog();
        EventLog third = newLog()) {
      WriterClaim first = log.claimWriter("hub-a");
      log.append(List.of(event("a", 1)));
      WriterClaim next = second.claimWriter("hub-b");
      WriterClaim last = third.claimWriter("hub-c");

      assertThat(next.epoch()).isGreaterThan(first.epoch());
      assertThat(last.epoch()).isGreaterThan(next.epoch());
      assertThat(last.position()).isEqualTo(1);
      assertThatThrownBy(() -> log.append(List.of(event("a", 2)))).isInstanceOf(WriterFenced.class);
      assertThatThrownBy(() -> second.append(List.of(event("a", 2))))
          .isInstanceOf(WriterFenced.class)
          .satisfies(x -> assertThat(((WriterFenced) x).writer()).isEqualTo("hub-c"));
      third.append(List.of(event("a", 2)));
    }
    assertThat(log.verify()).isEqualTo(Verification.ok(2));
  }

  @Test
  void aClaimCountsEveryAppendAcknowledgedBeforeItAndNoneAfter() throws Exception {
    List<Long> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Throwable> end = new AtomicReference<>();
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    Thread old =
        new Thread(
            () -> {
              try {
                for (long v = 1; v <= 100_000; v++) {
                  acknowledged.add(log.append(List.of(event("old", v))).get(0).position());
                  started.countDown();
                  // A gap between appends, as a server has between batches: SQLite's lock is not
                  // fair, and a writer that never lets go would starve the claim past its timeout.
                  Thread.sleep(2);
                }
              } catch (Throwable x) {
                end.set(x);
              }
            });
    try (EventLog other = newLog()) {
      old.start();
      assertThat(started.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      WriterClaim claim = other.claimWriter("hub-b");
      old.join(30_000);

      assertThat(end.get()).isInstanceOf(WriterFenced.class);
      assertThat(acknowledged)
          .as("every append the old writer had acknowledged, and none after the claim")
          .containsExactlyElementsOf(LongStream.rangeClosed(1, claim.position()).boxed().toList());
      assertThat(other.append(List.of(event("new", 1))).get(0).position())
          .isEqualTo(claim.position() + 1);
    }
    assertThat(log.verify()).isEqualTo(Verification.ok(acknowledged.size() + 1L));
  }

  @Test
  void textThatABackendCannotStoreExactlyIsRefusedAndNothingWritten() {
    assertThatThrownBy(() -> log.append(List.of(event("a", 1), withPayload("nul \0 here"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
    assertThatThrownBy(() -> log.append(List.of(withPayload("lone \uD800 surrogate"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogate");
    assertThat(readAll()).isEmpty();
  }

  @Test
  void appendingToAClosedLogIsRefused() {
    log.close();

    assertThatThrownBy(() -> log.append(List.of(event("a", 1))))
        .isInstanceOf(IllegalStateException.class);
  }

  // ---- Reading

  @Test
  void readAfterStreamsEventsInPositionOrderAfterTheOffset() {
    appendSingleEventStreams(10);

    assertThat(readAll()).extracting(StoredEvent::position).containsExactly(positions(1, 10));
    assertThat(readAfter(7)).extracting(StoredEvent::position).containsExactly(8L, 9L, 10L);
    assertThat(readAfter(10)).isEmpty();
    assertThat(readAfter(99)).isEmpty();
  }

  @Test
  void replayAfterGivesWhatReadAfterGivesWithThePayloadAsItsUtf8Bytes() {
    String text = "{\"note\":\"naïve — ≤ \uD83D\uDE00\"}";
    log.append(List.of(event("a", 1), new NewEvent("b", 1, "Noted", text, T0), event("a", 2)));

    List<ReplayRow> replayed = new ArrayList<>();
    log.replayAfter(1, replayed::add);
    List<StoredEvent> read = readAfter(1);

    assertThat(replayed).hasSize(2);
    for (int i = 0; i < read.size(); i++) {
      StoredEvent e = read.get(i);
      ReplayRow r = replayed.get(i);
      assertThat(r.position()).isEqualTo(e.position());
      assertThat(r.streamId()).isEqualTo(e.streamId());
      assertThat(r.streamVersion()).isEqualTo(e.streamVersion());
      assertThat(r.type()).isEqualTo(e.type());
      assertThat(r.payloadUtf8()).isEqualTo(e.payload().getBytes(StandardCharsets.UTF_8));
    }
    assertThat(new String(replayed.get(0).payloadUtf8(), StandardCharsets.UTF_8)).isEqualTo(text);
    List<ReplayRow> none = new ArrayList<>();
    log.replayAfter(3, none::add);
    assertThat(none).isEmpty();
    assertThatThrownBy(() -> log.replayAfter(-1, r -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readStreamGivesOneStreamInVersionOrderAndNothingForAnUnknownOne() {
    log.append(List.of(event("a", 1), event("b", 1)));
    log.append(List.of(event("a", 2), event("c", 1), event("a", 3)));

    List<StoredEvent> a = new ArrayList<>();
    log.readStream("a", a::add);
    List<StoredEvent> none = new ArrayList<>();
    log.readStream("nobody", none::add);

    assertThat(a).extracting(StoredEvent::streamVersion).containsExactly(1L, 2L, 3L);
    assertThat(a).extracting(StoredEvent::position).containsExactly(1L, 3L, 5L);
    assertThat(none).isEmpty();
  }

  @Test
  void readersSeeWholeBatchesOnly() throws Exception {
    int batches = 30;
    int batchSize = 10;
    AtomicReference<Throwable> writerFailure = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                for (int b = 0; b < batches; b++) {
                  List<NewEvent> batch = new ArrayList<>();
                  for (int i = 0; i < batchSize; i++) {
                    batch.add(event("s-" + b + "-" + i, 1));
                  }
                  log.append(batch);
                }
              } catch (Throwable t) {
                writerFailure.set(t);
              }
            });
    writer.start();
    List<Integer> seenCounts = new ArrayList<>();
    while (writer.isAlive()) {
      seenCounts.add(readAll().size());
    }
    writer.join();

    assertThat(writerFailure.get()).isNull();
    assertThat(seenCounts).allSatisfy(count -> assertThat(count % batchSize).isZero());
    assertThat(readAll()).hasSize(batches * batchSize);
  }

  @Test
  void reopeningKeepsEveryEventAndContinuesTheChain() {
    appendSingleEventStreams(5);
    List<StoredEvent> before = readAll();
    log.close();

    log = newLog();
    StoredEvent next = log.append(List.of(event("after-reopen", 1))).get(0);

    assertThat(readAfter(0).subList(0, 5)).isEqualTo(before);
    assertThat(next.position()).isEqualTo(6);
    assertThat(next.previousHash()).isEqualTo(before.get(4).hash());
    assertThat(log.verify()).isEqualTo(Verification.ok(6));
  }

  // ---- The hash chain

  @Test
  void eachEventLinksToItsPredecessorAndTheFirstToTheGenesis() {
    appendSingleEventStreams(4);
    List<StoredEvent> events = readAll();

    assertThat(events.get(0).previousHash()).isEqualTo("0".repeat(64));
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).previousHash()).isEqualTo(events.get(i - 1).hash());
    }
    assertThat(events)
        .extracting(StoredEvent::hash)
        .allMatch(hash -> hash.matches("[0-9a-f]{64}"))
        .doesNotHaveDuplicates();
  }

  @Test
  void verifyOfAnUntouchedLogIsIntactAndCountsEveryEvent() {
    log.append(List.of(event("a", 1), event("b", 1)));
    log.append(List.of(event("a", 2)));

    assertThat(log.verify()).isEqualTo(Verification.ok(3));
  }

  static Stream<Arguments> storedFields() {
    return Stream.of(
        Arguments.of("stream_id", (Function<StoredEvent, String>) StoredEvent::streamId),
        Arguments.of("type", (Function<StoredEvent, String>) StoredEvent::type),
        Arguments.of("payload", (Function<StoredEvent, String>) StoredEvent::payload),
        Arguments.of(
            "recorded_at",
            (Function<StoredEvent, String>) e -> RecordedTime.format(e.recordedAt())),
        Arguments.of("prev_hash", (Function<StoredEvent, String>) StoredEvent::previousHash),
        Arguments.of("hash", (Function<StoredEvent, String>) StoredEvent::hash));
  }

  @ParameterizedTest(name = "a changed byte in {0}")
  @MethodSource("storedFields")
  void verifyFindsAChangedByteInAnyFieldAtItsPosition(
      String column, Function<StoredEvent, String> field) throws Exception {
    appendSingleEventStreams(5);
    String original = field.apply(readAll().get(2));

    tamper(
        "UPDATE events SET "
            + column
            + " = '"
            + oneCharacterChanged(original).replace("'", "''")
            + "' WHERE position = 3");

    assertBrokenAt(3);
  }

  @Test
  void verifyFindsAChangedStreamVersion() throws Exception {
    appendSingleEventStreams(5);

    tamper("UPDATE events SET stream_version = 2 WHERE position = 3");

    assertBrokenAt(3);
  }

  @Test
  void verifyFindsARewrittenEventEvenWhenItsHashWasRecomputed() throws Exception {
    appendSingleEventStreams(5);
    StoredEvent third = readAll().get(2);
    String forgedPayload = "{\"forged\":true}";
    String forgedHash =
        new ChainHash()
            .of(
                3,
                third.streamId(),
                third.streamVersion(),
                third.type(),
                RecordedTime.format(third.recordedAt()),
                forgedPayload,
                third.previousHash());

    tamper(
        "UPDATE events SET payload = '"
            + forgedPayload
            + "', hash = '"
            + forgedHash
            + "' WHERE position = 3");

    assertThat(assertBrokenAt(4).problem()).contains("previous hash");
  }

  @Test
  void verifyFindsADeletedRowInTheMiddle() throws Exception {
    appendSingleEventStreams(5);

    tamper("DELETE FROM events WHERE position = 3");

    assertThat(assertBrokenAt(3).problem()).contains("missing");
  }

  @Test
  void verifyFindsADeletedLastRow() throws Exception {
    appendSingleEventStreams(5);

    tamper("DELETE FROM events WHERE position = 5");

    assertThat(assertBrokenAt(5).problem()).contains("removed");
  }

  @Test
  void verifyFindsSeveralDeletedNewestRows() throws Exception {
    appendSingleEventStreams(5);

    tamper("DELETE FROM events WHERE position >= 4");

    assertBrokenAt(4);
  }

  @Test
  void verifyFindsTwoSwappedRows() throws Exception {
    appendSingleEventStreams(5);

    tamper("UPDATE events SET position = -1 WHERE position = 3");
    tamper("UPDATE events SET position = 3 WHERE position = 4");
    tamper("UPDATE events SET position = 4 WHERE position = -1");

    assertBrokenAt(3);
  }

  @Test
  void verifyFindsARowAddedBehindTheLogsBackEvenWithAValidHash() throws Exception {
    appendSingleEventStreams(5);
    StoredEvent last = readAll().get(4);
    String recordedAt = RecordedTime.format(T0);
    String hash = new ChainHash().of(6, "forged", 1, "Forged", recordedAt, "{}", last.hash());

    tamper(
        "INSERT INTO events ("
            + "position, stream_id, stream_version, type, payload, recorded_at, prev_hash, hash)"
            + " VALUES (6, 'forged', 1, 'Forged', '{}', '"
            + recordedAt
            + "', '"
            + last.hash()
            + "', '"
            + hash
            + "')");

    assertThat(assertBrokenAt(6).problem()).contains("head");
  }

  @Test
  void verifyFindsATamperedHead() throws Exception {
    appendSingleEventStreams(5);

    tamper("UPDATE log_head SET last_hash = '" + "f".repeat(64) + "'");

    assertThat(assertBrokenAt(5).problem()).contains("head");
  }

  @Test
  void verifyFromAPositionChecksThatEventAndEveryLaterOne() throws Exception {
    appendSingleEventStreams(5);

    assertThat(log.verifyFrom(1)).isEqualTo(log.verify()).isEqualTo(Verification.ok(5));
    assertThat(log.verifyFrom(3)).isEqualTo(Verification.ok(5));
    assertThat(log.verifyFrom(5)).isEqualTo(Verification.ok(5));
    assertThat(log.verifyFrom(6).intact()).isFalse();
    assertThat(log.verifyFrom(6).problem()).contains("position 6 is missing");
    assertThatThrownBy(() -> log.verifyFrom(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 or more");
  }

  @Test
  void verifyFromAPositionTakesTheEventsBeforeItOnTrustButNotItself() throws Exception {
    appendSingleEventStreams(5);

    tamper("UPDATE events SET payload = '{\"edited\":1}' WHERE position = 2");

    assertThat(log.verifyFrom(3)).as("what lies before is not read").isEqualTo(Verification.ok(5));
    Verification from2 = log.verifyFrom(2);
    assertThat(from2.firstBadPosition()).isEqualTo(2);
    assertThat(from2.problem()).contains("stored hash does not match");
    assertThat(log.verify().firstBadPosition()).isEqualTo(2);
  }

  @Test
  void verifyFromAPositionFindsABreakAfterIt() throws Exception {
    appendSingleEventStreams(6);

    tamper("DELETE FROM events WHERE position = 4");
    Verification v = log.verifyFrom(3);

    assertThat(v.intact()).isFalse();
    assertThat(v.firstBadPosition()).isEqualTo(4);
    assertThat(v.count()).isEqualTo(3);
    assertThat(v.problem()).contains("position 4 is missing");
  }

  @Test
  void verifyFromAPositionFindsATamperedHead() throws Exception {
    appendSingleEventStreams(5);

    tamper("UPDATE log_head SET last_hash = '" + "f".repeat(64) + "'");

    assertThat(log.verifyFrom(4).problem()).contains("head");
  }

  @Test
  void readingADamagedRecordedTimeNamesThePosition() throws Exception {
    appendSingleEventStreams(3);

    tamper("UPDATE events SET recorded_at = 'yesterday' WHERE position = 2");

    assertThatThrownBy(this::readAll)
        .isInstanceOf(EventLogFailure.class)
        .hasMessageContaining("position 2");
  }

  // ---- Property

  /** One event to append, before the property gives it a stream version. */
  record Draft(int stream, String type, String payload, Instant recordedAt) {}

  @Property(tries = 40)
  void whatIsAppendedIsReadBackExactlyInOrderAndVerifies(
      @ForAll("batchesOfDrafts") List<List<Draft>> batches) {
    Map<Integer, Long> versions = new HashMap<>();
    List<NewEvent> appended = new ArrayList<>();
    List<StoredEvent> returned = new ArrayList<>();
    try (EventLog propertyLog = newLog()) {
      for (List<Draft> drafts : batches) {
        List<NewEvent> batch = new ArrayList<>();
        for (Draft draft : drafts) {
          long version = versions.merge(draft.stream(), 1L, Long::sum);
          batch.add(
              new NewEvent(
                  "stream-" + draft.stream(),
                  version,
                  draft.type(),
                  draft.payload(),
                  draft.recordedAt()));
        }
        returned.addAll(propertyLog.append(batch));
        appended.addAll(batch);
      }
      List<StoredEvent> read = new ArrayList<>();
      propertyLog.readAfter(0, read::add);

      assertThat(read).isEqualTo(returned);
      assertThat(read).extracting(EventLogContract::asNewEvent).isEqualTo(appended);
      assertThat(read)
          .extracting(StoredEvent::position)
          .containsExactly(positions(1, appended.size()));
      assertThat(propertyLog.verify()).isEqualTo(Verification.ok(appended.size()));
    }
  }

  @Provide
  Arbitrary<List<List<Draft>>> batchesOfDrafts() {
    Arbitrary<String> text =
        Arbitraries.integers()
            .between(1, Character.MAX_CODE_POINT)
            .filter(
                codePoint ->
                    codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE)
            .list()
            .ofMaxSize(40)
            .map(
                codePoints -> {
                  StringBuilder s = new StringBuilder();
                  codePoints.forEach(s::appendCodePoint);
                  return s.toString();
                });
    Arbitrary<Instant> recordedAt =
        Combinators.combine(
                Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L),
                Arbitraries.longs().between(0, 999_999_999))
            .as(Instant::ofEpochSecond);
    Arbitrary<Draft> draft =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.of("Reported", "Activated", "TaskingIssued"),
                text,
                recordedAt)
            .as(Draft::new);
    return draft.list().ofMaxSize(25).list().ofMaxSize(8);
  }

  // ---- Helpers

  // ---- Snapshots

  private static final byte[] IMAGE = {0, 1, 2, (byte) 0xff, 'G', 'S', 'N', 'P', 0};

  @Test
  void aNewLogHasNoSnapshots() {
    assertThat(log.snapshots()).isEmpty();
    assertThat(log.snapshotData(1)).isEmpty();
  }

  @Test
  void aSnapshotIsBoundToTheHashOfTheEventAtItsPositionAndReadBackExactly() {
    appendSingleEventStreams(3);
    StoredEvent second = readAll().get(1);

    SnapshotInfo saved = log.saveSnapshot(2, "test/1", IMAGE, T0);

    assertThat(saved).isEqualTo(new SnapshotInfo(2, second.hash(), "test/1", T0, IMAGE.length));
    assertThat(log.snapshots()).containsExactly(saved);
    assertThat(log.snapshotData(2)).hasValueSatisfying(d -> assertThat(d).isEqualTo(IMAGE));
    assertThat(log.snapshotMismatch(saved)).isEmpty();
  }

  @Test
  void aSnapshotSurvivesReopeningAndStillMatches() {
    appendSingleEventStreams(3);
    SnapshotInfo saved = log.saveSnapshot(3, "test/1", IMAGE, T0);
    log.close();
    log = newLog();

    assertThat(log.snapshots()).containsExactly(saved);
    assertThat(log.snapshotMismatch(saved)).isEmpty();
    assertThat(log.verify()).isEqualTo(Verification.ok(3));
  }

  @Test
  void onlyTheNewestTwoSnapshotsAreKeptAndASecondAtOnePositionReplacesTheFirst() {
    appendSingleEventStreams(4);
    log.saveSnapshot(1, "test/1", IMAGE, T0);
    log.saveSnapshot(2, "test/1", IMAGE, T0);
    log.saveSnapshot(3, "test/1", IMAGE, T0);
    log.saveSnapshot(3, "test/2", new byte[] {7}, T0.plusSeconds(1));

    assertThat(log.snapshots())
        .extracting(SnapshotInfo::position, SnapshotInfo::format, SnapshotInfo::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "test/2", 1L),
            org.assertj.core.groups.Tuple.tuple(2L, "test/1", (long) IMAGE.length));
    assertThat(log.snapshotData(1)).isEmpty();
  }

  @Test
  void aSnapshotWithNoEventAtItsPositionIsRefusedAndNothingSaved() {
    appendSingleEventStreams(2);

    assertThatThrownBy(() -> log.saveSnapshot(3, "test/1", IMAGE, T0))
        .isInstanceOf(EventLogFailure.class)
        .hasMessageContaining("position 3");
    assertThatThrownBy(() -> log.saveSnapshot(0, "test/1", IMAGE, T0))
        .isInstanceOf(EventLogFailure.class);
    assertThat(log.snapshots()).isEmpty();
    log.append(List.of(event("after", 1)));
    assertThat(log.lastPosition()).isEqualTo(3);
  }

  @Test
  void aLogRewrittenBelowASnapshotWithItsChainRecomputedNoLongerMatchesIt() throws Exception {
    appendSingleEventStreams(5);
    SnapshotInfo saved = log.saveSnapshot(4, "test/1", IMAGE, T0);

    // A forger who recomputes every hash from the edit on leaves a chain that verifies; only the
    // hash at the snapshot's position, recorded apart from the chain, tells.
    rewriteFrom(2, "{\"forged\":true}");

    assertThat(log.verify().intact()).isTrue();
    assertThat(log.snapshotMismatch(saved))
        .hasValueSatisfying(p -> assertThat(p).contains("position 4").contains("rewritten"));
  }

  @Test
  void anEditOfTheEventAtASnapshotsPositionIsAMismatch() throws Exception {
    appendSingleEventStreams(3);
    SnapshotInfo saved = log.saveSnapshot(3, "test/1", IMAGE, T0);

    tamper("UPDATE events SET payload = '{\"edited\":1}' WHERE position = 3");

    assertThat(log.snapshotMismatch(saved))
        .hasValueSatisfying(p -> assertThat(p).contains("position 3").contains("altered"));
    assertBrokenAt(3);
  }

  @Test
  void aSnapshotBeyondTheEndOfATruncatedLogIsAMismatch() throws Exception {
    appendSingleEventStreams(3);
    SnapshotInfo saved = log.saveSnapshot(3, "test/1", IMAGE, T0);
    StoredEvent second = readAll().get(1);

    tamper("DELETE FROM events WHERE position = 3");
    tamper("UPDATE log_head SET event_count = 2, last_hash = '" + second.hash() + "' WHERE id = 1");

    assertThat(log.snapshotMismatch(saved))
        .hasValueSatisfying(p -> assertThat(p).contains("beyond the end of the log"));
  }

  /** Replaces the payload at {@code from} and recomputes the chain and the head from there. */
  private void rewriteFrom(long from, String payload) throws Exception {
    List<StoredEvent> all = readAll();
    ChainHash chain = new ChainHash();
    String previous = all.get((int) from - 2).hash();
    for (StoredEvent e : all.subList((int) from - 1, all.size())) {
      String text = e.position() == from ? payload : e.payload();
      String hash =
          chain.of(
              e.position(),
              e.streamId(),
              e.streamVersion(),
              e.type(),
              RecordedTime.format(e.recordedAt()),
              text,
              previous);
      tamper(
          "UPDATE events SET payload = '"
              + text.replace("'", "''")
              + "', prev_hash = '"
              + previous
              + "', hash = '"
              + hash
              + "' WHERE position = "
              + e.position());
      previous = hash;
    }
    tamper("UPDATE log_head SET last_hash = '" + previous + "' WHERE id = 1");
  }

  private Verification assertBrokenAt(long position) {
    Verification verification = log.verify();
    assertThat(verification.intact()).as("intact").isFalse();
    assertThat(verification.firstBadPosition()).as("first bad position").isEqualTo(position);
    assertThat(verification.problem()).isNotBlank();
    return verification;
  }

  private void appendSingleEventStreams(int count) {
    for (int i = 1; i <= count; i++) {
      log.append(List.of(event("stream-" + i, 1)));
    }
  }

  private List<StoredEvent> readAll() {
    return readAfter(0);
  }

  private List<StoredEvent> readAfter(long position) {
    List<StoredEvent> events = new ArrayList<>();
    log.readAfter(position, events::add);
    return events;
  }

  private static NewEvent event(String stream, long version) {
    return new NewEvent(
        stream,
        version,
        "Tested",
        "{\"stream\":\"" + stream + "\",\"version\":" + version + "}",
        T0.plusSeconds(version));
  }

  private static NewEvent withPayload(String payload) {
    return new NewEvent("odd", 1, "Tested", payload, T0);
  }

  private static NewEvent asNewEvent(StoredEvent stored) {
    return new NewEvent(
        stored.streamId(),
        stored.streamVersion(),
        stored.type(),
        stored.payload(),
        stored.recordedAt());
  }

  private static Long[] positions(long first, long last) {
    return LongStream.rangeClosed(first, last).boxed().toArray(Long[]::new);
  }

  /** The same text with the middle character replaced by another of the same kind. */
  private static String oneCharacterChanged(String text) {
    int middle = text.length() / 2;
    char c = text.charAt(middle);
    char replacement =
        Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10) : (c == 'x' ? 'y' : 'x');
    return text.substring(0, middle) + replacement + text.substring(middle + 1);
  }
}
