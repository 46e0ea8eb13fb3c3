package io.learnpulse.job.functions;

import static io.learnpulse.job.rules.LearnerState.NONE;

import io.learnpulse.job.records.StateInput;
import io.learnpulse.job.rules.CourseCalendar;
import io.learnpulse.job.rules.CourseSchedule;
import io.learnpulse.job.rules.LearnerState;
import io.learnpulse.job.rules.LearnerTimeline;
import io.learnpulse.job.rules.Overrides;
import io.learnpulse.job.rules.RuleConfig;
import io.learnpulse.job.rules.ScheduledItem;
import io.learnpulse.job.rules.SettingsBook;
import io.learnpulse.job.rules.SettingsHistory;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.DailyFigures;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.LearnerRisk;
import io.learnpulse.model.SettingsOverride;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs the {@link LearnerTimeline} of each learner (keyed by userId) on event-time timers: one
 * value state with all the learner's state (its recent event ids too), and at most one registered
 * timer per learner, at its next wake-up. It runs in a {@link LearnerRulesOperator}: the value state
 * is read and written only through a {@link WriteBackCache} of the learners used last, which that
 * operator flushes before each snapshot (so no code may reach the value state around the cache,
 * e.g. by {@code applyToKeyedState}).
 *
 * <p>The course calendar is its broadcast input, kept as broadcast state (checkpointed with the
 * rest): per course, every item version with the watermark at which this operator learned it
 * ({@link CourseSchedule}), so that each learner's deadline uses the calendar as the job knew it
 * when its watermark passed that deadline (docs/time-and-delivery.md), however late the learner's timeline gets to
 * it. A replay hands its whole {@code --calendar} file over as the initial calendar, known before
 * the first event; live items override it course by course.
 *
 * <p>The cohorts' and learners' settings overrides come the same way, on the same broadcast input,
 * kept as broadcast state too: per {@code scope:id}, every version with the watermark at which this
 * operator learned it ({@link SettingsHistory}), so that each evaluation at T uses the settings as
 * the job knew them when its watermark passed T (docs/rules.md); a replay's {@code --settings} file
 * is known before the first event.
 */
