package io.learnpulse.job.functions;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.records.StateInput;
import io.learnpulse.job.rules.RuleConfig;
import io.learnpulse.job.testutils.TestClock;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cache of learners in front of their keyed state, on RocksDB as the job runs it and on the
 * heap backend: a failure between two flushes loses and repeats nothing. The input before a checkpoint, the checkpoint, more
 * input (its changes only in the cache, or, with a cache of one learner, partly written back by
 * evictions), a failure; then the restore from that checkpoint and the input after it again, as
 * the source replays it from its checkpointed offsets. What the exactly-once sink commits, the
 * alerts before the checkpoint and those of the second attempt, equals a run without failure.
 */
class LearnerRulesOperatorTest {

    /**
     * Both backends: RocksDB copies the values, so the cache keeps them after a flush; the heap
     * backend keeps the objects, so a flush empties the cache, and every handle in the index of
     * wake-ups is read through a fresh look-up afterwards. A cache of one learner evicts at every
     * other learner's event.
     */
    static Stream<Arguments> caches() {
        return Stream.of(Arguments.of(1, true), Arguments.of(LearnerAlertFunction.CACHED_LEARNERS, true),
                Arguments.of(1, false), Arguments.of(LearnerAlertFunction.CACHED_LEARNERS, false));
    }

    @ParameterizedTest(name = "cache of {0} learners, RocksDB {1}")
    @MethodSource("caches")
    void aFailureBetweenFlushesLosesAndRepeatsNothing(int cachedLearners, boolean onRocksDb) throws Exception {
        List<Object> beforeCheckpoint = List.of(
                low("a", at(0, "09:00"), 1), low("b", at(0, "09:05"), 1), low("c", at(0, "09:10"), 1),
                low("a", at(0, "10:00"), 2), low("b", at(0, "10:05"), 2),
                // silent after the checkpoint: only its deadlines, found again after the restore, wake it
                low("e", at(0, "09:20"), 1),
                new Watermark(at(0, "10:30")),
                // waiting for the watermark at the checkpoint: found again after the restore
                low("d", at(0, "10:40"), 1), low("d", at(0, "10:50"), 2));
        List<Object> afterCheckpoint = List.of(
                low("a", at(0, "11:00"), 3), low("c", at(0, "11:10"), 2),
                // a duplicate of an event accepted before the checkpoint: dropped after the restore too
                low("b", at(0, "10:05"), 2),
                low("b", at(0, "11:05"), 3), low("c", at(0, "12:10"), 3),
                low("d", at(0, "11:20"), 3),
                new Watermark(at(0, "13:00")),
                low("a", at(1, "09:00"), 4), low("a", at(1, "10:00"), 5),
                new Watermark(at(1, "11:00")),
                new Watermark(at(4, "01:00")));

        List<String> withoutFailure = new ArrayList<>();
        try (KeyedTwoInputStreamOperatorTestHarness<String, ActivityEvent, StateInput, Alert> h = harness(cachedLearners, onRocksDb, null)) {
            feed(h, beforeCheckpoint);
            feed(h, afterCheckpoint);
            endOfInput(h);
            withoutFailure.addAll(alerts(h));
        }

        List<String> committed = new ArrayList<>();
        OperatorSubtaskState checkpoint;
        try (KeyedTwoInputStreamOperatorTestHarness<String, ActivityEvent, StateInput, Alert> failing = harness(cachedLearners, onRocksDb, null)) {
            feed(failing, beforeCheckpoint);
            checkpoint = checkpoint(failing, 1L);
            committed.addAll(alerts(failing)); // committed with checkpoint 1
            feed(failing, afterCheckpoint.subList(0, 7)); // then the failure: its alerts are never committed
        }
        try (KeyedTwoInputStreamOperatorTestHarness<String, ActivityEvent, StateInput, Alert> restored = harness(cachedLearners, onRocksDb, checkpoint)) {
            feed(restored, afterCheckpoint);
            endOfInput(restored);
            committed.addAll(alerts(restored));
            assertThat(checkpoint(restored, 2L)).isNotNull();
            try (Stream<Object> learners = restored.getOperator().getKeyedStateBackend()
                    .getKeys("learner", VoidNamespace.INSTANCE)) {
                assertThat(learners).as("learners in the keyed state").isEmpty();
            }
            assertThat(restored.numEventTimeTimers()).as("event-time timers").isZero();
            assertThat(((LearnerRulesOperator) restored.getOperator()).learnersWithDeadline())
                    .as("learners with a deadline").isZero();
        }

        assertThat(withoutFailure).as("the run without failure").contains(
                "a CONSECUTIVE_LOW_SCORES@" + Instant.ofEpochMilli(at(0, "11:00")),
                "b CONSECUTIVE_LOW_SCORES@" + Instant.ofEpochMilli(at(0, "11:05")),
                "c CONSECUTIVE_LOW_SCORES@" + Instant.ofEpochMilli(at(0, "12:10")),
                "d CONSECUTIVE_LOW_SCORES@" + Instant.ofEpochMilli(at(0, "11:20")),
                "e ENGAGEMENT_DROP@" + Instant.ofEpochMilli(at(4, "00:00")));
        // across learners, the timers due at one watermark fire in no defined order
        assertThat(committed).containsExactlyInAnyOrderElementsOf(withoutFailure);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, ActivityEvent, StateInput, Alert> harness(
            int cachedLearners, boolean onRocksDb, OperatorSubtaskState restoreFrom) throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, ActivityEvent, StateInput, Alert> h =
                new KeyedTwoInputStreamOperatorTestHarness<>(new LearnerRulesOperator(new LearnerAlertFunction(
                        RuleConfig.defaults(), List.of(), List.of(), TestClock.FIXED, cachedLearners)), e -> e.userId, null, Types.STRING);
        if (onRocksDb) {
            EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend(true);
            rocksDb.setPriorityQueueStateType(PriorityQueueStateType.HEAP); // as the job's default (timers: heap)
            h.setStateBackend(rocksDb);
        } else {
            h.setStateBackend(new HashMapStateBackend());
        }
        h.setup();
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        h.processWatermark2(new Watermark(Long.MAX_VALUE)); // the calendar's, as in the job
        return h;
    }

