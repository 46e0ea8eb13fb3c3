package io.learnpulse.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.replay.Replay;
import io.learnpulse.job.testutils.AlertRecords;
import io.learnpulse.job.testutils.CommittedReader;
import io.learnpulse.job.testutils.LearnerStream;
import io.learnpulse.job.testutils.LiveJobs;
import io.learnpulse.job.testutils.ReplayOracle;
import io.learnpulse.job.testutils.TestTopics;
import io.learnpulse.kafka.LocalKafka;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.JsonCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job on Kafka (4 partitions, parallelism 2, RocksDB, exactly-once) raises exactly the
 * alerts (AT_RISK among them), daily figures and risk scores that the replay of the same events does
 * (docs/time-and-delivery.md), also with a course calendar on its topic against the replay's calendar
 * file, and with settings overrides published while the job runs against the replay's settings file.
 */
class LiveEqualsReplayITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final LearnerStream STREAM = LearnerStream.generate(42, 300, 28, 4);
    private static final LearnerStream WITH_CALENDAR = STREAM.withCalendar();
    /** Effective from the day after the first half of the events: published live before the watermark gets there. */
    private static final Instant SETTINGS_FROM = Instant.ofEpochMilli(last(STREAM.split(0.5).get(0)).timestamp)
            .truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    private static final LearnerStream WITH_SETTINGS = WITH_CALENDAR.withSettings(SETTINGS_FROM);
    private static LocalKafka kafka;
    private static Replay.Result replay;
    private static Replay.Result replayWithCalendar;
    private static Replay.Result replayWithSettings;

    @BeforeAll
    static void startKafkaAndReplay(@TempDir Path replayDir, @TempDir Path calendarReplayDir,
            @TempDir Path settingsReplayDir) throws Exception {
        kafka = LocalKafka.start();
        replay = ReplayOracle.replay(STREAM, replayDir);
        assertThat(replay.alerts).as("the generated learners raise alerts").hasSizeGreaterThan(100);
        replayWithCalendar = ReplayOracle.replay(WITH_CALENDAR, calendarReplayDir);
        assertThat(replayWithCalendar.alerts).as("the calendar's deadlines are missed")
                .anyMatch(a -> a.type == AlertType.MISSED_DEADLINE && a.metrics.assessmentId.equals("X"));
        replayWithSettings = ReplayOracle.replay(WITH_SETTINGS, settingsReplayDir);
        assertThat(AlertRecords.ofReplay(replayWithSettings.alerts)).as("the overrides change the alerts")
                .isNotEqualTo(AlertRecords.ofReplay(replayWithCalendar.alerts));
        assertThat(replayWithSettings.alerts).as("cohort-A's threshold, from the settings on")
                .anyMatch(a -> a.type == AlertType.CONSECUTIVE_LOW_SCORES && a.metrics.threshold == 0.7
                        && a.eventTime >= SETTINGS_FROM.toEpochMilli());
    }

    private static LearnerStream.Line last(List<LearnerStream.Line> lines) {
        return lines.get(lines.size() - 1);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void liveAlertsEqualTheReplayOfTheSameEvents(@TempDir Path dir) throws Exception {
        assertLiveEqualsReplay(dir, STREAM, replay, Map.of());
    }

    /** The other delivery mode and state backend: no failure here, so no repeated alert either. */
    @Test
    void atLeastOnceOnTheHeapBackendToo(@TempDir Path dir) throws Exception {
        assertLiveEqualsReplay(dir, STREAM, replay, Map.of("delivery", "at-least-once", "state-backend", "hashmap"));
    }

    /**
     * The calendar published before the events, on its compacted topic, against the replay's
     * calendar file: the same MISSED_DEADLINE alerts, also for the learners silent by then.
     */
    @Test
    void withTheCalendarTopicLiveEqualsTheReplayWithTheCalendarFile(@TempDir Path dir) throws Exception {
        assertLiveEqualsReplay(dir, WITH_CALENDAR, replayWithCalendar, Map.of());
    }

    /**
     * Overrides published on the settings topic after the first half of the events, before the
     * watermark passes their {@code effectiveFrom}, against the replay's settings file read before
     * the first event: the same alerts (docs/time-and-delivery.md).
     */
    @Test
    void withOverridesPublishedLiveTheAlertsEqualTheReplayWithTheSettingsFile(@TempDir Path dir) throws Exception {
        assertLiveEqualsReplay(dir, WITH_SETTINGS, replayWithSettings, Map.of());
    }

    private static void assertLiveEqualsReplay(Path dir, LearnerStream stream, Replay.Result replay,
            Map<String, String> extraOptions) throws Exception {
        List<String> expectedAlerts = AlertRecords.ofReplay(replay.alerts);
        List<String> expectedFigures = replay.dailyFigures.stream().map(JsonCodec::dailyFigures).sorted()
                .collect(Collectors.toList());
        List<String> expectedRisks = replay.riskScores.stream().map(JsonCodec::learnerRisk).sorted()
                .collect(Collectors.toList());
        assertThat(replay.alerts).as("the generated learners are at risk").anyMatch(a -> a.type == AlertType.AT_RISK);

        TestTopics topics = TestTopics.create(kafka, 4);
        Map<String, String> options = LiveJobs.testOptions(topics, dir.resolve("checkpoints").toUri().toString());
        options.putAll(extraOptions);
        // the calendar known before the first event, as the replay knows its file (docs/time-and-delivery.md)
        topics.publishCalendar(stream.calendar);
        JobClient job = LiveJobs.start(options);
        try (CommittedReader alerts = new CommittedReader(kafka.bootstrapServers(), topics.alerts);
                CommittedReader figures = new CommittedReader(kafka.bootstrapServers(), topics.metrics);
                CommittedReader risks = new CommittedReader(kafka.bootstrapServers(), topics.risk);
                CommittedReader deadLetters = new CommittedReader(kafka.bootstrapServers(), topics.dlq)) {
            if (!stream.calendar.isEmpty()) {
                topics.awaitCalendarRead(options.get("group-id"), stream.calendar.size());
            }
            if (stream.settings.isEmpty()) {
                topics.publish(stream.all());
            } else {
                List<List<LearnerStream.Line>> halves = stream.split(0.5);
                topics.publish(halves.get(0));
                topics.publishSettings(stream.settings);
                topics.awaitSettingsRead(options.get("group-id"), stream.settings.size());
                topics.publish(halves.get(1));
            }
            List<String> live = alerts.awaitValues(Duration.ofMinutes(2), "all alerts committed",
                    values -> values.size() >= expectedAlerts.size());
            List<String> liveFigures = figures.awaitValues(Duration.ofMinutes(1), "all daily figures committed",
                    values -> values.size() >= expectedFigures.size());
            List<String> liveRisks = risks.awaitValues(Duration.ofMinutes(1), "all risk scores committed",
                    values -> values.size() >= expectedRisks.size());

            assertThat(live.stream().map(AlertRecords::alertId).distinct().count())
                    .as("no alert repeated").isEqualTo(live.size());
            assertThat(live.stream().map(AlertRecords::identity).sorted().collect(Collectors.toList()))
                    .as("ids, types, users and event times")
                    .isEqualTo(replay.alerts.stream().map(JsonCodec::alert).map(AlertRecords::identity).sorted()
                            .collect(Collectors.toList()));
            assertThat(AlertRecords.sorted(live)).as("whole alerts").isEqualTo(expectedAlerts);
            assertThat(alerts.keys()).as("alerts keyed by userId")
                    .isEqualTo(live.stream().map(a -> a.replaceAll(".*\"userId\":\"([^\"]+)\".*", "$1"))
                            .collect(Collectors.toList()));
            assertThat(liveFigures.stream().sorted().collect(Collectors.toList())).isEqualTo(expectedFigures);
            assertThat(liveRisks.stream().sorted().collect(Collectors.toList())).as("risk scores")
                    .isEqualTo(expectedRisks);
            assertThat(risks.keys()).as("risk scores keyed by userId")
                    .isEqualTo(liveRisks.stream().map(r -> r.replaceAll(".*\"userId\":\"([^\"]+)\".*", "$1"))
                            .collect(Collectors.toList()));
            assertThat(deadLetters.poll()).as("in-order input has no late or rejected events").isEmpty();
        } finally {
            job.cancel().get();
        }
    }
}
