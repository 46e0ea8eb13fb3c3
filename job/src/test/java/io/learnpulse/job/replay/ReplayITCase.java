package io.learnpulse.job.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.TestClock;
import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertType;
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
 * The replay on a MiniCluster over a generated population of a few hundred learners: its alerts and
 * daily figures equal those of an independent reference implementation, and they do not depend on
 * parallelism, on repetition, or on disorder within the out-of-orderness bound.
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

    private static List<String> lines;
    private static Path input;
    private static Replay.Result atParallelism2;

    @BeforeAll
    static void generateAndReplay() throws Exception {
        lines = population();
        input = dir.resolve("population.jsonl");
        Files.write(input, lines, StandardCharsets.UTF_8);
        atParallelism2 = replay(input, 2, "p2");
    }

    /**
     * 300 synthetic learners over 28 days, plus learners who return after more than 30 silent days
     * (and are forgotten in between), one who returns after exactly 30 days, and re-sent duplicates.
     */
    static List<String> population() {
        List<SyntheticLearners.Event> events = new ArrayList<>();
        new SyntheticLearners(7, 300, START).generate(28, events::add);
        List<SyntheticLearners.Event> extra = new ArrayList<>();
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

    private static SyntheticLearners.Event assessment(String user, String eventId, long time, double score) {
        String json = String.format(java.util.Locale.ROOT,
                "{\"eventId\":\"%s\",\"userId\":\"%s\",\"type\":\"assessment\",\"timestamp\":\"%s\",\"score\":%s}",
                eventId, user, Instant.ofEpochMilli(time), score);
        return new SyntheticLearners.Event(time, user, json);
    }

    static Replay.Result replay(Path file, int parallelism, String name) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        Replay.Request request = new Replay.Request();
        request.input = file;
        request.output = dir.resolve(name + ".alerts.jsonl");
        request.deadLetters = dir.resolve(name + ".dlq.jsonl");
        request.dailyFigures = dir.resolve(name + ".figures.jsonl");
        request.clock = TestClock.FIXED;
        return Replay.run(env, request);
    }

    @Test
    void alertsAndFiguresEqualTheReferenceImplementation() {
        ReferenceRules reference = ReferenceRules.of(lines);

        List<String> alerts = atParallelism2.alerts.stream().map(ReferenceRules::alert).sorted().collect(Collectors.toList());
        assertThat(alerts).containsExactlyElementsOf(reference.alerts.stream().sorted().collect(Collectors.toList()));
        List<String> figures = atParallelism2.dailyFigures.stream().map(ReferenceRules::figure).sorted().collect(Collectors.toList());
        assertThat(figures).containsExactlyElementsOf(reference.figures.stream().sorted().collect(Collectors.toList()));

        // the population exercises every rule, and forgetting
        assertThat(atParallelism2.alerts.stream().map(a -> a.type).distinct()).containsExactlyInAnyOrder(AlertType.values());
        assertThat(atParallelism2.duplicates).isEqualTo(6);
        assertThat(atParallelism2.deadLetters).isEmpty();
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
        for (String run : List.of("again", "p1", "p4")) {
            assertThat(Files.readString(dir.resolve(run + ".alerts.jsonl"))).as(run).isEqualTo(alerts);
            assertThat(Files.readString(dir.resolve(run + ".figures.jsonl"))).as(run).isEqualTo(figures);
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
    }
}
