package io.learnpulse.job.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades, tested as Flink's own migration tests test them: a savepoint taken from the job as it
 * was at a known commit is committed under {@code savepoints/<commit>/} (savepoints/README.md); the
 * job as it is now restores it at parallelism 2 on RocksDB, and once more at parallelism 3 on the
 * heap (rescaled, and on the other backend: the savepoints are in Flink's canonical format), reads
 * the rest of the fixture's input and must write exactly what a run of the current job that was
 * never stopped writes over the whole input, less what the current job writes up to the stop.
 * Alerts, daily figures and risk scores, compared whole; for a fixture older than some of the
 * state the job keeps now, exactly the documented gaps (docs/time-and-delivery.md, upgrades).
 */
class SavepointCompatibilityITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(3)
            .build());

    private static Path savepoints;
    private static FixtureInput input;

    @BeforeAll
    static void readInput() throws Exception {
        savepoints = Path.of(SavepointCompatibilityITCase.class.getResource("/savepoints").toURI());
        input = FixtureInput.read(savepoints.resolve("input"));
    }

    /** The last release (before the events waiting for the watermark left the learner's value). */
    @Test
    void theLastReleaseRestoresWithNothingLostOrRepeated(@TempDir Path dir) throws Exception {
        Properties fixture = fixture("d7f42fa");
        assertThat(fixture.getProperty("calendar-and-settings")).isEqualTo("true");
        List<String> whole = runToEnd(input, "d7f42fa-whole");
        FixtureJob.Stopped current = runAndStop(input, "d7f42fa-current", dir);

        assertThat(restored("d7f42fa", input, 2, "rocksdb")).as("restored at parallelism 2 on RocksDB")
                .containsExactlyInAnyOrderElementsOf(after(current, whole));
        assertThat(restored("d7f42fa", input, 3, "hashmap")).as("restored at parallelism 3 on the heap")
                .containsExactlyInAnyOrderElementsOf(after(current, whole));
        assertThat(restore(current.savepoint, input, 3, "rocksdb", "d7f42fa-current-restored"))
                .as("the current job's own savepoint, rescaled").containsExactlyInAnyOrderElementsOf(after(current, whole));
    }

    /**
     * From before the ids of recent events moved into the learner's value (and before the calendar
     * and settings input, and AT_RISK): the learners' values restore by POJO schema evolution, each
     * field added since at its initial value. So restored learners remember no event id, and the
     * event repeating after the stop the id of one accepted before it is processed as a new one;
     * a score streak open at the upgrade has no "fired" mark ({@code Streak.open}), so it fires once
     * more at its next continuing assessment; AT_RISK's history of each course starts at the upgrade,
     * so its scores differ after it. Everything else is exactly what an uninterrupted run gives.
     */
    @Test
    void aSavepointFromBeforeTheSeenIdsMovedRestoresWithTheGapsOfItsOlderState(@TempDir Path dir) throws Exception {
        Properties fixture = fixture("75e364c");
        assertThat(fixture.getProperty("calendar-and-settings")).isEqualTo("false");
        FixtureInput old = input.withoutCalendarAndSettings();
        List<String> whole = runToEnd(old.withTheRepeatAsANewEvent(), "75e364c-whole");
        assertThat(daily(whole)).as("the repeat, taken as a new event, changes the daily figures")
                .isNotEqualTo(daily(runToEnd(old, "75e364c-whole-deduplicated")));
        FixtureJob.Stopped current = runAndStop(old, "75e364c-current", dir);
        List<String> expected = after(current, whole);

        assertRestoresWithTheKnownGaps(restored("75e364c", old, 2, "rocksdb"), expected);
        assertRestoresWithTheKnownGaps(restored("75e364c", old, 3, "hashmap"), expected);
    }

    private static void assertRestoresWithTheKnownGaps(List<String> restored, List<String> expected) {
        assertThat(keptWhole(restored)).as("daily figures and the alerts of rules whose state the old job kept whole")
                .containsExactlyInAnyOrderElementsOf(keptWhole(expected));
        List<String> refired = alerts(restored, STREAKS);
        for (String alert : alerts(expected, STREAKS)) {
            assertThat(refired.remove(alert)).as("a streak alert of the uninterrupted run: %s", alert).isTrue();
        }
        assertThat(refired.stream().map(a -> field(a, "userId") + " " + field(a, "type")))
                .as("streaks open at the upgrade fire once more, at most once per learner and rule")
                .doesNotHaveDuplicates();
        assertThat(learnersWithRisk(restored)).as("every learner still scored after the upgrade")
                .isEqualTo(learnersWithRisk(expected));
    }

    /** The score-streak rules, whose "fired" mark is newer than the fixture. */
    private static final Set<String> STREAKS = Set.of("CONSECUTIVE_LOW_SCORES", "HIGH_PERFORMANCE");

    private static List<String> keptWhole(List<String> out) {
        return out.stream()
                .filter(l -> l.startsWith("daily ")
                        || l.startsWith("alert ") && !STREAKS.contains(field(l, "type")) && !field(l, "type").equals("AT_RISK"))
                .collect(Collectors.toList());
    }

    private static List<String> alerts(List<String> out, Set<String> types) {
        return out.stream().filter(l -> l.startsWith("alert ") && types.contains(field(l, "type")))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static List<String> daily(List<String> out) {
        return out.stream().filter(l -> l.startsWith("daily ")).collect(Collectors.toList());
    }

    private static Set<String> learnersWithRisk(List<String> out) {
        return out.stream().filter(l -> l.startsWith("risk ")).map(l -> field(l, "userId")).collect(Collectors.toSet());
    }

    /** A text field of an output line's JSON. */
    private static String field(String line, String name) {
        try {
            return JsonCodec.readObject(line.substring(line.indexOf(' ') + 1)).get(name).asText();
        } catch (InvalidRecordException e) {
            throw new IllegalStateException(line, e);
        }
    }

    private static Properties fixture(String name) throws Exception {
        Properties fixture = new Properties();
        try (InputStream in = Files.newInputStream(savepoints.resolve(name).resolve("fixture.properties"))) {
            fixture.load(in);
        }
        assertThat(Integer.parseInt(fixture.getProperty("stopped-after"))).as("stopped where the input says")
                .isEqualTo(input.stopAfter);
        return fixture;
    }

    /** What must come after the stop: the whole run's output less what the stopped run wrote before it (sorted). */
    private static List<String> after(FixtureJob.Stopped stopped, List<String> whole) {
        List<String> rest = new ArrayList<>(whole);
        for (String line : stopped.outputs) {
            assertThat(rest.remove(line)).as("written before the stop and by the whole run: %s", line).isTrue();
        }
        rest.sort(null);
        return rest;
    }

    private static List<String> restored(String name, FixtureInput in, int parallelism, String backend)
            throws Exception {
        return restore(savepoints.resolve(name).resolve("savepoint").toUri().toString(), in, parallelism, backend,
                name + "-p" + parallelism + "-" + backend);
    }

    private static List<String> restore(String savepoint, FixtureInput in, int parallelism, String backend, String run)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                FixtureJob.configuration(backend, savepoint));
        env.setParallelism(parallelism);
        FixtureJob.build(env, in, FixtureJob.NO_STOP, run);
        List<String> out = FixtureJob.runToEnd(env, run);
        out.sort(null);
        return out;
    }

    private static List<String> runToEnd(FixtureInput in, String run) throws Exception {
        StreamExecutionEnvironment env = environment();
        FixtureJob.build(env, in, FixtureJob.NO_STOP, run);
        List<String> out = FixtureJob.runToEnd(env, run);
        out.sort(null);
        return out;
    }

    private static FixtureJob.Stopped runAndStop(FixtureInput in, String run, Path dir) throws Exception {
        StreamExecutionEnvironment env = environment();
        FixtureJob.build(env, in, in.stopAfter, run);
        return FixtureJob.runAndStop(env, run, dir.resolve(run).toUri().toString());
    }

    /** As the fixtures were taken: parallelism 2, RocksDB. */
    private static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                FixtureJob.configuration("rocksdb", null));
        env.setParallelism(2);
        return env;
    }
}
