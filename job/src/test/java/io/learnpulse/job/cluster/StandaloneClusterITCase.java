package io.learnpulse.job.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.learnpulse.job.replay.Replay;
import io.learnpulse.job.testutils.AlertRecords;
import io.learnpulse.job.testutils.CommittedReader;
import io.learnpulse.testkit.FlinkRest;
import io.learnpulse.job.testutils.LearnerStream;
import io.learnpulse.job.testutils.LiveJobs;
import io.learnpulse.job.testutils.ReplayOracle;
import io.learnpulse.job.testutils.StandaloneFlinkCluster;
import io.learnpulse.job.testutils.TestTopics;
import io.learnpulse.kafka.LocalKafka;
import io.learnpulse.model.AlertType;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real standalone Flink cluster (JobManager and TaskManagers in their own
 * JVMs, submitted with Flink's CLI): it survives a {@code kill -9} of its TaskManager and a stop
 * with savepoint and resume, with every expected alert delivered exactly once; its learnpulse
 * metrics show in the cluster's REST API and web UI; and rescaled from savepoints on two
 * TaskManagers, exactly once.
 */
class StandaloneClusterITCase {
    private static final Duration STEP = Duration.ofMinutes(2);

    /** Only for the replay that gives the expected alerts. */
    @RegisterExtension
    static final MiniClusterExtension REPLAY_FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    private LocalKafka kafka;
    private StandaloneFlinkCluster cluster;

    @BeforeEach
    void startKafka() {
        kafka = LocalKafka.start();
    }

    @AfterEach
    void stopAll() {
        if (cluster != null) {
            cluster.close();
        }
        kafka.close();
    }

    @Test
    void survivesTaskManagerKillAndSavepointResumeExactlyOnce() throws Exception {
        LearnerStream stream = LearnerStream.generate(11, 300, 28, 4);
        Replay.Result replay = ReplayOracle.replay(stream, Files.createDirectories(dir.resolve("replay")));
        // the job runs from its jar, detecting by the system clock: compared without detectedAt
        List<String> expected = AlertRecords.withoutDetectedAt(AlertRecords.ofReplay(replay.alerts));
        List<List<LearnerStream.Line>> parts = stream.split(0.4, 0.7);

        TestTopics topics = TestTopics.create(kafka, 4);
        List<String> runArgs = new ArrayList<>(List.of("-d"));
        runArgs.addAll(jarAndOptions(clusterOptions(topics)));

        cluster = StandaloneFlinkCluster.start(Files.createDirectories(dir.resolve("flink")), Map.of());
        FlinkRest rest = cluster.rest();
        try (CommittedReader alerts = new CommittedReader(kafka.bootstrapServers(), topics.alerts)) {
            // 0. a bad option fails the submission with a one-line reason, not a stack trace
            StandaloneFlinkCluster.CliResult refused = cluster.cliResult("run", "-d", jar().toString(),
                    "--bootstrap-servers", kafka.bootstrapServers(), "--delivery", "twice");
            assertThat(refused.exitCode).as(refused.output).isNotZero();
            assertThat(refused.output).contains(
                    "learnpulse job: bad value 'twice' for delivery (expected exactly-once or at-least-once)");
            assertThat(refused.output).doesNotContain("Exception");

            // 1. submit with the CLI; the first alerts are committed
            topics.publish(parts.get(0));
            String jobId = cluster.submit(runArgs);
            alerts.awaitValues(STEP, "first alerts committed", values -> !values.isEmpty());

            // the functions' metrics, as the web UI shows them
            await("learnpulse metrics in the REST API").atMost(Duration.ofSeconds(60))
                    .until(() -> rest.vertexMetricSum(jobId, "route-rejected-input", "learnpulse.eventsIn") > 0
                            && rest.vertexMetricSum(jobId, "learner-rules", "learnpulse.lateEvents") == 0);
            HttpResponse<String> webUi = rest.getRaw("/");
            assertThat(webUi.statusCode()).as("web UI served").isEqualTo(200);
            assertThat(webUi.body()).containsIgnoringCase("<html");

            // 2. kill -9 the TaskManager mid-stream, start another: the job restores its checkpoint
            topics.publish(parts.get(1));
            cluster.kill9(cluster.taskManagers().get(0));
            cluster.startTaskManager();
            await("the job restarted on the new TaskManager").atMost(STEP).ignoreExceptions()
                    .until(() -> rest.allSubtasksRunning(jobId, 1));
            long checkpointsRestored = rest.completedCheckpoints(jobId);
            await("a checkpoint after the restore").atMost(STEP).ignoreExceptions()
                    .until(() -> rest.completedCheckpoints(jobId) > checkpointsRestored);

            // 3. stop with a savepoint, publish the rest, resume from the savepoint
            String savepoint = cluster.stopWithSavepoint(jobId, dir.resolve("savepoints"));
            await("the job stopped").atMost(STEP).until(() -> rest.jobState(jobId).equals("FINISHED"));
            topics.publish(parts.get(2));
            List<String> resumeArgs = new ArrayList<>(List.of("-s", savepoint));
            resumeArgs.addAll(runArgs);
            String resumedId = cluster.submit(resumeArgs);

            List<String> live = alerts.awaitValues(STEP, "all alerts committed",
                    values -> values.size() >= expected.size());
            assertThat(AlertRecords.withoutDetectedAt(live)).as("every alert exactly once").isEqualTo(expected);
            assertThat(alerts.poll()).as("nothing after the last expected alert").hasSize(expected.size());
            cluster.cli("cancel", resumedId);
        } catch (Exception | AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- cluster logs ---\n" + cluster.logTails(), e);
        }
    }

    /**
     * Rescaling on two TaskManagers (issue 16 item 1): the job at parallelism 2 on a 6-partition
     * topic loses one TaskManager to {@code kill -9} under load, is stopped with a savepoint and
     * resumed at parallelism 4, then at 1, with more events published between the steps; the alerts
     * read {@code read_committed} are exactly the replay's, MISSED_DEADLINE of the course calendar
     * (the rules' broadcast state) included. Keyed state moves between subtasks by key group, the
     * calendar is restored on every subtask and the source's partitions move between readers at each
     * step: this is what proves that state redistributes correctly.
     */
    @Test
    void rescalesFromSavepointsAndSurvivesLosingATaskManagerExactlyOnce() throws Exception {
        LearnerStream stream = LearnerStream.generate(16, 300, 28, 6).withCalendar();
        Replay.Result replay = ReplayOracle.replay(stream, Files.createDirectories(dir.resolve("replay")));
        assertThat(replay.alerts).as("the calendar's deadlines are missed")
                .anyMatch(alert -> alert.type == AlertType.MISSED_DEADLINE);
        List<String> expected = AlertRecords.withoutDetectedAt(AlertRecords.ofReplay(replay.alerts));
        List<List<LearnerStream.Line>> parts = stream.split(0.25, 0.45, 0.65, 0.85);

        TestTopics topics = TestTopics.create(kafka, 6);
        Map<String, String> options = clusterOptions(topics);
        List<String> jobArgs = jarAndOptions(options);

        // slots spread over the TaskManagers, so that the killed one surely runs part of the job
        cluster = StandaloneFlinkCluster.start(Files.createDirectories(dir.resolve("flink")),
                Map.of("taskmanager.load-balance.mode", "SLOTS"));
        cluster.startTaskManager();
        cluster.awaitSlots(4);
        FlinkRest rest = cluster.rest();
        try (CommittedReader alerts = new CommittedReader(kafka.bootstrapServers(), topics.alerts)) {
            // 1. parallelism 2 over two TaskManagers, the calendar read before the first event
            topics.publishCalendar(stream.calendar);
            String job = cluster.submit(run(2, null, jobArgs));
            topics.awaitCalendarRead(options.get("group-id"), stream.calendar.size());
            topics.publish(parts.get(0));
            alerts.awaitValues(STEP, "first alerts committed", values -> !values.isEmpty());

            // 2. kill -9 one of the two TaskManagers while events arrive; the job restores on the slots left
            topics.publish(parts.get(1));
            cluster.kill9(cluster.taskManagers().get(0));
            await("the job restarted without the killed TaskManager").atMost(STEP).ignoreExceptions()
                    .until(() -> rest.allSubtasksRunning(job, 1));
            awaitCheckpointAfterNow(rest, job);
            cluster.startTaskManager();
            cluster.awaitSlots(4);

            // 3. savepoint, more events, resume at parallelism 4
            String toFour = cluster.stopWithSavepoint(job, dir.resolve("savepoints"));
            await("the job stopped").atMost(STEP).ignoreExceptions().until(() -> rest.jobState(job).equals("FINISHED"));
            topics.publish(parts.get(2));
            String atFour = cluster.submit(run(4, toFour, jobArgs));
            await("4 subtasks running").atMost(STEP).ignoreExceptions().until(() -> rest.allSubtasksRunning(atFour, 0));
            awaitCheckpointAfterNow(rest, atFour);

            // 4. savepoint, more events, resume at parallelism 1
            String toOne = cluster.stopWithSavepoint(atFour, dir.resolve("savepoints"));
            await("the job stopped").atMost(STEP).ignoreExceptions().until(() -> rest.jobState(atFour).equals("FINISHED"));
            topics.publish(parts.get(3));
            String atOne = cluster.submit(run(1, toOne, jobArgs));
            await("1 subtask running").atMost(STEP).ignoreExceptions().until(() -> rest.allSubtasksRunning(atOne, 0));
            topics.publish(parts.get(4));

            List<String> live = alerts.awaitValues(Duration.ofMinutes(3), "all alerts committed",
                    values -> values.size() >= expected.size());
            assertThat(AlertRecords.withoutDetectedAt(live)).as("every alert exactly once").isEqualTo(expected);
            assertThat(alerts.poll()).as("nothing after the last expected alert").hasSize(expected.size());
            cluster.cli("cancel", atOne);
        } catch (Exception | AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- cluster logs ---\n" + cluster.logTails(), e);
        }
    }

    /** {@code -d -p N [-s SAVEPOINT] JAR ARGS}. */
    private static List<String> run(int parallelism, String savepoint, List<String> jobArgs) {
        List<String> args = new ArrayList<>(List.of("-d", "-p", Integer.toString(parallelism)));
        if (savepoint != null) {
            args.addAll(List.of("-s", savepoint));
        }
        args.addAll(jobArgs);
        return args;
    }

    private static void awaitCheckpointAfterNow(FlinkRest rest, String job) {
        long completed = rest.completedCheckpoints(job);
        await("a checkpoint completed").atMost(STEP).ignoreExceptions().until(() -> rest.completedCheckpoints(job) > completed);
    }

    /**
     * The live tests' options for the cluster: checkpoints go to its execution.checkpointing.dir and
     * the parallelism is its parallelism.default or {@code flink run -p} (as job.parallelism is on Kubernetes).
     */
    private static Map<String, String> clusterOptions(TestTopics topics) {
        Map<String, String> options = LiveJobs.testOptions(topics, "unused");
        options.remove("checkpoint-dir");
        options.remove("parallelism");
        return options;
    }

    /** The shaded job jar and the job's options, as {@code flink run} takes them after its own flags. */
    private static List<String> jarAndOptions(Map<String, String> options) {
        List<String> args = new ArrayList<>(List.of(jar().toString()));
        args.addAll(List.of(LiveJobs.args(options)));
        return args;
    }

    private static Path jar() {
        Path jar = Path.of("target", "learnpulse-job.jar").toAbsolutePath();
        assertThat(jar).as("the shaded job jar (mvn package)").isRegularFile();
        return jar;
    }
}
