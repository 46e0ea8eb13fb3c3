package io.learnpulse.job.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.learnpulse.job.FailureHook;
import io.learnpulse.job.replay.Replay;
import io.learnpulse.job.testutils.AlertRecords;
import io.learnpulse.job.testutils.CommittedReader;
import io.learnpulse.job.testutils.FlinkRest;
import io.learnpulse.job.testutils.LearnerStream;
import io.learnpulse.job.testutils.LiveJobs;
import io.learnpulse.job.testutils.ReplayOracle;
import io.learnpulse.job.testutils.TestTopics;
import io.learnpulse.kafka.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * The job fails mid-stream after a completed checkpoint (the test failure hook), restarts on its
 * own from that checkpoint, and its read_committed output still holds every expected alert exactly
 * once.
 */
class FailureRecoveryITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static LocalKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void recoversFromAFailureWithNoAlertLostOrRepeated(@TempDir Path dir, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        LearnerStream stream = LearnerStream.generate(7, 300, 28, 4);
        Replay.Result replay = ReplayOracle.replay(stream, dir);
        List<String> expected = AlertRecords.ofReplay(replay.alerts);
        List<List<LearnerStream.Line>> halves = stream.split(0.5);

        TestTopics topics = TestTopics.create(kafka, 4);
        Map<String, String> options = LiveJobs.testOptions(topics, dir.resolve("checkpoints").toUri().toString());
        options.put("test.fail-after-records", "500");
        topics.publish(halves.get(0));
        JobClient job = LiveJobs.start(options);
        String jobId = job.getJobID().toHexString();
        FlinkRest rest = new FlinkRest(cluster.getRestAddress().get());
        try (CommittedReader alerts = new CommittedReader(kafka.bootstrapServers(), topics.alerts)) {
            // from the first completed checkpoint on, the hook is armed. The second half must come
            // whenever the failure happens: Flink does not checkpoint watermarks, so after the
            // restore a partition with no new input holds the watermark back (for `idleness`)
            await("a completed checkpoint").atMost(Duration.ofMinutes(1)).ignoreExceptions()
                    .until(() -> rest.completedCheckpoints(jobId) > 0);
            topics.publish(halves.get(1));

            List<String> live = alerts.awaitValues(Duration.ofMinutes(2), "all alerts committed",
                    values -> values.size() >= expected.size());
            // each source subtask throws once in attempt 0; failures of one attempt cause one restart
            await("the restart to be reported").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> Long.parseLong(rest.jobMetric(jobId, "numRestarts")) >= 1);
            assertThat(rest.get("/jobs/" + jobId + "/exceptions").toString())
                    .as("the job failed through the hook").contains(FailureHook.MESSAGE);
            assertThat(AlertRecords.withoutDetectedAt(live)).as("every alert exactly once").isEqualTo(expected);
            assertThat(alerts.poll()).as("nothing after the last expected alert").hasSize(expected.size());
        } finally {
            job.cancel().get();
        }
    }
}
