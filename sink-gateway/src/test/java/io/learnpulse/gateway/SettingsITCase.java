package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.LEARNER_U1;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.SettingsOverride;
import io.learnpulse.testkit.Wait;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings endpoints against a real broker: a PUT publishes the model's override record to the
 * settings topic (key {@code scope:id}, effective now) once the broker acknowledged it, the audit trail
 * then says who changed what and when, an empty object publishes the removal, and with the broker
 * gone a PUT answers 503 and records nothing.
 */
class SettingsITCase {

    @TempDir
    Path dataDir;

    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onOwnBroker();

    @Test
    void aPutIsPublishedAcknowledgedAndRecordedAndNotWithTheBrokerDown() throws Exception {
        GatewayHarness harness = GATEWAYS.start(dataDir, config -> config.with(GatewayOption.SETTINGS_TIMEOUT_MS, 3000));
        harness.produceAlert("u1", Fixtures.alert("a1", "u1", "k1", "ENGAGEMENT_DROP", "MEDIUM",
                "2026-11-24T10:00:00Z"));
        Wait.until("the learner's alert stored", Duration.ofSeconds(30),
                () -> harness.get("/api/alerts/a1", ADMIN).statusCode() == 200);

        Instant before = Instant.now();
        HttpResponse<String> cohort = harness.put("/api/cohorts/k1/settings", INSTRUCTOR_K1,
                "{\"low-score.threshold\": 0.5, \"stagnation.after\": \"72 h\"}");
        Instant after = Instant.now();
        assertThat(cohort.statusCode()).as(cohort.body()).isEqualTo(200);
        JsonNode answer = json(cohort);
        assertThat(answer.path("override").path("rules").toString())
                .isEqualTo("{\"low-score.threshold\":0.5,\"stagnation.after\":\"3 d\"}");
        assertThat(answer.path("override").path("changedBy").asText()).isEqualTo("alice");
        assertThat(answer.path("history")).hasSize(1);

        HttpResponse<String> learner = harness.put("/api/users/u1/settings", ADMIN, "{\"engagement.empty-days\": 7}");
        assertThat(learner.statusCode()).as(learner.body()).isEqualTo(200);
        HttpResponse<String> removed = harness.put("/api/users/u1/settings", INSTRUCTOR_K1, "{}");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);

        List<ConsumerRecord<String, String>> records = readAll(harness.settingsTopic, 3);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("cohort:k1", "learner:u1", "learner:u1");
        SettingsOverride published = JsonCodec.readSettingsOverride(records.get(0).value());
        assertThat(published.scope).isEqualTo(SettingsOverride.Scope.COHORT);
        assertThat(published.id).isEqualTo("k1");
        assertThat(published.rules).isEqualTo(Map.of("low-score.threshold", 0.5, "stagnation.after",
                (double) Duration.ofHours(72).toMillis()));
        assertThat(Instant.ofEpochMilli(published.effectiveFrom)).isBetween(before.minusMillis(1), after);
        assertThat(JsonCodec.readSettingsOverride(records.get(2).value()).removes()).isTrue();

        // the learner reads its own: no override now, and the trail of both changes, newest first
        JsonNode own = json(harness.get("/api/users/u1/settings", LEARNER_U1));
        assertThat(own.path("override").isNull()).isTrue();
        assertThat(own.path("history").findValuesAsText("changedBy")).containsExactly("alice", "root");
        assertThat(own.path("history").get(1).path("rules").path("engagement.empty-days").asInt()).isEqualTo(7);

        GATEWAYS.kafka().stopBroker();
        HttpResponse<String> down = harness.put("/api/cohorts/k1/settings", INSTRUCTOR_K1,
                "{\"low-score.threshold\": 0.4}");
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        JsonNode unchanged = json(harness.get("/api/cohorts/k1/settings", ADMIN));
        assertThat(unchanged.path("history")).hasSize(1);
        assertThat(unchanged.path("override").path("rules").path("low-score.threshold").asDouble()).isEqualTo(0.5);
    }

    private List<ConsumerRecord<String, String>> readAll(String topic, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, GATEWAYS.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            Wait.until(count + " records on " + topic, Duration.ofSeconds(30), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }
}