public class LearnerAlertFunction extends KeyedBroadcastProcessFunction<String, ActivityEvent, StateInput, Alert> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DailyFigures> DAILY_FIGURES = new OutputTag<>("daily-figures") {};
    public static final OutputTag<LearnerRisk> RISK_SCORES = new OutputTag<>("risk-scores") {};
    public static final OutputTag<DeadLetter> LATE_EVENTS = new OutputTag<>("late-events") {};
    /** Accumulators the replay reads for its summary. */
    public static final String DUPLICATES_ACCUMULATOR = "duplicates";
    /** The course calendar as this operator learned it, by courseId. */
    public static final MapStateDescriptor<String, CourseSchedule> CALENDAR = new MapStateDescriptor<>(
            "course-calendar", Types.STRING, TypeInformation.of(CourseSchedule.class));
    /** The settings overrides as this operator learned them, by {@code scope:id}. */
    public static final MapStateDescriptor<String, SettingsHistory> SETTINGS = new MapStateDescriptor<>(
            "rule-settings", Types.STRING, TypeInformation.of(SettingsHistory.class));
    /**
     * How far behind the watermark a learner's timeline may still evaluate: up to its next wake-up,
     * at most the forget period after its last event, with two days' margin; settings versions shadowed before
     * that are dropped.
     */
    private static final long SETTLED_AFTER_FORGETTING_MILLIS = 2 * 86_400_000L;

    /** Learners whose values the cache of each subtask holds at most (docs/sizing.md). */
    public static final int CACHED_LEARNERS = 10_000;

    private final LearnerTimeline timeline;
    private final long graceMillis;
    private final int cachedLearners;
    /** The calendar known before the first event (a replay's file), by courseId; never changed. */
    private final HashMap<String, CourseSchedule> initialCalendar = new HashMap<>();
    /** The settings known before the first event (a replay's file), by scope:id; never changed. */
    private final HashMap<String, SettingsHistory> initialSettings = new HashMap<>();
    private final long settledMillis;
    /** The overrides in effect, as in the broadcast state over the initial settings; made at first use. */
    private transient SettingsBook settings;

    private transient ValueState<LearnerState> learnerState;
    private transient WriteBackCache<LearnerState> learner;
    private transient Counter lateEvents;
    private transient Counter duplicates;
    private transient LongCounter duplicatesTotal;
    private transient Map<AlertType, Counter> alertsByType;
    private transient Counter dailyFigures;
    private transient Counter riskScores;

    /**
     * {@code initialCalendar} and {@code initialSettings} are known before the first event (a
     * replay's whole files, in file order: a later item replaces an earlier one); {@code clock}
     * gives the alerts' {@code detectedAt}: the system's in the job, a fixed one in tests.
     */
    public LearnerAlertFunction(RuleConfig rules, List<CalendarItem> initialCalendar,
            List<SettingsOverride> initialSettings, Clock clock) {
        this(rules, initialCalendar, initialSettings, clock, CACHED_LEARNERS);
    }

    /** The same with a cache of at most {@code cachedLearners} learners per subtask. */
    public LearnerAlertFunction(RuleConfig rules, List<CalendarItem> initialCalendar,
            List<SettingsOverride> initialSettings, Clock clock, int cachedLearners) {
        this.timeline = new LearnerTimeline(rules, clock);
        this.graceMillis = rules.missedDeadlineGraceMillis;
        this.settledMillis = rules.forgetAfterMillis + SETTLED_AFTER_FORGETTING_MILLIS;
        this.cachedLearners = cachedLearners;
        for (CalendarItem item : initialCalendar) {
            this.initialCalendar.computeIfAbsent(item.courseId, c -> new CourseSchedule())
                    .learn(item, ScheduledItem.KNOWN_FROM_THE_START, graceMillis);
        }
        for (SettingsOverride override : initialSettings) {
            this.initialSettings.computeIfAbsent(override.key(), k -> new SettingsHistory(override.scope, override.id))
                    .learn(override, ScheduledItem.KNOWN_FROM_THE_START, settledMillis);
        }
    }

    @Override
    public void open(OpenContext openContext) {
        learnerState = getRuntimeContext().getState(new ValueStateDescriptor<>("learner", LearnerState.class));

        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        lateEvents = metrics.counter("lateEvents");
        duplicates = metrics.counter("duplicateEvents");
        dailyFigures = metrics.counter("dailyFiguresOut");
        riskScores = metrics.counter("riskScoresOut");
        MetricGroup alerts = metrics.addGroup("alertsOut");
        alertsByType = new EnumMap<>(AlertType.class);
        for (AlertType type : AlertType.values()) {
            alertsByType.put(type, alerts.counter(type.name()));
        }
        duplicatesTotal = new LongCounter();
        getRuntimeContext().addAccumulator(DUPLICATES_ACCUMULATOR, duplicatesTotal);
    }

    /** Called by the operator once open: the cache switches keys to write values back. */
    void openCache(KeyContext keys) {
        learner = new WriteBackCache<>(learnerState, keys, cachedLearners);
    }

    /** Called by the operator before each snapshot. */
    void flushCache() throws IOException {
        learner.flush();
    }

    /** A calendar item or a settings override, learned at this operator's current watermark (docs/time-and-delivery.md). */
    @Override
    public void processBroadcastElement(StateInput input, Context ctx, Collector<Alert> out) throws Exception {
        if (input.isItem()) {
            learnCalendarItem(input.item, ctx);
        } else {
            learnSettings(input.settings, ctx);
        }
    }

    private void learnCalendarItem(CalendarItem item, Context ctx) throws Exception {
        BroadcastState<String, CourseSchedule> calendar = ctx.getBroadcastState(CALENDAR);
        CourseSchedule schedule = calendar.get(item.courseId);
        if (schedule == null) {
            CourseSchedule initial = initialCalendar.get(item.courseId);
            schedule = initial != null ? initial.copy() : new CourseSchedule();
        }
        // an item is needed as long as the longest grace any learner has
        schedule.learn(item, ctx.currentWatermark(), settings(ctx.getBroadcastState(SETTINGS)).longestGrace(graceMillis));
        calendar.put(item.courseId, schedule);
    }

    private void learnSettings(SettingsOverride override, Context ctx) throws Exception {
        BroadcastState<String, SettingsHistory> state = ctx.getBroadcastState(SETTINGS);
        SettingsBook book = settings(state);
        String key = override.key();
        SettingsHistory history = state.get(key);
        SettingsHistory initial = initialSettings.get(key);
        if (history == null) {
            history = initial != null ? initial.copy() : new SettingsHistory(override.scope, override.id);
        }
        history.learn(override, ctx.currentWatermark(), settledMillis);
        if (history.isEmpty() && initial == null) {
            state.remove(key);
            book.remove(override.scope, override.id);
        } else {
            state.put(key, history);
            book.put(history);
        }
    }

    /** The overrides as this operator knows them: the live ones over the initial settings. */
    private SettingsBook settings(ReadOnlyBroadcastState<String, SettingsHistory> state) throws Exception {
        if (settings == null) {
            SettingsBook book = new SettingsBook();
            initialSettings.values().forEach(book::put);
            for (Map.Entry<String, SettingsHistory> live : state.immutableEntries()) {
                book.put(live.getValue());
            }
            settings = book;
        }
        return settings;
    }

    @Override
    public void processElement(ActivityEvent event, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
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
        reschedule(ctx.getCurrentKey(), state, courseCalendar(ctx), settings(ctx.getBroadcastState(SETTINGS)),
                ctx.timerService());
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
        CourseCalendar courses = courseCalendar(ctx);
        SettingsBook overrides = settings(ctx.getBroadcastState(SETTINGS));
        if (watermark == Long.MAX_VALUE) {
            timeline.drain(ctx.getCurrentKey(), state, courses, overrides, output);
            learner.clear();
            return;
        }
        timeline.advance(ctx.getCurrentKey(), state, watermark, courses, overrides, output);
        if (state.isEmpty()) {
            learner.clear();
            return;
        }
        reschedule(ctx.getCurrentKey(), state, courses, overrides, ctx.timerService());
        learner.update(state);
    }

    /** The calendar as this operator knows it now: what arrived live, over the initial calendar. */
    private CourseCalendar courseCalendar(ReadOnlyContext ctx) {
        ReadOnlyBroadcastState<String, CourseSchedule> live = ctx.getBroadcastState(CALENDAR);
        return courseId -> {
            try {
                CourseSchedule schedule = live.get(courseId);
                return schedule != null ? schedule : initialCalendar.get(courseId);
            } catch (Exception e) {
                throw new IllegalStateException("reading the course calendar's broadcast state failed", e);
            }
        };
    }

    /** Keeps exactly one timer per learner, at its next wake-up. */
    private void reschedule(String userId, LearnerState state, CourseCalendar courses, Overrides overrides,
            TimerService timers) {
        long next = timeline.nextWakeup(userId, state, courses, overrides);
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
        public void risk(LearnerRisk risk) {
            riskScores.inc();
            ctx.output(RISK_SCORES, risk);
        }

        @Override
        public void duplicate(ActivityEvent event) {
            duplicates.inc();
            duplicatesTotal.add(1);
        }
    }
}
