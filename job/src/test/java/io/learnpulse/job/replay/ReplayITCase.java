package io.learnpulse.job.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.TestClock;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.EventType;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.synthetic.SyntheticLearners;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay on a MiniCluster over a generated population of a few hundred learners with a course
 * calendar: its alerts and daily figures equal those of an independent reference implementation,
 * also with settings overrides for cohorts and learners, and they do not depend on parallelism, on
 * repetition, or on disorder within the out-of-orderness bound.
 */
class ReplayITCase {
    private static final Instant START = Instant.parse("2026-09-07T00:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(4)
                    .build());

    @TempDir
    static Path dir;

    private static final long DAY = Duration.ofDays(1).toMillis();

    private static List<String> lines;
    private static List<String> calendarLines;
    private static Path input;
    private static Path calendar;
    private static Replay.Result atParallelism2;
    private static List<String> settingsLines;
    private static Path settings;
    private static Replay.Result withSettings;

    @BeforeAll
    static void generateAndReplay() throws Exception {
        lines = population();
        input = dir.resolve("population.jsonl");
        Files.write(input, lines, StandardCharsets.UTF_8);
        calendarLines = calendar();
        calendar = dir.resolve("calendar.jsonl");
        Files.write(calendar, calendarLines, StandardCharsets.UTF_8);
        atParallelism2 = replay(input, 2, "p2");
        settingsLines = settings();
        settings = dir.resolve("settings.jsonl");
        Files.write(settings, settingsLines, StandardCharsets.UTF_8);
        withSettings = replay(input, 2, "settings", settings);
    }

    /**
     * Overrides of every overridable setting but the consistency window, for each cohort and for
     * learners with none (forgotten and back, enrolled and silent), some replaced or removed later.
     */
    static List<String> settings() {
        return List.of(
                override("cohort", "cohort-A", 0, "\"low-score.threshold\":0.7,\"low-score.count\":4"),
                override("cohort", "cohort-B", 7, "\"engagement.empty-days\":2,\"decline.threshold\":0.5,"
                        + "\"decline.days\":3"),
                override("cohort", "cohort-C", 3, "\"stagnation.after\":\"72 h\",\"stagnation.complete-progress\":0.9,"
                        + "\"missed-deadline.grace\":\"6 h\""),
                override("cohort", "cohort-D", 0, "\"high-score.threshold\":0.8,\"high-score.count\":2,"
                        + "\"consistency.min-fraction\":0.6,\"risk.medium\":0.4,\"risk.high\":0.6"),
                override("learner", "learner-00001", 5, "\"low-score.threshold\":0.5"),
                override("learner", "learner-00001", 12, ""),
                override("cohort", "cohort-A", 14, "\"low-score.threshold\":0.55"),
                override("learner", "returner-0", 0, "\"low-score.count\":2"),
                override("learner", "enroller-0", 0, "\"missed-deadline.grace\":\"PT1H\""));
    }

    private static String override(String scope, String id, int fromDay, String rules) {
        return "{\"scope\":\"" + scope + "\",\"id\":\"" + id + "\",\"effectiveFrom\":\""
                + START.plus(Duration.ofDays(fromDay)) + "\",\"rules\":{" + rules + "}}";
    }

    /**
     * Weekly items of course-1 and course-2 (course-3 has none), one item of course-1 due after the
     * synthetic learners' last day, an item moved and an item deleted (the file's last line of an
     * item counts).
     */
    static List<String> calendar() {
        List<String> items = new ArrayList<>();
        items.add(item("course-1", "W2", START.plus(Duration.ofDays(9)).toEpochMilli(), false));
        for (int k = 1; k <= 4; k++) {
            items.add(item("course-1", "W" + k, START.plus(Duration.ofDays(7L * k - 2)).toEpochMilli() + DAY - 1000, false));
            items.add(item("course-2", "W" + k, START.plus(Duration.ofDays(7L * k - 3)).plus(Duration.ofHours(12)).toEpochMilli(),
                    false));
        }
        items.add(item("course-1", "X", START.plus(Duration.ofDays(40)).plus(Duration.ofHours(12)).toEpochMilli(), false));
        items.add(item("course-2", "W3", 0, true));
        return items;
    }

