package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.LEARNER_U1;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.JsonCodec;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/ops} and {@code /metrics} watching a job named {@code learnpulse} on a MiniCluster
 * through its REST API, and a real broker: the job's state and checkpoint figures appear, the lag of
 * every consumer group on every topic it reads, a spike of dead letters is counted by reason and
 * flagged unhealthy; only admins see it.
 */
class OpsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onSharedBroker();

    @TempDir
    static Path dataDir;

    /** The entry of {@code consumerLag} for one consumer and topic, as a map (a null lag stays null). */
    private static Map<String, Object> lag(JsonNode ops, String consumer, String topic) {
        for (JsonNode entry : ops.path("consumerLag")) {
            if (entry.path("consumer").asText().equals(consumer) && entry.path("topic").asText().equals(topic)) {
                return MAPPER.convertValue(entry, new TypeReference<Map<String, Object>>() { });
            }
        }
        throw new AssertionError("no lag of " + consumer + " on " + topic + " in " + ops.path("consumerLag"));
    }

    /** Commits offset 0 on every partition of {@code topic} for {@code group}, as a consumer that has read nothing yet. */
    private static void commitAtStart(String bootstrapServers, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(partition -> offsets.put(new TopicPartition(topic, partition.partition()),
                            new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(group, offsets).all().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void jobCheckpointsAndADeadLetterSpike(@InjectMiniCluster MiniCluster cluster) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(300);
        env.fromSource(new DataGeneratorSource<>(i -> i, Long.MAX_VALUE, RateLimiterStrategy.perSecond(5), Types.LONG),
                        WatermarkStrategy.noWatermarks(), "numbers").uid("numbers").name("numbers")
                .sinkTo(new DiscardingSink<>()).uid("discard").name("discard");
        env.executeAsync("learnpulse");
        String rest = cluster.getRestAddress().get().toString();
        String dlq = "dlq-" + UUID.randomUUID();
        GATEWAYS.kafka().createTopic(dlq, 1);

        try (GatewayHarness harness = GATEWAYS.start(dataDir,
                config -> config.with(GatewayOption.DLQ_TOPIC, dlq).with(GatewayOption.FLINK_REST_URL, rest)
                        .with(GatewayOption.JOB_GROUP_ID, "job-" + UUID.randomUUID()).with(GatewayOption.OPS_SAMPLE_MS, 300))) {
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode flink = json(harness.get("/api/ops", ADMIN)).path("flink");
                assertThat(flink.path("state").asText()).isEqualTo("RUNNING");
                assertThat(flink.path("restarts").asLong()).isZero();
                assertThat(flink.path("checkpointsCompleted").asLong()).isPositive();
                assertThat(flink.path("lastCheckpoint").path("durationMs").isNumber()).isTrue();
                assertThat(flink.path("lastCheckpoint").path("sizeBytes").asLong()).isPositive();
                assertThat(flink.path("uptimeMs").asLong()).isPositive();
            });
            JsonNode quiet = json(harness.get("/api/ops", ADMIN));
            assertThat(quiet.path("healthy").asBoolean()).as(quiet.toString()).isTrue();
            assertThat(quiet.path("databaseBytes").asLong()).isPositive();
            assertThat(quiet.path("websocketClients").has("alerts")).isTrue();

            // a record on each topic the gateway reads; the job's group a few records behind on the activity topic
            harness.produceAlert("u1", Fixtures.alert("a1", "u1", "k1", "ENGAGEMENT_DROP", "MEDIUM", "2026-11-24T00:00:00Z"));
            harness.produceFigures("u1", Fixtures.figures("u1", "k1", "2026-11-23", 4));
            harness.produceCalendar("math/A1", Fixtures.calendarItem("math", "A1", "Assignment 1", "2026-11-10T23:59:00Z"));
            harness.produceRisk("u1", Fixtures.risk("u1", "math", "k1", "2026-11-23T00:00:00Z", 0.4, "low"));
            for (int i = 0; i < 3; i++) {
                harness.produceActivity("u1", "{\"eventId\":\"e" + i + "\",\"userId\":\"u1\",\"type\":\"login\","
                        + "\"timestamp\":\"2026-11-24T10:00:00Z\"}");
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(lag(json(harness.get("/api/ops", ADMIN)), "job",
                    harness.activityTopic)).as("unknown: the job never committed where there are records")
                    .containsEntry("group", harness.config().jobGroupId()).containsEntry("lag", null));
            commitAtStart(harness.config().bootstrapServers(), harness.config().jobGroupId(), harness.activityTopic);
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode ops = json(harness.get("/api/ops", ADMIN));
                for (String topic : List.of(harness.alertsTopic, harness.metricsTopic, harness.calendarTopic,
                        harness.riskTopic)) {
                    assertThat(lag(ops, "gateway", topic)).as(topic)
                            .containsEntry("group", harness.config().groupId()).containsEntry("lag", 0);
                }
                assertThat(lag(ops, "activity", harness.activityTopic))
                        .containsEntry("group", harness.config().activityGroupId()).containsEntry("lag", 0);
                assertThat(lag(ops, "job", harness.activityTopic)).containsEntry("lag", 3);
                assertThat(ops.path("consumerLag")).as("every topic of each consumer once").hasSize(7);
            });

            for (int i = 0; i < 100; i++) {
                harness.produceDeadLetter(JsonCodec.deadLetter(new DeadLetter(DeadLetter.MALFORMED_JSON,
                        "not JSON", "{bad " + i)));
            }
            for (int i = 0; i < 20; i++) {
                harness.produceDeadLetter(JsonCodec.deadLetter(new DeadLetter(DeadLetter.MISSING_FIELD,
                        "missing field 'userId'", "{\"eventId\":\"m" + i + "\"}")));
            }
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode ops = json(harness.get("/api/ops", ADMIN));
                JsonNode letters = ops.path("deadLetters");
                assertThat(letters.path("lastHour").path("malformed_json").asInt()).isEqualTo(100);
                assertThat(letters.path("lastHour").path("missing_field").asInt()).isEqualTo(20);
                assertThat(letters.path("lastDay").path("malformed_json").asInt()).isEqualTo(100);
                assertThat(letters.path("latest")).hasSize(10);
                assertThat(letters.path("latest").path(0).path("raw").asText()).isEqualTo("{\"eventId\":\"m19\"}");
                assertThat(ops.path("healthy").asBoolean()).isFalse();
                assertThat(lag(ops, "dead-letters", dlq)).as("the operations view's own follower read them all")
                        .containsEntry("group", harness.config().activityGroupId() + "-dead-letters")
                        .containsEntry("lag", 0);
                assertThat(ops.path("checks").findValuesAsText("check")).contains("dead_letter_spike");
                ops.path("checks").forEach(check -> assertThat(check.path("unhealthy").asBoolean())
                        .as(check.toString()).isEqualTo(check.path("check").asText().equals("dead_letter_spike")));
            });
            String metrics = harness.get("/metrics", null).body();
            assertThat(metrics).contains("learnpulse_ops_unhealthy{check=\"dead_letter_spike\"} 1.0",
                    "learnpulse_ops_unhealthy{check=\"flink_job_down\"} 0.0", "learnpulse_ops_flink_running 1.0",
                    "learnpulse_ops_dead_letters_last_hour 120.0");
            // the example alert rules shipped name only metrics the gateway exposes
            Matcher names = Pattern.compile("learnpulse_ops_[a-z_]+")
                    .matcher(Files.readString(Path.of("../deploy/prometheus/learnpulse-alerts.yml")));
            while (names.find()) {
                assertThat(metrics).as("metric of the alert rules").contains("# TYPE " + names.group() + " gauge");
            }

            for (Map.Entry<String, Integer> refused : Map.of(INSTRUCTOR_K1, 403, LEARNER_U1, 403).entrySet()) {
                assertThat(harness.get("/api/ops", refused.getKey()).statusCode()).isEqualTo(refused.getValue());
            }
            assertThat(harness.get("/api/ops", null).statusCode()).isEqualTo(401);
            assertThat(harness.get("/admin", null).body()).contains("learnpulse · operations");
        }
    }
}