    /** What a task does at a checkpoint: the operator's preparation before the barrier, then its snapshot. */
    private static OperatorSubtaskState checkpoint(
            KeyedTwoInputStreamOperatorTestHarness<String, ActivityEvent, StateInput, Alert> h, long id) throws Exception {
        h.prepareSnapshotPreBarrier(id);
        return h.snapshot(id, id);
    }

    /** A low score: three in a row fire CONSECUTIVE_LOW_SCORES. */
    private static ActivityEvent low(String user, long time, int n) {
        ActivityEvent e = new ActivityEvent(user + "-" + n, user, EventType.ASSESSMENT, time);
        e.score = 0.2;
        return e;
    }

    private static void feed(KeyedTwoInputStreamOperatorTestHarness<String, ActivityEvent, StateInput, Alert> h,
            List<Object> input) throws Exception {
        for (Object next : input) {
            if (next instanceof Watermark watermark) {
                h.processWatermark1(watermark);
            } else {
                ActivityEvent event = (ActivityEvent) next;
                h.processElement1(new StreamRecord<>(event.copy(), event.timestamp));
            }
        }
    }

    private static void endOfInput(KeyedTwoInputStreamOperatorTestHarness<String, ActivityEvent, StateInput, Alert> h)
            throws Exception {
        h.processWatermark1(new Watermark(Long.MAX_VALUE));
    }

    private static List<String> alerts(KeyedTwoInputStreamOperatorTestHarness<String, ActivityEvent, StateInput, Alert> h) {
        List<String> alerts = new ArrayList<>();
        for (Alert a : h.extractOutputValues()) {
            alerts.add(a.userId + " " + a.type + "@" + Instant.ofEpochMilli(a.eventTime));
        }
        return alerts;
    }
}
