package io.learnpulse.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.learnpulse.kafka.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A whole gateway on a free port over a real Kafka broker (its own random topics and consumer group)
 * and a real SQLite file, with a producer for the job's records and real HTTP and WebSocket clients:
 * for what crosses Kafka. {@link AppHarness} serves the rest without a broker.
 */
final class GatewayHarness extends GatewayClient implements AutoCloseable {

    final String alertsTopic = "alerts-" + UUID.randomUUID();
    final String metricsTopic = "metrics-" + UUID.randomUUID();
    final String activityTopic = "activity-" + UUID.randomUUID();
    final String calendarTopic = "calendar-" + UUID.randomUUID();
    final String riskTopic = "risk-" + UUID.randomUUID();
    final String settingsTopic = "settings-" + UUID.randomUUID();
    private final GatewayConfig config;
    private final KafkaProducer<String, String> producer;
    private Gateway gateway;

    GatewayHarness(LocalKafka kafka, Path dataDir) throws IOException {
        this(kafka, dataDir, config -> config);
    }

    GatewayHarness(LocalKafka kafka, Path dataDir, UnaryOperator<GatewayConfig> adjust) throws IOException {
        kafka.createTopic(alertsTopic, 2);
        kafka.createTopic(metricsTopic, 2);
        kafka.createTopic(activityTopic, 2);
        kafka.createCompactedTopic(calendarTopic, 2);
        kafka.createTopic(riskTopic, 2);
        kafka.createCompactedTopic(settingsTopic, 1);
        this.config = adjust.apply(Fixtures.onTestDatabase(GatewayConfig.defaults(kafka.bootstrapServers()))
                .with(GatewayOption.HTTP_HOST, "127.0.0.1")
                .with(GatewayOption.HTTP_PORT, 0)
                .with(GatewayOption.DATA_DIR, dataDir.resolve("db"))
                .with(GatewayOption.TOKENS_FILE, Fixtures.tokensFile(dataDir))
                .with(GatewayOption.ALERTS_TOPIC, alertsTopic)
                .with(GatewayOption.METRICS_TOPIC, metricsTopic)
                .with(GatewayOption.CALENDAR_TOPIC, calendarTopic)
                .with(GatewayOption.RISK_TOPIC, riskTopic)
                .with(GatewayOption.SETTINGS_TOPIC, settingsTopic)
                .with(GatewayOption.ACTIVITY_TOPIC, activityTopic)
                .with(GatewayOption.ACTIVITY_GROUP_ID, "activity-" + UUID.randomUUID())
                .with(GatewayOption.GROUP_ID, "gateway-" + UUID.randomUUID()));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        start();
    }

    void start() {
        gateway = Gateway.start(config);
    }

    /** The sum of the offsets the gateway's consumer group has committed on the alerts topic. */
    long committedAlertOffsets() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", config.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(config.groupId()).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(alertsTopic) && entry.getValue() != null)
                    .mapToLong(entry -> entry.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read committed offsets", e);
        }
    }

    void stop() {
        gateway.close();
    }

    Gateway gateway() {
        return gateway;
    }

    @Override
    int port() {
        return gateway.port();
    }

    void produceAlert(String userId, String json) {
        send(alertsTopic, userId, json);
    }

    void produceFigures(String userId, String json) {
        send(metricsTopic, userId, json);
    }

    void produceActivity(String userId, String json) {
        send(activityTopic, userId, json);
    }

    /** A course-calendar record, keyed {@code courseId/assessmentId} as docs/events.md says. */
    void produceCalendar(String key, String json) {
        send(calendarTopic, key, json);
    }

    /** A risk score of the job (docs/alerts.md), keyed {@code userId}. */
    void produceRisk(String userId, String json) {
        send(riskTopic, userId, json);
    }

    /** A record of the dead-letter topic the gateway was configured with. */
    void produceDeadLetter(String json) {
        send(config.dlqTopic(), null, json);
    }

    private void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
        gateway.close();
    }
}