    private static String item(String course, String id, long dueAt, boolean deleted) {
        CalendarItem item = new CalendarItem(course, id, deleted ? null : dueAt);
        item.title = "Week " + id;
        item.deleted = deleted;
        return JsonCodec.calendarItem(item);
    }

    /**
     * 300 synthetic learners over 28 days (two in three of their assessments answer the week's
     * calendar item), plus learners who return after more than 30 silent days (and are forgotten in
     * between), one who returns after exactly 30 days, re-sent duplicates, learners who enroll,
     * withdraw and enroll again, and one late event that moves the watermark to day 50, past the
     * deadlines that silent learners miss.
     */
    static List<String> population() {
        List<SyntheticLearners.Event> events = new ArrayList<>();
        new SyntheticLearners(7, 300, START).generate(28, e -> events.add(answeringTheWeeksItem(e)));
        List<SyntheticLearners.Event> extra = new ArrayList<>(enrollments());
        extra.add(event("closer", "closer-e", EventType.ACTIVITY, START.plus(Duration.ofDays(50)).toEpochMilli(), null));
        for (int i = 0; i < 6; i++) {
            String user = "returner-" + i;
            long first = START.plus(Duration.ofHours(10 + i)).toEpochMilli();
            long silence = Duration.ofDays(30).toMillis() + (i < 3 ? 1 : 0);
            for (int k = 0; k < 3; k++) {
                extra.add(assessment(user, user + "-a" + k, first + k * 60_000L, 0.3));
            }
            extra.add(assessment(user, user + "-b", first + 2 * 60_000L + silence, 0.3));
            extra.add(assessment(user, user + "-c", first + 3 * 60_000L + silence, 0.3));
            extra.add(assessment(user, user + "-d", first + 4 * 60_000L + silence, 0.3));
            // the same event again, 5 minutes later in the file: a duplicate within 24 h
            extra.add(assessment(user, user + "-c", first + 8 * 60_000L + silence, 0.3));
        }
        events.addAll(extra);
        events.sort(Comparator.comparingLong((SyntheticLearners.Event e) -> e.timestamp));
        return events.stream().map(e -> e.json).collect(Collectors.toList());
    }

    private static SyntheticLearners.Event answeringTheWeeksItem(SyntheticLearners.Event e) {
        ActivityEvent event;
        try {
            event = JsonCodec.readEvent(e.json);
        } catch (InvalidRecordException ex) {
            throw new IllegalStateException(ex);
        }
        if (event.type != EventType.ASSESSMENT || Math.floorMod(event.eventId.hashCode(), 3) == 0) {
            return e;
        }
        event.assessmentId = "W" + ((e.timestamp - START.toEpochMilli()) / (7 * DAY) + 1);
        return new SyntheticLearners.Event(e.timestamp, e.userId, JsonCodec.event(event));
    }

