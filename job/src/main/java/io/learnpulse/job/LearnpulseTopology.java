package io.learnpulse.job;

import io.learnpulse.job.functions.LearnerAlertFunction;
import io.learnpulse.job.functions.LearnerRulesOperator;
import io.learnpulse.job.functions.RejectionRouter;
import io.learnpulse.job.functions.StateRouter;
import io.learnpulse.job.records.ActivityEventTypeInfo;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.job.records.StateInput;
import io.learnpulse.job.rules.RuleConfig;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.DailyFigures;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.LearnerRisk;
import io.learnpulse.model.SettingsOverride;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The job graph shared by the live job and the replay: input records (already carrying event-time
 * timestamps and watermarks from their source) and course-calendar and settings records in;
 * alerts, daily figures, risk scores and dead letters out.
 * Sources and sinks are plugged in by the caller. Every function here is safe with reused input
 * objects (the rules copy what they keep), so the callers enable object reuse, which spares a
 * reflective copy of each record between chained operators.
 */
public final class LearnpulseTopology {
    private LearnpulseTopology() {}

    /** The four outputs of the job. */
    public static final class Outputs {
        public final DataStream<Alert> alerts;
        public final DataStream<DailyFigures> dailyFigures;
        public final DataStream<LearnerRisk> riskScores;
        public final DataStream<DeadLetter> deadLetters;

        Outputs(DataStream<Alert> alerts, DataStream<DailyFigures> dailyFigures, DataStream<LearnerRisk> riskScores,
                DataStream<DeadLetter> deadLetters) {
            this.alerts = alerts;
            this.dailyFigures = dailyFigures;
            this.riskScores = riskScores;
            this.deadLetters = deadLetters;
        }
    }

    /**
     * A bounded calendar and settings input for a run whose calendar and settings are known before
     * the first event (a replay): it hands their valid records to {@link #build} as the initial
     * calendar and settings, which no ordering of bounded inputs would guarantee, so this input
     * carries only the lines to be dead-lettered (their raw text). Finished at once, it never holds
     * the events' watermark back.
     */
    public static DataStream<StateInput> boundedState(StreamExecutionEnvironment env,
            List<String> rejectedCalendarLines, List<String> rejectedSettingsLines) {
        // one tick that emits the lines: a collection source of no element is not empty in Flink 2.2
        return env.fromSequence(0, 0)
                .name("bounded-calendar")
                .uid("bounded-calendar")
                .setParallelism(1)
                .flatMap(new StateLines(new ArrayList<>(rejectedCalendarLines), new ArrayList<>(rejectedSettingsLines)))
                .name("bounded-calendar-lines")
                .uid("bounded-calendar-lines")
                .setParallelism(1);
    }

    /** Parses the lines it holds, once. */
    private static final class StateLines implements FlatMapFunction<Long, StateInput> {
        private static final long serialVersionUID = 1L;
        private final ArrayList<String> calendarLines;
        private final ArrayList<String> settingsLines;

        StateLines(ArrayList<String> calendarLines, ArrayList<String> settingsLines) {
            this.calendarLines = calendarLines;
            this.settingsLines = settingsLines;
        }

        @Override
        public void flatMap(Long tick, Collector<StateInput> out) {
            for (String line : calendarLines) {
                out.collect(StateInput.Kind.CALENDAR.parse(line));
            }
            for (String line : settingsLines) {
                out.collect(StateInput.Kind.SETTINGS.parse(line));
            }
        }
    }

    /**
     * {@code state} is the live calendar and settings input, broadcast to the rule operator; its
     * watermark must never hold the events' back ({@link EventTimeWatermarks#forStateInput}).
     * {@code initialCalendar} and {@code initialSettings} are known before the first event (a
     * replay's files). {@code clock} gives the alerts' {@code detectedAt}.
     */
    public static Outputs build(DataStream<InputRecord> input, DataStream<StateInput> state,
            List<CalendarItem> initialCalendar, List<SettingsOverride> initialSettings, RuleConfig rules, Clock clock) {
        SingleOutputStreamOperator<ActivityEvent> events = input
                // the events' own serializer on the way to the rule operator, not the POJO one's reflection
                .process(new RejectionRouter(), ActivityEventTypeInfo.INSTANCE)
                .name("route-rejected-input")
                .uid("route-rejected-input")
                // chained to its source: each rule subtask then sees the watermarks of exactly the
                // source subtasks, in their order, so a replayed file's late events follow its order
                .setParallelism(input.getParallelism());
        // the uid of the calendar's router before settings joined it, so that savepoints still fit
        SingleOutputStreamOperator<StateInput> valid = state
                .process(new StateRouter(rules))
                .name("route-rejected-calendar")
                .uid("route-rejected-calendar")
                .setParallelism(state.getParallelism());
        SingleOutputStreamOperator<Alert> alerts = events
                .keyBy(event -> event.userId)
                // the calendar and the settings are broadcast state of the operator (LearnerRulesOperator)
                .connect(valid.broadcast())
                .transform("learner-rules", TypeInformation.of(Alert.class), new LearnerRulesOperator(
                        new LearnerAlertFunction(rules, initialCalendar, initialSettings, clock)))
                .uid("learner-rules");
        DataStream<DeadLetter> deadLetters = events.getSideOutput(RejectionRouter.REJECTED)
                .union(alerts.getSideOutput(LearnerAlertFunction.LATE_EVENTS),
                        valid.getSideOutput(StateRouter.REJECTED));
        return new Outputs(alerts, alerts.getSideOutput(LearnerAlertFunction.DAILY_FIGURES),
                alerts.getSideOutput(LearnerAlertFunction.RISK_SCORES), deadLetters);
    }
}
