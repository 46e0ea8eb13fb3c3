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
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/ops} and {@code /metrics} watching a job named {@code learnpulse} on a MiniCluster
 * through its REST API, and a real broker: the job's state and checkpoint figures appear, a spike of
 * dead letters is counted by reason and flagged unhealthy; only admins see it.
 */
class OpsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static final Duration WAIT = Duration.ofSeconds(90);
    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onSharedBroker();

    @TempDir
    static Path dataDir;

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
