package io.learnpulse.job.functions;

import static io.learnpulse.job.rules.LearnerState.NONE;

import io.learnpulse.job.records.StateInput;
import io.learnpulse.job.rules.CourseCalendar;
import io.learnpulse.job.rules.CourseSchedule;
import io.learnpulse.job.rules.LearnerState;
import io.learnpulse.job.rules.LearnerTimeline;
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
 * Runs the {@link LearnerTimeline} of each learner (keyed by userId) as the watermark passes: one
 * value state with all the learner's state (its recent event ids and the events waiting for the
 * watermark too), at most one registered event-time timer per learner, at its next deadline, and
 * the learners whose events wait in a heap index of the subtask ({@link WaitingLearners}), taken
 * as the watermark passes them, before the timers fire. It runs in a {@link LearnerRulesOperator}:
 * the value state is read and written only through a {@link WriteBackCache} of the learners used
 * last, which that operator flushes before each snapshot (so no code may reach the value state
 * around the cache, e.g. by {@code applyToKeyedState}), after turning each entry of the index into
 * a timer of its learner: the index is rebuilt from those timers after a restore.
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
    private transient WaitingLearners waiting;
    private transient KeyContext keys;
    private transient TimerService timers;
    /** The calendar as this operator knows it: what arrived live, over the initial calendar. */
    private transient CourseCalendar courses;
    private transient ReadOnlyBroadcastState<String, SettingsHistory> liveSettings;
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

    /**
     * Called by the operator once open, with what its contexts give the function only within a
     * call: its keys (the cache and the index switch them), its timers and its broadcast states;
     * and whether its keyed state keeps copies of the values handed to it ({@link WriteBackCache}).
     */
    void attach(KeyContext keys, TimerService timers, ReadOnlyBroadcastState<String, CourseSchedule> calendar,
            ReadOnlyBroadcastState<String, SettingsHistory> settings, boolean stateCopiesValues) {
        this.keys = keys;
        this.timers = timers;
        this.courses = courseId -> {
            try {
                CourseSchedule schedule = calendar.get(courseId);
                return schedule != null ? schedule : initialCalendar.get(courseId);
            } catch (Exception e) {
                throw new IllegalStateException("reading the course calendar's broadcast state failed", e);
            }
        };
        this.liveSettings = settings;
        learner = new WriteBackCache<>(learnerState, keys, cachedLearners, stateCopiesValues);
        waiting = new WaitingLearners();
    }

    /**
     * Called by the operator before each snapshot, ahead of the timers' (which Flink may take
     * before the operator's own state, as on RocksDB with timers on the heap): every learner waiting
     * in the index gets a timer at its entry (a no-op for those that have one there already), so
     * that the restored timers find them.
     */
    void waitingToTimers() {
        if (waiting.size() > 0) {
            Object current = keys.getCurrentKey();
            for (int i = 0; i < waiting.size(); i++) {
                keys.setCurrentKey(waiting.keyAt(i));
                timers.registerEventTimeTimer(waiting.timeAt(i));
            }
            keys.setCurrentKey(current);
        }
    }

    /** Called by the operator before each snapshot of its state: every changed learner goes to the keyed state. */
    void flushCache() throws IOException {
        learner.flush();
    }

    /**
     * Called by the operator when the watermark is about to reach {@code watermark}, before its
     * timers fire: applies the events of every learner waiting in the index up to it, in the order
     * of their first waiting events, each with the deadlines due on the way.
     */
    void applyWaiting(long watermark, ResultSink sink) throws Exception {
        SettingsBook overrides = settings();
        TimelineOutput output = new TimelineOutput(sink);
        while (waiting.hasDue(watermark)) {
            long time = waiting.firstTime();
            Object key = waiting.pollFirst();
            keys.setCurrentKey(key);
            LearnerState state = learner.value();
            if (state != null && state.hasPendingEventBy(watermark)) {
                sink.stampWith(time);
                advance((String) key, state, watermark, courses, overrides, output);
            }
        }
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
        schedule.learn(item, ctx.currentWatermark(), settings().longestGrace(graceMillis));
        calendar.put(item.courseId, schedule);
    }

    private void learnSettings(SettingsOverride override, Context ctx) throws Exception {
        BroadcastState<String, SettingsHistory> state = ctx.getBroadcastState(SETTINGS);
        SettingsBook book = settings();
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

    /**
     * The overrides as this operator knows them: the live ones over the initial settings (the
     * broadcast state the operator attached is the one its contexts give, {@link #attach}).
     */
    private SettingsBook settings() throws Exception {
        if (settings == null) {
            SettingsBook book = new SettingsBook();
            initialSettings.values().forEach(book::put);
            for (Map.Entry<String, SettingsHistory> live : liveSettings.immutableEntries()) {
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
        if (!state.hasPendingEventBy(event.timestamp)) {
            waiting.add(event.timestamp, ctx.getCurrentKey());
        }
        timeline.receive(state, event.copy()); // the input object is reused once this call returns
        learner.update(state);
    }

    /**
     * The learner's deadline, or a timer that stood for its entry in the index at a snapshot
     * ({@link #waitingToTimers}): after a restore that is how its waiting events are found; else
     * the index has applied them already.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        LearnerState state = learner.value();
        if (state == null) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (timestamp == state.timerAt) {
            state.timerAt = NONE;
        } else if (!state.hasPendingEventBy(watermark)) {
            return;
        }
        advance(ctx.getCurrentKey(), state, watermark, courses, settings(),
                new TimelineOutput(new ContextSink(ctx, out)));
    }

    /**
     * Applies the learner's waiting events and deadlines up to {@code watermark}, or all its events
     * at the end of the input; then sets its timer to its next deadline and, if events still
     * wait, enters it in the index at the first of them.
     */
    private void advance(String userId, LearnerState state, long watermark, CourseCalendar courses,
            SettingsBook overrides, TimelineOutput output) throws IOException {
        if (watermark == Long.MAX_VALUE) {
            timeline.drain(userId, state, courses, overrides, output);
            learner.clear();
            return;
        }
        long deadline = timeline.advance(userId, state, watermark, courses, overrides, output);
        if (state.isEmpty()) {
            learner.clear();
            return;
        }
        reschedule(state, deadline);
        if (!state.pending.isEmpty()) {
            waiting.add(state.pending.get(0).timestamp, userId);
        }
        learner.update(state);
    }

    /** Keeps exactly one timer per learner, at its next deadline {@code next} (or none if NONE). */
    private void reschedule(LearnerState state, long next) {
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

    /**
     * Where the results go: through a timer's context, or, for the events the index applies, straight
     * to the operator's output, stamped with the time of the learner's first waiting event.
     */
    interface ResultSink {
        void alert(Alert alert);

        <X> void output(OutputTag<X> tag, X value);

        /** The timestamp of the records that follow, where the sink does not know it itself. */
        void stampWith(long timestamp);
    }

    /** A timer's results, stamped with the timer's time by Flink. */
    private record ContextSink(OnTimerContext ctx, Collector<Alert> alerts) implements ResultSink {
        @Override
        public void alert(Alert alert) {
            alerts.collect(alert);
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            ctx.output(tag, value);
        }

        @Override
        public void stampWith(long timestamp) {
        }
    }

    private final class TimelineOutput implements LearnerTimeline.Output {
        private final ResultSink sink;

        TimelineOutput(ResultSink sink) {
            this.sink = sink;
        }

        @Override
        public void alert(Alert alert) {
            alertsByType.get(alert.type).inc();
            sink.alert(alert);
        }

        @Override
        public void dailyFigures(DailyFigures figures) {
            dailyFigures.inc();
            sink.output(DAILY_FIGURES, figures);
        }

        @Override
        public void risk(LearnerRisk risk) {
            riskScores.inc();
            sink.output(RISK_SCORES, risk);
        }

        @Override
        public void duplicate(ActivityEvent event) {
            duplicates.inc();
            duplicatesTotal.add(1);
        }
    }
}
