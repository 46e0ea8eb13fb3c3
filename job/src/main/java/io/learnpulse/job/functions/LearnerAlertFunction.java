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
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs the {@link LearnerTimeline} of each learner (keyed by userId) as the watermark passes: one
 * value state with all the learner's state (its recent event ids, the events waiting for the
 * watermark and the time of its next deadline too), and the moments to wake each learner at (its
 * first waiting event, its next deadline) in a heap index of the subtask ({@link Wakeups}) instead
 * of Flink's timers, taken as the watermark passes them. It runs in a {@link LearnerRulesOperator}:
 * the value state is read and written only through a {@link WriteBackCache} of the learners used
 * last, which that operator flushes before each snapshot (so no code may reach the value state
 * around the cache, e.g. by {@code applyToKeyedState}, but when the operator opens); the index is
 * rebuilt from the learners' values when the operator opens after a restore.
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

    private transient ValueStateDescriptor<LearnerState> learnerDescriptor;
    private transient ValueState<LearnerState> learnerState;
    private transient WriteBackCache<LearnerState> learner;
    /** When to wake each learner, by its handle in the cache (woken without a lookup while cached). */
    private transient Wakeups<WriteBackCache.Entry<LearnerState>> wakeups;
    /** Learners with a deadline to be woken at (timerAt set): a gauge, and what the tests count as timers. */
    private transient long learnersWithDeadline;
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
        learnerDescriptor = new ValueStateDescriptor<>("learner", LearnerState.class);
        learnerState = getRuntimeContext().getState(learnerDescriptor);

        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        lateEvents = metrics.counter("lateEvents");
        duplicates = metrics.counter("duplicateEvents");
        dailyFigures = metrics.counter("dailyFiguresOut");
        riskScores = metrics.counter("riskScoresOut");
        metrics.gauge("learnersWithDeadline", () -> learnersWithDeadline);
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
     * call: its keys (the cache sets them to reach the state) and its broadcast states; and whether
     * its keyed state keeps copies of the values handed to it ({@link WriteBackCache}).
     */
    void attach(KeyContext keys, ReadOnlyBroadcastState<String, CourseSchedule> calendar,
            ReadOnlyBroadcastState<String, SettingsHistory> settings, boolean stateCopiesValues) {
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
        wakeups = new Wakeups<>();
        learnersWithDeadline = 0;
    }

    /**
     * Called by the operator once attached, before the first record: indexes the wake-ups of every
     * learner its keyed state holds (none on a fresh start; after a restore, every learner of this
     * subtask's key groups, whatever the parallelism before). That reads each learner's value once,
     * at restore, instead of keeping timers in every checkpoint. Timers restored from a savepoint of
     * an earlier version, which kept one per learner, fire into {@link #onTimer}'s default: nothing
     * to do, since their learners are woken from here.
     */
    void wakeRestoredLearners(KeyedStateBackend<String> backend) throws Exception {
        backend.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, learnerDescriptor,
                (key, state) -> {
                    LearnerState s = state.value();
                    WriteBackCache.Entry<LearnerState> handle = learner.handleOf(key);
                    if (s.timerAt != NONE) {
                        wakeups.add(s.timerAt, handle);
                        learnersWithDeadline++;
                    }
                    wakeForWaiting(handle, s);
                });
    }

    /** Called by the operator before each snapshot of its state: every changed learner goes to the keyed state. */
    void flushCache() throws IOException {
        learner.flush();
    }

    /**
     * Called by the operator when the watermark reaches {@code watermark}: wakes every learner due
     * by then in the index, in the order of the moments they are due at, and applies its waiting
     * events and its deadlines up to the watermark; its results are stamped with that moment.
     */
    void wakeUpTo(long watermark, ResultSink sink) throws Exception {
        SettingsBook overrides = settings();
        TimelineOutput output = new TimelineOutput(sink);
        while (wakeups.hasDue(watermark)) {
            long time = wakeups.firstTime();
            LearnerState state = learner.value(wakeups.pollFirst());
            // else stale: applied and rescheduled since by an earlier entry of the learner
            if (state != null && (deadlineBy(state, watermark) || state.hasPendingEventBy(watermark))) {
                sink.stampWith(time);
                advance(learner.held(), state, watermark, courses, overrides, output);
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
        LearnerState state = learner.value(ctx.getCurrentKey());
        WriteBackCache.Entry<LearnerState> handle = learner.held();
        if (state == null) {
            state = new LearnerState();
        }
        if (!state.hasPendingEventBy(event.timestamp) && !deadlineBy(state, event.timestamp)) {
            wakeups.add(event.timestamp, handle);
        }
        timeline.receive(state, event.copy()); // the input object is reused once this call returns
        learner.update(handle.key, state);
    }

    /**
     * Applies the learner's waiting events and deadlines up to {@code watermark}, or all its events
     * at the end of the input; then keeps its next deadline and, if events still wait, wakes it
     * at the first of them (the index, {@link #reschedule}, {@link #wakeForWaiting}).
     */
    private void advance(WriteBackCache.Entry<LearnerState> handle, LearnerState state, long watermark,
            CourseCalendar courses, SettingsBook overrides, TimelineOutput output) throws IOException {
        String userId = (String) handle.key;
        if (watermark == Long.MAX_VALUE) {
            timeline.drain(userId, state, courses, overrides, output);
            drop(handle, state);
            return;
        }
        long deadline = timeline.advance(userId, state, watermark, courses, overrides, output);
        if (state.isEmpty()) {
            drop(handle, state);
            return;
        }
        reschedule(handle, state, deadline);
        wakeForWaiting(handle, state);
        learner.update(handle.key, state);
    }

    /**
     * Whether the learner's next deadline comes at or before {@code time}: the index holds an entry
     * at every learner's deadline ({@code timerAt}), which then wakes it in time for an event
     * waiting at {@code time} too, so the event needs no entry of its own (the index holds one at or
     * before each learner's first waiting event). A learner catching up, whose events come after its
     * next day end, costs one entry per watermark, not two.
     */
    private static boolean deadlineBy(LearnerState state, long time) {
        return state.timerAt != NONE && state.timerAt <= time;
    }

    /** Enters the learner in the index at its first waiting event, unless its deadline wakes it by then. */
    private void wakeForWaiting(WriteBackCache.Entry<LearnerState> handle, LearnerState state) {
        if (!state.pending.isEmpty() && !deadlineBy(state, state.pending.get(0).timestamp)) {
            wakeups.add(state.pending.get(0).timestamp, handle);
        }
    }

    /**
     * Keeps the learner's next deadline {@code next} (or none if NONE) in its value and an entry of
     * the index at it; an entry at an earlier deadline stays in the index, stale. The deadline is
     * always after the watermark just reached, so an entry at it is still to come.
     */
    private void reschedule(WriteBackCache.Entry<LearnerState> handle, LearnerState state, long next) {
        if (next == state.timerAt) {
            return;
        }
        if (next != NONE) {
            wakeups.add(next, handle);
        }
        learnersWithDeadline += (next != NONE ? 1 : 0) - (state.timerAt != NONE ? 1 : 0);
        state.timerAt = next;
    }

    /** The learner's state is gone; so is its deadline (its entries in the index are stale now). */
    private void drop(WriteBackCache.Entry<LearnerState> handle, LearnerState state) throws IOException {
        if (state.timerAt != NONE) {
            learnersWithDeadline--;
        }
        learner.clear(handle.key);
    }

    /** Learners with a deadline to be woken at (tests: at most one each, none left at the end). */
    long learnersWithDeadline() {
        return learnersWithDeadline;
    }

    /** Where the results go: the operator's output, stamped with the moment the learner was woken at. */
    interface ResultSink {
        void alert(Alert alert);

        <X> void output(OutputTag<X> tag, X value);

        /** The timestamp of the records that follow. */
        void stampWith(long timestamp);
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
