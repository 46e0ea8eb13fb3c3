package io.learnpulse.job.functions;

import io.learnpulse.job.records.StateInput;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import java.util.List;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;

/**
 * The {@code learner-rules} operator: Flink's keyed broadcast operator running a
 * {@link LearnerAlertFunction}, which also hands the function its key context (for the cache of
 * learners in front of their keyed state) and flushes that cache before each snapshot, checkpoint or
 * savepoint, so that the keyed state it snapshots is complete.
 */
public final class LearnerRulesOperator extends CoBroadcastWithKeyedOperator<String, ActivityEvent, StateInput, Alert> {
    private static final long serialVersionUID = 1L;

    public LearnerRulesOperator(LearnerAlertFunction function) {
        super(function, List.of(LearnerAlertFunction.CALENDAR, LearnerAlertFunction.SETTINGS));
    }

    @Override
    public void open() throws Exception {
        super.open();
        function().openCache(this);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        // before the keyed state backend is snapshotted (StreamOperatorStateHandler calls this first)
        function().flushCache();
        super.snapshotState(context);
    }

    private LearnerAlertFunction function() {
        return (LearnerAlertFunction) userFunction; // the constructor takes only this type
    }
}
