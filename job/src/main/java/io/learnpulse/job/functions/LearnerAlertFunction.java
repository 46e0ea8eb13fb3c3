package io.learnpulse.job.functions;

import static io.learnpulse.job.rules.LearnerState.NONE;

import io.learnpulse.job.rules.LearnerState;
import io.learnpulse.job.rules.LearnerTimeline;
import io.learnpulse.job.rules.RuleConfig;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.DailyFigures;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.JsonCodec;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs the {@link LearnerTimeline} of each learner (keyed by userId) on event-time timers: one
 * value state with the learner's rule state, one map state of recent event ids, and at most one
 * registered timer per learner, at its next wake-up.
 */
public class LearnerAlertFunction extends KeyedProcessFunction<String, ActivityEvent, Alert> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DailyFigures> DAILY_FIGURES = new OutputTag<>("daily-figures") {};
    public static final OutputTag<DeadLetter> LATE_EVENTS = new OutputTag<>("late-events") {};
    /** Accumulators the replay reads for its summary. */
    public static final String DUPLICATES_ACCUMULATOR = "duplicates";

    private final LearnerTimeline timeline;

    private transient ValueState<LearnerState> learner;
    private transient MapStateSeenEvents seenEvents;
    private transient Counter lateEvents;
    private transient Counter duplicates;
    private transient LongCounter duplicatesTotal;
    private transient Map<AlertType, Counter> alertsByType;
    private transient Counter dailyFigures;

    /** {@code clock} gives the alerts' {@code detectedAt}: the system's in the job, a fixed one in tests. */
    public LearnerAlertFunction(RuleConfig rules, Clock clock) {
        this.timeline = new LearnerTimeline(rules, clock);
    }

    @Override
    public void open(OpenContext openContext) {
        learner = getRuntimeContext().getState(new ValueStateDescriptor<>("learner", LearnerState.class));
        MapState<String, Long> ids = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.LONG));
        seenEvents = new MapStateSeenEvents(ids);

        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        lateEvents = metrics.counter("lateEvents");
        duplicates = metrics.counter("duplicateEvents");
        dailyFigures = metrics.counter("dailyFiguresOut");
        MetricGroup alerts = metrics.addGroup("alertsOut");
        alertsByType = new EnumMap<>(AlertType.class);
        for (AlertType type : AlertType.values()) {
            alertsByType.put(type, alerts.counter(type.name()));
        }
        duplicatesTotal = new LongCounter();
        getRuntimeContext().addAccumulator(DUPLICATES_ACCUMULATOR, duplicatesTotal);
    }

    @Override
    public void processElement(ActivityEvent event, Context ctx, Collector<Alert> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (event.timestamp <= watermark) {
            // Late here, though not at its source: another partition moved the watermark on while this
            // one was idle. Its raw text stayed behind at the source; the dead letter carries its JSON.
            lateEvents.inc();
            ctx.output(LATE_EVENTS, LateEvents.deadLetter(event, watermark, JsonCodec.event(event)));
            return;
        }
        LearnerState state = learner.value();
        if (state == null) {
            state = new LearnerState();
        }
        timeline.receive(state, event.copy()); // the input object is reused once this call returns
        reschedule(ctx.getCurrentKey(), state, ctx.timerService());
        learner.update(state);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        LearnerState state = learner.value();
        if (state == null) {
            return;
        }
        state.timerAt = NONE;
        long watermark = ctx.timerService().currentWatermark();
        TimelineOutput output = new TimelineOutput(ctx, out);
        if (watermark == Long.MAX_VALUE) {
            timeline.drain(ctx.getCurrentKey(), state, seenEvents, output);
            learner.clear();
            seenEvents.clear();
            return;
        }
        timeline.advance(ctx.getCurrentKey(), state, watermark, seenEvents, output);
        if (state.isEmpty()) {
            learner.clear();
            seenEvents.clear();
            return;
        }
        reschedule(ctx.getCurrentKey(), state, ctx.timerService());
        learner.update(state);
    }

    /** Keeps exactly one timer per learner, at its next wake-up. */
    private void reschedule(String userId, LearnerState state, TimerService timers) {
        long next = timeline.nextWakeup(userId, state);
        if (next == state.timerAt) {
            return;
        }
        if (state.timerAt != NONE) {
            timers.deleteEventTimeTimer(state.timerAt);
        }
        if (next != NONE) {
            timers.registerEventTimeTimer(next);
        }
        state.timerAt = next;
    }

    private final class TimelineOutput implements LearnerTimeline.Output {
        private final OnTimerContext ctx;
        private final Collector<Alert> alerts;

        TimelineOutput(OnTimerContext ctx, Collector<Alert> alerts) {
            this.ctx = ctx;
            this.alerts = alerts;
        }

        @Override
        public void alert(Alert alert) {
            alertsByType.get(alert.type).inc();
            alerts.collect(alert);
        }

        @Override
        public void dailyFigures(DailyFigures figures) {
            dailyFigures.inc();
            ctx.output(DAILY_FIGURES, figures);
        }

        @Override
        public void duplicate(ActivityEvent event) {
            duplicates.inc();
            duplicatesTotal.add(1);
        }
    }
}
