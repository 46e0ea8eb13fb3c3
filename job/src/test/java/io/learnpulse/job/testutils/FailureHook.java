package io.learnpulse.job.testutils;

import io.learnpulse.job.records.InputRecord;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Passes records through and, in the job's first attempt only, throws once after a given number of
 * records that follow the subtask's first completed checkpoint. The automatic restart then runs
 * attempt 1, where it never fails again, so a test sees exactly one recovery from a real checkpoint.
 * Plugged in after the job's source with {@link #stage}.
 */
public class FailureHook extends RichMapFunction<InputRecord, InputRecord> implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    public static final String MESSAGE = "learnpulse test failure hook: injected failure";
    public static final String UID = "test-failure-hook";

    private final long failAfterRecords;
    private transient boolean active;
    private transient boolean checkpointed;
    private transient long recordsSinceCheckpoint;

    public FailureHook(long failAfterRecords) {
        this.failAfterRecords = failAfterRecords;
    }

    /** The stage for {@code LearnpulseJob.build}: each source subtask fails once, after this many records. */
    public static UnaryOperator<DataStream<InputRecord>> stage(long failAfterRecords) {
        return input -> input.map(new FailureHook(failAfterRecords)).name(UID).uid(UID);
    }

    @Override
    public void open(OpenContext openContext) {
        active = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
    }

    @Override
    public InputRecord map(InputRecord record) {
        if (active && checkpointed && ++recordsSinceCheckpoint >= failAfterRecords) {
            active = false;
            throw new InjectedFailure();
        }
        return record;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
    }

    /** The failure the hook throws. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure() {
            super(MESSAGE);
        }
    }
}
