package io.learnpulse.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.learnpulse.kafka.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A whole gateway on a free port over a real Kafka broker (its own random topics and consumer group)
 * and a real SQLite file, with a producer for the job's records and real HTTP and WebSocket clients:
 * for what crosses Kafka. The gateway runs in this JVM ({@link #start}) or, for a test that kills it,
 * as a JVM of its own ({@link #startProcess}). {@link GatewayExtension} makes and closes harnesses;
 * {@link AppHarness} serves the rest without a broker.
 */
final class GatewayHarness extends GatewayClient implements AutoCloseable {

    /** The topics of a harness; a second gateway on the same ones is made with {@link #another}. */
    private record Topics(String alerts, String metrics, String activity, String calendar, String risk,
            String settings) {

        static Topics created(LocalKafka kafka) {
            Topics topics = new Topics("alerts-" + UUID.randomUUID(), "metrics-" + UUID.randomUUID(),
                    "activity-" + UUID.randomUUID(), "calendar-" + UUID.randomUUID(), "risk-" + UUID.randomUUID(),
                    "settings-" + UUID.randomUUID());
            kafka.createTopic(topics.alerts(), 2);
            kafka.createTopic(topics.metrics(), 2);
            kafka.createTopic(topics.activity(), 2);
            kafka.createCompactedTopic(topics.calendar(), 2);
            kafka.createTopic(topics.risk(), 2);
            kafka.createCompactedTopic(topics.settings(), 1);
            return topics;
        }
    }

    final String alertsTopic;
    final String metricsTopic;
    final String activityTopic;
    final String calendarTopic;
    final String riskTopic;
    final String settingsTopic;
    private final LocalKafka kafka;
    private final Topics topics;
    private final GatewayConfig config;
    private final KafkaProducer<String, String> producer;
    private Gateway gateway;
    private GatewayProcess process;

    /** A harness on new topics; its gateway is not started yet. */
    static GatewayHarness onNewTopics(LocalKafka kafka, Path dataDir, UnaryOperator<GatewayConfig> adjust)
            throws IOException {
        return new GatewayHarness(kafka, Topics.created(kafka), dataDir, adjust, "gateway-" + UUID.randomUUID());
    }

    private GatewayHarness(LocalKafka kafka, Topics topics, Path dataDir, UnaryOperator<GatewayConfig> adjust,
            String groupId) throws IOException {
        Files.createDirectories(dataDir);
        this.kafka = kafka;
        this.topics = topics;
        this.alertsTopic = topics.alerts();
        this.metricsTopic = topics.metrics();
        this.activityTopic = topics.activity();
        this.calendarTopic = topics.calendar();
        this.riskTopic = topics.risk();
        this.settingsTopic = topics.settings();
        this.config = adjust.apply(Fixtures.onTestDatabase(GatewayConfig.defaults(kafka.bootstrapServers()))
                .with(GatewayOption.HTTP_HOST, "127.0.0.1")
                .with(GatewayOption.HTTP_PORT, 0)
                .with(GatewayOption.DATA_DIR, dataDir.resolve("db"))
                .with(GatewayOption.TOKENS_FILE, Fixtures.tokensFile(dataDir))
                .with(GatewayOption.ALERTS_TOPIC, topics.alerts())
                .with(GatewayOption.METRICS_TOPIC, topics.metrics())
                .with(GatewayOption.CALENDAR_TOPIC, topics.calendar())
                .with(GatewayOption.RISK_TOPIC, topics.risk())
                .with(GatewayOption.SETTINGS_TOPIC, topics.settings())
                .with(GatewayOption.ACTIVITY_TOPIC, topics.activity())
                .with(GatewayOption.ACTIVITY_GROUP_ID, "activity-" + UUID.randomUUID())
                .with(GatewayOption.GROUP_ID, groupId));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /**
     * A second gateway beside this one, as several gateways run behind a load balancer: the same topics
     * and consumer group, its own activity group and data directory, then {@code adjust} (the database
     * they share, say). Not started yet.
     */
    GatewayHarness another(Path dataDir, UnaryOperator<GatewayConfig> adjust) throws IOException {
        return new GatewayHarness(kafka, topics, dataDir, adjust, config.groupId());
    }

    /** Starts the gateway in this JVM. */
    GatewayHarness start() {
        gateway = Gateway.start(config);
        return this;
    }

    /** Starts the gateway as a JVM of its own, with this harness's options on its command line. */
    GatewayHarness startProcess(Path logFile) {
        process = GatewayProcess.start(config, logFile);
        return this;
    }

    /** Ends the gateway's JVM at once (SIGKILL): no shutdown hook, no commit, no close. */
    void kill() {
        process.kill();
        process = null;
    }

    GatewayConfig config() {
        return config;
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

    /** The members of the gateway's consumer group that have partitions of the alerts topic assigned. */
    long membersReadingAlerts() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", config.bootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(config.groupId())).all()
                    .get(10, TimeUnit.SECONDS).get(config.groupId());
            return group.members().stream().filter(member -> member.assignment().topicPartitions().stream()
                    .anyMatch(partition -> partition.topic().equals(alertsTopic))).count();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the consumer group", e);
        }
    }

    /**
     * The alerts in the gateway's database, read with SQL: alertId by store sequence, in sequence order
     * (for the fault tests: each alert once, the sequences without a gap).
     */
    Map<Long, String> storedAlerts() {
        Map<Long, String> stored = new LinkedHashMap<>();
        query("SELECT seq, alert_id FROM alerts ORDER BY seq", rows -> stored.put(rows.getLong(1), rows.getString(2)));
        return stored;
    }

    /** The number of records in the gateway's quarantine table. */
    long quarantined() {
        long[] count = {0};
        query("SELECT COUNT(*) FROM quarantine", rows -> count[0] = rows.getLong(1));
        return count[0];
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, Row row) {
        try (Connection connection = DriverManager.getConnection(config.effectiveJdbcUrl(), config.dbUser(),
                config.dbPassword());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                row.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the gateway's database: " + sql, e);
        }
    }

    void stop() {
        gateway.close();
        gateway = null;
    }

    Gateway gateway() {
        return gateway;
    }

    @Override
    int port() {
        return process != null ? process.port() : gateway.port();
    }

    void produceAlert(String userId, String json) {
        send(alertsTopic, userId, json);
    }

    /**
     * Alerts as one burst: all sent at once, then awaited. Each is keyed by its place in the list, so the
     * burst is spread over both partitions (and an alert produced twice may land on either).
     */
    void produceAlerts(List<String> alerts) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            sent.add(producer.send(new ProducerRecord<>(alertsTopic, Integer.toString(i), alerts.get(i))));
        }
        try {
            for (Future<RecordMetadata> record : sent) {
                record.get(2, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + alertsTopic, e);
        }
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

    /** Stops the gateway (a process: kills it) and the producer. */
    @Override
    public void close() {
        producer.close();
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        if (process != null) {
            kill();
        }
    }
}