    /** Learners who enroll and withdraw, as docs/rules.md describes. */
    private static List<SyntheticLearners.Event> enrollments() {
        long t0 = START.plus(Duration.ofHours(9)).toEpochMilli();
        List<SyntheticLearners.Event> e = new ArrayList<>();
        // enrolled and never heard of again: misses every item, also those due after day 30
        e.add(event("enroller-0", "n0-a", EventType.ENROLLMENT, t0, "course-1"));
        // active once, withdrawn on day 10: forgotten at once, misses only what was due before
        e.add(event("enroller-1", "n1-a", EventType.ENROLLMENT, t0, "course-1"));
        e.add(event("enroller-1", "n1-b", EventType.ACTIVITY, t0 + DAY, "course-1"));
        e.add(event("enroller-1", "n1-c", EventType.WITHDRAWAL, t0 + 10 * DAY, "course-1"));
        // in two courses, withdrawn from one: still enrolled in the other, and not forgotten
        e.add(event("enroller-2", "n2-a", EventType.ENROLLMENT, t0, "course-1"));
        e.add(event("enroller-2", "n2-b", EventType.ENROLLMENT, t0, "course-2"));
        for (int k = 0; k < 3; k++) {
            e.add(scored("enroller-2", "n2-s" + k, t0 + (9 + k) * DAY, "course-2", 0.3, null));
        }
        e.add(event("enroller-2", "n2-c", EventType.WITHDRAWAL, t0 + 10 * DAY + 3_600_000, "course-1"));
        // submits two items, withdraws, enrolls again: misses the fourth
        e.add(event("enroller-3", "n3-a", EventType.ENROLLMENT, t0, "course-2"));
        e.add(scored("enroller-3", "n3-s1", t0 + 3 * DAY, "course-2", 0.8, "W1"));
        e.add(scored("enroller-3", "n3-s2", t0 + 11 * DAY, "course-2", 0.8, "W2"));
        e.add(event("enroller-3", "n3-b", EventType.WITHDRAWAL, t0 + 19 * DAY, "course-2"));
        e.add(event("enroller-3", "n3-c", EventType.ENROLLMENT, t0 + 20 * DAY, "course-2"));
        // enrolled by its first event; two low scores, a withdrawal that forgets it, then a third, which
        // enrolls it again
        e.add(scored("enroller-4", "n4-s1", t0 + 3 * DAY, "course-1", 0.3, null));
        e.add(scored("enroller-4", "n4-s2", t0 + 3 * DAY + 60_000, "course-1", 0.3, null));
        e.add(event("enroller-4", "n4-b", EventType.WITHDRAWAL, t0 + 3 * DAY + 120_000, "course-1"));
        e.add(scored("enroller-4", "n4-s3", t0 + 3 * DAY + 180_000, "course-1", 0.3, null));
        // the same item id in two courses: submitting course-1's W1 leaves course-2's W1 missed
        e.add(event("enroller-5", "n5-a", EventType.ENROLLMENT, t0, "course-1"));
        e.add(event("enroller-5", "n5-b", EventType.ENROLLMENT, t0, "course-2"));
        e.add(scored("enroller-5", "n5-s1", t0 + 2 * DAY, "course-1", 0.9, "W1"));
        return e;
    }

    private static SyntheticLearners.Event event(String user, String eventId, EventType type, long time, String course) {
        ActivityEvent event = new ActivityEvent(eventId, user, type, time);
        event.courseId = course;
        return new SyntheticLearners.Event(time, user, JsonCodec.event(event));
    }

    private static SyntheticLearners.Event scored(String user, String eventId, long time, String course, double score,
            String assessmentId) {
        ActivityEvent event = new ActivityEvent(eventId, user, EventType.ASSESSMENT, time);
        event.courseId = course;
        event.score = score;
        event.assessmentId = assessmentId;
        return new SyntheticLearners.Event(time, user, JsonCodec.event(event));
    }

    private static SyntheticLearners.Event assessment(String user, String eventId, long time, double score) {
        String json = String.format(java.util.Locale.ROOT,
                "{\"eventId\":\"%s\",\"userId\":\"%s\",\"type\":\"assessment\",\"timestamp\":\"%s\",\"score\":%s}",
                eventId, user, Instant.ofEpochMilli(time), score);
        return new SyntheticLearners.Event(time, user, json);
    }

    static Replay.Result replay(Path file, int parallelism, String name) throws Exception {
        return replay(file, parallelism, name, null);
    }

