package io.learnpulse.job.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.learnpulse.job.testutils.AlertRecords;
import io.learnpulse.job.testutils.CommittedReader;
import io.learnpulse.job.testutils.FailureHook;
import io.learnpulse.testkit.FlinkRest;
import io.learnpulse.job.testutils.LearnerStream;
import io.learnpulse.job.testutils.LiveJobs;
import io.learnpulse.job.testutils.ReplayOracle;
import io.learnpulse.job.testutils.TestTopics;
import io.learnpulse.kafka.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job fails mid-stream after a completed checkpoint ({@link FailureHook}) and restarts on its
 * own from that checkpoint, which holds the course calendar and the settings overrides it read
 * first (broadcast state, not read again after the restore): with exactly-once delivery its
 * read_committed output still holds every expected alert, MISSED_DEADLINE and those the overrides
 * shape among them, exactly once; with at-least-once, every alert at least once.
 */
class FailureRecoveryITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final LearnerStream STREAM = LearnerStream.generate(7, 300, 28, 4).withCalendar()
            .withSettings(LearnerStream.START);
    private static LocalKafka kafka;
    private static List<String> expected;

    @BeforeAll
    static void startKafkaAndReplay(@TempDir Path replayDir) throws Exception {
        kafka = LocalKafka.start();
        expected = AlertRecords.ofReplay(ReplayOracle.replay(STREAM, replayDir).alerts);
        assertThat(expected).as("the calendar's deadlines are missed").anyMatch(a -> a.contains("MISSED_DEADLINE"));
        assertThat(expected).as("cohort-A's threshold").anyMatch(a -> a.contains("\"threshold\":0.7"));
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void recoversFromAFailureWithNoAlertLostOrRepeated(@TempDir Path dir, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        List<String> live = runWithOneFailure(dir, cluster, "exactly-once",
                values -> values.size() >= expected.size());
        assertThat(AlertRecords.sorted(live)).as("every alert exactly once").isEqualTo(expected);
    }

    /** At-least-once may repeat what followed the last checkpoint; deduplicated by alertId, nothing is lost. */
    @Test
    void atLeastOnceLosesNothingAndRepeatsOnlyWholeAlerts(@TempDir Path dir, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        List<String> live = runWithOneFailure(dir, cluster, "at-least-once",
                values -> values.stream().map(AlertRecords::alertId).distinct().count() >= expected.size());
        assertThat(AlertRecords.sorted(live).stream().distinct().collect(Collectors.toList()))
                .as("every alert, repeats being identical").isEqualTo(expected);
    }

    private List<String> runWithOneFailure(Path dir, MiniCluster cluster, String delivery,
            Predicate<List<String>> complete) throws Exception {
        TestTopics topics = TestTopics.create(kafka, 4);
        Map<String, String> options = LiveJobs.testOptions(topics, dir.resolve("checkpoints").toUri().toString());
        options.put("delivery", delivery);
        List<List<LearnerStream.Line>> halves = STREAM.split(0.5);
        topics.publishCalendar(STREAM.calendar);
        topics.publishSettings(STREAM.settings);
        JobClient job = LiveJobs.start(options, FailureHook.stage(500));
        String jobId = job.getJobID().toHexString();
        FlinkRest rest = new FlinkRest(cluster.getRestAddress().get());
        try (CommittedReader alerts = new CommittedReader(kafka.bootstrapServers(), topics.alerts)) {
            // the calendar and settings in a completed checkpoint before any event, as the replay knows its files
            topics.awaitCalendarRead(options.get("group-id"), STREAM.calendar.size());
            topics.awaitSettingsRead(options.get("group-id"), STREAM.settings.size());
            topics.publish(halves.get(0));
            // from the first completed checkpoint on, the hook is armed. The second half must come
            // whenever the failure happens: Flink does not checkpoint watermarks, so after the
            // restore a partition with no new input holds the watermark back (for `idleness`)
            await("a completed checkpoint").atMost(Duration.ofMinutes(1)).ignoreExceptions()
                    .until(() -> rest.completedCheckpoints(jobId) > 0);
            topics.publish(halves.get(1));

            alerts.awaitValues(Duration.ofMinutes(2), "all alerts written", complete);
            // each source subtask throws once in attempt 0; failures of one attempt cause one restart
            await("the restart to be reported").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> Long.parseLong(rest.jobMetric(jobId, "numRestarts")) >= 1);
            assertThat(rest.get("/jobs/" + jobId + "/exceptions").toString())
                    .as("the job failed through the hook").contains(FailureHook.MESSAGE);
            return alerts.poll(); // and whatever came after the last expected alert
        } finally {
            job.cancel().get();
        }
    }
}
