package io.learnpulse.job;

import io.learnpulse.job.functions.LearnerAlertFunction;
import io.learnpulse.job.functions.RejectionRouter;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.job.rules.RuleConfig;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.DailyFigures;
import io.learnpulse.model.DeadLetter;
import java.time.Clock;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The job graph shared by the live job and the replay: input records (already carrying event-time
 * timestamps and watermarks from their source) in; alerts, daily figures and dead letters out.
 * Sources and sinks are plugged in by the caller. Every function here is safe with reused input
 * objects (the rules copy what they keep), so the callers enable object reuse, which spares a
 * reflective copy of each record between chained operators.
 */
public final class LearnpulseTopology {
    private LearnpulseTopology() {}

    /** The three outputs of the job. */
    public static final class Outputs {
        public final DataStream<Alert> alerts;
        public final DataStream<DailyFigures> dailyFigures;
        public final DataStream<DeadLetter> deadLetters;

        Outputs(DataStream<Alert> alerts, DataStream<DailyFigures> dailyFigures, DataStream<DeadLetter> deadLetters) {
            this.alerts = alerts;
            this.dailyFigures = dailyFigures;
            this.deadLetters = deadLetters;
        }
    }

    /** {@code clock} gives the alerts' {@code detectedAt}. */
    public static Outputs build(DataStream<InputRecord> input, RuleConfig rules, Clock clock) {
        SingleOutputStreamOperator<ActivityEvent> events = input
                .process(new RejectionRouter())
                .name("route-rejected-input")
                .uid("route-rejected-input")
                // chained to its source: each rule subtask then sees the watermarks of exactly the
                // source subtasks, in their order, so a replayed file's late events follow its order
                .setParallelism(input.getParallelism());
        SingleOutputStreamOperator<Alert> alerts = events
                .keyBy(event -> event.userId)
                .process(new LearnerAlertFunction(rules, clock))
                .name("learner-rules")
                .uid("learner-rules");
        DataStream<DeadLetter> deadLetters = events.getSideOutput(RejectionRouter.REJECTED)
                .union(alerts.getSideOutput(LearnerAlertFunction.LATE_EVENTS));
        return new Outputs(alerts, alerts.getSideOutput(LearnerAlertFunction.DAILY_FIGURES), deadLetters);
    }
}
