package io.learnpulse.job.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.functions.LearnerAlertFunction;
import io.learnpulse.job.functions.LearnerRulesOperator;
import io.learnpulse.job.records.StateInput;
import io.learnpulse.job.rules.RuleConfig;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.DailyFigures;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.EventType;
import io.learnpulse.model.LearnerRisk;
import io.learnpulse.model.RuleSettings;
import io.learnpulse.model.SettingsOverride;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * The learner rules in Flink's keyed operator test harness, with fixed instants: day {@code d} of
 * the fixture is {@link #BEGINNING} plus {@code d} days, at 00:00 UTC; alerts are detected at
 * {@link TestClock#DETECTED_AT}. The course calendar is the operator's broadcast input, as live
 * ({@link #calendar}), or its initial calendar, as in a replay; the calendar input's watermark is
 * the highest, as the job's is, so the events' watermarks alone move the operator's.
 */
public final class RulesHarness implements AutoCloseable {
    /** A Monday, 00:00 UTC. */
    public static final Instant BEGINNING = Instant.parse("2026-11-02T00:00:00Z");

    private final KeyedTwoInputStreamOperatorTestHarness<String, ActivityEvent, StateInput, Alert> harness;
    private final LearnerRulesOperator operator;
    private int sequence;
    private long checkpoints;

    public RulesHarness() throws Exception {
        this(RuleConfig.defaults());
    }

    public RulesHarness(RuleConfig rules) throws Exception {
        this(rules, List.of());
    }

    /** With {@code initialCalendar} known before the first event, as a replay's {@code --calendar} file. */
    public RulesHarness(RuleConfig rules, List<CalendarItem> initialCalendar) throws Exception {
        this(rules, initialCalendar, List.of(), null);
    }

    /**
     * With {@code initialCalendar} and {@code initialSettings} known before the first event, as a
     * replay's files; restored from {@code snapshot} if not null.
     */
    public RulesHarness(RuleConfig rules, List<CalendarItem> initialCalendar, List<SettingsOverride> initialSettings,
            OperatorSubtaskState snapshot) throws Exception {
        operator = new LearnerRulesOperator(new LearnerAlertFunction(rules, initialCalendar, initialSettings, TestClock.FIXED));
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(operator, e -> e.userId, null, Types.STRING);
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        harness.processWatermark2(new Watermark(Long.MAX_VALUE));
    }

    /** A snapshot of the operator's state (keyed and broadcast), as a checkpoint takes it. */
    public OperatorSubtaskState snapshot() throws Exception {
        return checkpoint(1L);
    }

    /** What a task does at a checkpoint: the operator's preparation before the barrier, then its snapshot. */
    private OperatorSubtaskState checkpoint(long id) throws Exception {
        harness.prepareSnapshotPreBarrier(id);
        return harness.snapshot(id, id);
    }

    /** A calendar item of {@code course}, due at {@code dueAt}, titled after its id. */
    public static CalendarItem item(String course, String assessmentId, long dueAt) {
        CalendarItem item = new CalendarItem(course, assessmentId, dueAt);
        item.title = "Title of " + assessmentId;
        return item;
    }

    /** The deletion of a calendar item. */
    public static CalendarItem deletion(String course, String assessmentId) {
        CalendarItem item = new CalendarItem(course, assessmentId, null);
        item.deleted = true;
        return item;
    }

    /** A calendar record arriving live, at the operator's current watermark. */
    public RulesHarness calendar(CalendarItem item) throws Exception {
        StateInput input = new StateInput();
        input.item = item;
        harness.processElement2(input, 0L);
        return this;
    }

    /** An override of {@code scope} {@code id}, effective from {@code from}; {@code rules} as key, value, key, value… */
    public static SettingsOverride override(SettingsOverride.Scope scope, String id, long from, Object... rules) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < rules.length; i += 2) {
            values.put((String) rules[i], rules[i + 1]);
        }
        return new SettingsOverride(scope, id, from, RuleSettings.read(values));
    }

    /** A settings record arriving live, at the operator's current watermark. */
    public RulesHarness settings(SettingsOverride override) throws Exception {
        StateInput input = new StateInput();
        input.settings = override;
        harness.processElement2(input, 0L);
        return this;
    }

    public RulesHarness enrollment(String user, String course, long time) throws Exception {
        return send(inCourse(event(user, EventType.ENROLLMENT, time), course));
    }

    public RulesHarness withdrawal(String user, String course, long time) throws Exception {
        return send(inCourse(event(user, EventType.WITHDRAWAL, time), course));
    }

    /** An assessment of calendar item {@code assessmentId} of {@code course}. */
    public RulesHarness submission(String user, String course, String assessmentId, long time) throws Exception {
        ActivityEvent e = inCourse(event(user, EventType.ASSESSMENT, time), course);
        e.score = 0.75;
        e.assessmentId = assessmentId;
        return send(e);
    }

    /** An activity event of {@code course}. */
    public RulesHarness activity(String user, String course, long time) throws Exception {
        return send(inCourse(event(user, EventType.ACTIVITY, time), course));
    }

    private static ActivityEvent inCourse(ActivityEvent e, String course) {
        e.courseId = course;
        return e;
    }

    /** Day {@code day} of the fixture at {@code hh:mm}. */
    public static long at(int day, String hhmm) {
        return BEGINNING.plus(Duration.ofDays(day)).plus(Duration.between(
                java.time.LocalTime.MIDNIGHT, java.time.LocalTime.parse(hhmm))).toEpochMilli();
    }

    /** 00:00 of fixture day {@code day}: the end of the day before. */
    public static long midnight(int day) {
        return BEGINNING.plus(Duration.ofDays(day)).toEpochMilli();
    }

    public RulesHarness assessment(String user, long time, double score) throws Exception {
        ActivityEvent e = event(user, EventType.ASSESSMENT, time);
        e.score = score;
        return send(e);
    }

    public RulesHarness progress(String user, long time, double progress) throws Exception {
        ActivityEvent e = event(user, EventType.PROGRESS, time);
        e.progress = progress;
        return send(e);
    }

    public RulesHarness activity(String user, long time) throws Exception {
        return send(event(user, EventType.ACTIVITY, time));
    }

    public RulesHarness send(ActivityEvent e) throws Exception {
        harness.processElement1(e, e.timestamp);
        return this;
    }

    public ActivityEvent event(String user, EventType type, long time) {
        ActivityEvent e = new ActivityEvent(user + "-e" + (sequence++), user, type, time);
        e.courseId = "course-1";
        e.cohortId = "cohort-A";
        e.raw = "{\"eventId\":\"" + e.eventId + "\"}";
        return e;
    }

    public RulesHarness watermark(long time) throws Exception {
        harness.processWatermark1(new Watermark(time));
        return this;
    }

    /**
     * Every partition of the events went silent for the job's {@code idleness}: their sources say
     * so, and the events' input of the rule operator is idle.
     */
    public RulesHarness eventsIdle() throws Exception {
        harness.processWatermarkStatus1(WatermarkStatus.IDLE);
        return this;
    }

    /** Events again after a silence. */
    public RulesHarness eventsActive() throws Exception {
        harness.processWatermarkStatus1(WatermarkStatus.ACTIVE);
        return this;
    }

    /** The end of a finite input. */
    public RulesHarness endOfInput() throws Exception {
        return watermark(Long.MAX_VALUE);
    }

    /**
     * The alerts of every rule but AT_RISK: AT_RISK scores every enrolled learner at every day end
     * (and the fixture's learners are enrolled in {@code course-1}), so it would join the alerts of
     * every other rule's test; its own tests read {@link #allAlerts} and {@link #firingsOf}.
     */
    public List<Alert> alerts() {
        return allAlerts().stream().filter(a -> a.type != AlertType.AT_RISK).collect(Collectors.toList());
    }

    public List<Alert> allAlerts() {
        return harness.extractOutputValues();
    }

    /** The risk scores written (AT_RISK), in the order emitted. */
    public List<LearnerRisk> riskScores() {
        return values(harness.getSideOutput(LearnerAlertFunction.RISK_SCORES));
    }

    /** The alerts but AT_RISK's as "TYPE@instant" strings, sorted: easy to assert exactly. */
    public List<String> firings() {
        return alerts().stream()
                .map(a -> a.type + "@" + Instant.ofEpochMilli(a.eventTime))
                .sorted()
                .collect(Collectors.toList());
    }

    /** The alerts of one type as "TYPE@instant" strings, in the order they were emitted. */
    public List<String> firingsOf(AlertType type) {
        return allAlerts().stream().filter(a -> a.type == type)
                .map(a -> firing(a.type, a.eventTime))
                .collect(Collectors.toList());
    }

    public static String firing(AlertType type, long time) {
        return type + "@" + Instant.ofEpochMilli(time);
    }

    public List<DailyFigures> dailyFigures() {
        return values(harness.getSideOutput(LearnerAlertFunction.DAILY_FIGURES));
    }

    public List<DeadLetter> lateEvents() {
        return values(harness.getSideOutput(LearnerAlertFunction.LATE_EVENTS));
    }

    /**
     * The learners' pending wake-ups at a deadline, at most one each: the operator keeps them in an
     * index of its own instead of Flink's timers; Flink's timers count too (none are registered).
     */
    public long timers() {
        return operator.learnersWithDeadline() + harness.numEventTimeTimers();
    }

    /** Keyed state entries once the operator's cache of learners is written back, as before a checkpoint. */
    public int stateEntries() throws Exception {
        checkpoint(++checkpoints);
        return harness.numKeyedStateEntries();
    }

    /** Asserts that no learner left keyed state or a timer behind. */
    public void assertNothingLeft() throws Exception {
        assertThat(stateEntries()).as("keyed state entries").isZero();
        assertThat(timers()).as("event-time timers").isZero();
    }

    /** Ends the input, then asserts that no learner left keyed state or a timer behind. */
    public void assertNothingLeftAfterEndOfInput() throws Exception {
        endOfInput();
        assertNothingLeft();
    }

    private static <T> List<T> values(java.util.Collection<StreamRecord<T>> records) {
        List<T> values = new ArrayList<>();
        if (records != null) {
            records.stream().map(StreamRecord::getValue).filter(Objects::nonNull).forEach(values::add);
        }
        return values;
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
