package io.learnpulse.job.functions;

import io.learnpulse.job.records.StateInput;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import java.util.List;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * The {@code learner-rules} operator: Flink's keyed broadcast operator running a
 * {@link LearnerAlertFunction}, which it also hands what the function needs outside Flink's calls
 * of it: the key context (for the cache of learners in front of their keyed state and the index of
 * when to wake each learner), the broadcast states, the keyed state once at opening (the index is
 * rebuilt from it after a restore), each new watermark (the index is taken up to it), and each
 * checkpoint or savepoint, before the state backend takes it (the cache is written back before the
 * keyed state's snapshot), so that the keyed state it snapshots is complete.
 */
public final class LearnerRulesOperator extends CoBroadcastWithKeyedOperator<String, ActivityEvent, StateInput, Alert> {
    private static final long serialVersionUID = 1L;

    private transient Results results;

    public LearnerRulesOperator(LearnerAlertFunction function) {
        super(function, List.of(LearnerAlertFunction.CALENDAR, LearnerAlertFunction.SETTINGS));
    }

    @Override
    public void open() throws Exception {
        super.open();
        function().attach(this,
                getOperatorStateBackend().getBroadcastState(LearnerAlertFunction.CALENDAR),
                getOperatorStateBackend().getBroadcastState(LearnerAlertFunction.SETTINGS),
                getKeyedStateBackend().isSafeToReuseKVState());
        function().wakeRestoredLearners(getKeyedStateBackend());
        results = new Results();
    }

    /**
     * The rules' time is the events' watermark alone. Flink would combine it with the state input's,
     * which is always the highest (calendar and settings records carry no event time) and never
     * idle: once every partition of the events is idle (silent for the job's {@code idleness}, a
     * quiet night) the combined watermark would jump to the end of time, and every learner would
     * be drained and dropped as at the end of a finite input. Here a silence stops time instead.
     */
    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        processWatermark(mark); // monotonic already: Flink's input valve combines the channels
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // the state input's: see processWatermark1
    }

    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int input) throws Exception {
        if (input == 0) {
            output.emitWatermarkStatus(status); // the events' idleness, passed on; the state input's is ignored
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        function().wakeUpTo(mark.getTimestamp(), results);
        super.processWatermark(mark); // fires timers restored from an earlier version's savepoint, forwards the watermark
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        // before the keyed state backend is snapshotted (StreamOperatorStateHandler calls this first)
        function().flushCache();
        super.snapshotState(context);
    }

    /** Learners with a deadline to be woken at, the gauge {@code learnersWithDeadline} (tests: at most one wake-up each). */
    public long learnersWithDeadline() {
        return function().learnersWithDeadline();
    }

    private LearnerAlertFunction function() {
        return (LearnerAlertFunction) userFunction; // the constructor takes only this type
    }

    /** The operator's output. */
    private final class Results implements LearnerAlertFunction.ResultSink {
        private long timestamp;

        @Override
        public void alert(Alert alert) {
            output.collect(new StreamRecord<>(alert, timestamp));
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            output.collect(tag, new StreamRecord<>(value, timestamp));
        }

        @Override
        public void stampWith(long timestamp) {
            this.timestamp = timestamp;
        }
    }
}