    static Replay.Result replay(Path file, int parallelism, String name, Path settingsFile) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        Replay.Request request = new Replay.Request();
        request.input = file;
        request.output = dir.resolve(name + ".alerts.jsonl");
        request.deadLetters = dir.resolve(name + ".dlq.jsonl");
        request.dailyFigures = dir.resolve(name + ".figures.jsonl");
        request.riskScores = dir.resolve(name + ".risk.jsonl");
        request.calendar = calendar;
        request.settings = settingsFile;
        request.clock = TestClock.FIXED;
        return Replay.run(env, request);
    }

    @Test
    void alertsAndFiguresEqualTheReferenceImplementation() {
        ReferenceRules reference = ReferenceRules.of(lines, calendarLines);

        List<String> alerts = atParallelism2.alerts.stream().map(ReferenceRules::alert).sorted().collect(Collectors.toList());
        assertThat(alerts).containsExactlyElementsOf(reference.alerts.stream().sorted().collect(Collectors.toList()));
        List<String> figures = atParallelism2.dailyFigures.stream().map(ReferenceRules::figure).sorted().collect(Collectors.toList());
        assertThat(figures).containsExactlyElementsOf(reference.figures.stream().sorted().collect(Collectors.toList()));
        List<String> risks = atParallelism2.riskScores.stream().map(ReferenceRules::risk).sorted().collect(Collectors.toList());
        assertThat(risks).as("the population is scored").hasSizeGreaterThan(300);
        assertThat(risks).containsExactlyElementsOf(reference.risks.stream().sorted().collect(Collectors.toList()));

        // the population exercises every rule, and forgetting
        assertThat(atParallelism2.alerts.stream().map(a -> a.type).distinct()).containsExactlyInAnyOrder(AlertType.values());
        assertThat(atParallelism2.duplicates).isEqualTo(6);
        assertThat(atParallelism2.deadLetters).isEmpty();
        assertThat(atParallelism2.calendarItems).isEqualTo(calendarLines.size());
    }

    @Test
    void withSettingsOverridesAlertsAndFiguresEqualTheReferenceImplementation() {
        ReferenceRules reference = ReferenceRules.of(lines, calendarLines, settingsLines);

        List<String> alerts = withSettings.alerts.stream().map(ReferenceRules::alert).sorted().collect(Collectors.toList());
        assertThat(alerts).containsExactlyElementsOf(reference.alerts.stream().sorted().collect(Collectors.toList()));
        List<String> figures = withSettings.dailyFigures.stream().map(ReferenceRules::figure).sorted().collect(Collectors.toList());
        assertThat(figures).containsExactlyElementsOf(reference.figures.stream().sorted().collect(Collectors.toList()));
        assertThat(withSettings.settingsRead).isEqualTo(settingsLines.size());
        assertThat(withSettings.deadLetters).isEmpty();

        // the overrides change the outcome, and the alerts say which thresholds they used
        assertThat(alerts).isNotEqualTo(atParallelism2.alerts.stream().map(ReferenceRules::alert).sorted()
                .collect(Collectors.toList()));
        assertThat(withSettings.alerts).anyMatch(a -> a.type == AlertType.CONSECUTIVE_LOW_SCORES
                && a.metrics.threshold == 0.7 && a.metrics.count == 4);
        assertThat(withSettings.alerts).anyMatch(a -> a.type == AlertType.HIGH_PERFORMANCE && a.metrics.count == 2);
        assertThat(withSettings.alerts).anyMatch(a -> a.type == AlertType.ENGAGEMENT_DROP && a.metrics.emptyDays == 2);
        assertThat(withSettings.alerts).anyMatch(a -> a.type == AlertType.MISSED_DEADLINE
                && a.userId.equals("enroller-0") && a.metrics.graceHours == 1.0);
    }

    @Test
    void enrolledLearnersMissDeadlinesWhileSilentAndNotOnceWithdrawn() {
        List<String> missed = atParallelism2.alerts.stream()
                .filter(a -> a.type == AlertType.MISSED_DEADLINE && a.userId.startsWith("enroller-"))
                .map(a -> a.userId + " " + a.courseId + "/" + a.metrics.assessmentId).sorted().collect(Collectors.toList());
        assertThat(missed).containsExactly(
                "enroller-0 course-1/W1", "enroller-0 course-1/W2", "enroller-0 course-1/W3", "enroller-0 course-1/W4",
                "enroller-0 course-1/X",
                "enroller-1 course-1/W1",
                "enroller-2 course-1/W1", "enroller-2 course-2/W1", "enroller-2 course-2/W2", "enroller-2 course-2/W4",
                "enroller-3 course-2/W4",
                "enroller-4 course-1/W1", "enroller-4 course-1/W2", "enroller-4 course-1/W3", "enroller-4 course-1/W4",
                "enroller-4 course-1/X",
                "enroller-5 course-1/W2", "enroller-5 course-1/W3", "enroller-5 course-1/W4", "enroller-5 course-1/X",
                "enroller-5 course-2/W1", "enroller-5 course-2/W2", "enroller-5 course-2/W4");
        assertThat(atParallelism2.alerts.stream().filter(a -> a.userId.equals("enroller-4")).map(a -> a.type))
                .as("forgotten at its withdrawal: no streak of three").doesNotContain(AlertType.CONSECUTIVE_LOW_SCORES);
        assertThat(atParallelism2.alerts.stream().filter(a -> a.userId.equals("enroller-2")).map(a -> a.type))
                .as("still enrolled in course-2: not forgotten").contains(AlertType.CONSECUTIVE_LOW_SCORES);
    }

    @Test
    void learnersSilentForMoreThan30DaysStartAfresh() {
        List<String> lowStreaks = atParallelism2.alerts.stream()
                .filter(a -> a.type == AlertType.CONSECUTIVE_LOW_SCORES && a.userId.startsWith("returner-"))
                .map(a -> a.userId).sorted().collect(Collectors.toList());
        // returners 0-2 were silent 30 days + 1 ms: forgotten, so their three new low scores are a new
        // streak; returners 3-5 were silent exactly 30 days: one streak of six, one episode
        assertThat(lowStreaks).containsExactly("returner-0", "returner-0", "returner-1", "returner-1",
                "returner-2", "returner-2", "returner-3", "returner-4", "returner-5");
    }

    @Test
    void alertsAreSortedAndComplete() throws IOException {
        List<String> written = Files.readAllLines(dir.resolve("p2.alerts.jsonl"));
        assertThat(written).hasSize(atParallelism2.alerts.size());
        List<Alert> sorted = new ArrayList<>(atParallelism2.alerts);
        sorted.sort(Replay.ALERT_ORDER);
        assertThat(atParallelism2.alerts).containsExactlyElementsOf(sorted);
        assertThat(written.get(0)).contains("\"alertId\"").contains("\"status\":\"OPEN\"").contains("\"recommendation\"");
    }

    @Test
    void theSameFileGivesTheSameOutputAgainAndAtAnyParallelism() throws Exception {
        replay(input, 2, "again");
        replay(input, 1, "p1");
        replay(input, 4, "p4");
        String alerts = Files.readString(dir.resolve("p2.alerts.jsonl"));
        String figures = Files.readString(dir.resolve("p2.figures.jsonl"));
        String risks = Files.readString(dir.resolve("p2.risk.jsonl"));
        for (String run : List.of("again", "p1", "p4")) {
            assertThat(Files.readString(dir.resolve(run + ".alerts.jsonl"))).as(run).isEqualTo(alerts);
            assertThat(Files.readString(dir.resolve(run + ".figures.jsonl"))).as(run).isEqualTo(figures);
            assertThat(Files.readString(dir.resolve(run + ".risk.jsonl"))).as(run).isEqualTo(risks);
        }
    }

    @Test
    void disorderWithinTheBoundChangesNothing() throws Exception {
        // every event moved up to 30 s later in the file than its time says: within the 1-minute bound
        Random random = new Random(11);
        List<String[]> keyed = new ArrayList<>();
        for (String line : lines) {
            long time = Instant.parse(line.replaceAll(".*\"timestamp\":\"([^\"]+)\".*", "$1")).toEpochMilli();
            keyed.add(new String[] {Long.toString(time + random.nextInt(30_000)), line});
        }
        keyed.sort(Comparator.comparingLong(k -> Long.parseLong(k[0])));
        Path shuffled = dir.resolve("shuffled.jsonl");
        Files.write(shuffled, keyed.stream().map(k -> k[1]).collect(Collectors.toList()), StandardCharsets.UTF_8);
        assertThat(Files.readAllLines(shuffled)).isNotEqualTo(lines);

        Replay.Result result = replay(shuffled, 2, "shuffled");

        assertThat(result.deadLetters).isEmpty();
        assertThat(Files.readString(dir.resolve("shuffled.alerts.jsonl")))
                .isEqualTo(Files.readString(dir.resolve("p2.alerts.jsonl")));
        assertThat(Files.readString(dir.resolve("shuffled.figures.jsonl")))
                .isEqualTo(Files.readString(dir.resolve("p2.figures.jsonl")));
        assertThat(Files.readString(dir.resolve("shuffled.risk.jsonl")))
                .isEqualTo(Files.readString(dir.resolve("p2.risk.jsonl")));
    }
}
