package io.learnpulse.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.auth.TokenRegistry;
import io.learnpulse.kafka.LocalKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A gateway on a free port over a real Kafka broker (its own random topics and consumer group) and a
 * real SQLite file, with a producer for the job's records and real HTTP and WebSocket clients.
 */
final class GatewayHarness implements AutoCloseable {

    static final String ADMIN = "admin-secret";
    static final String INSTRUCTOR_K1 = "instructor-k1-secret";
    static final String INSTRUCTOR_K2 = "instructor-k2-secret";
    static final String LEARNER_U1 = "learner-u1-secret";
    static final String UNKNOWN = "not-a-token";

    /**
     * Set to a JDBC URL (e.g. {@code jdbc:postgresql://127.0.0.1:5432/learnpulse?user=postgres}) to run
     * the integration tests against that database instead of SQLite, each harness in its own schema.
     */
    static final String EXTERNAL_DATABASE = "LEARNPULSE_TEST_JDBC_URL";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final String alertsTopic = "alerts-" + UUID.randomUUID();
    final String metricsTopic = "metrics-" + UUID.randomUUID();
    private final GatewayConfig config;
    private final KafkaProducer<String, String> producer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Gateway gateway;

    GatewayHarness(LocalKafka kafka, Path dataDir) throws IOException {
        this(kafka, dataDir, config -> config);
    }

    GatewayHarness(LocalKafka kafka, Path dataDir, java.util.function.UnaryOperator<GatewayConfig> adjust)
            throws IOException {
        kafka.createTopic(alertsTopic, 2);
        kafka.createTopic(metricsTopic, 2);
        Path tokens = dataDir.resolve("tokens.properties");
        Files.writeString(tokens, String.join("\n",
                "token.root.secret = " + ADMIN,
                "token.root.role = admin",
                "token.alice.sha256 = " + TokenRegistry.hash(INSTRUCTOR_K1),
                "token.alice.role = instructor",
                "token.alice.cohorts = k1",
                "token.bob.sha256 = " + TokenRegistry.hash(INSTRUCTOR_K2),
                "token.bob.role = instructor",
                "token.bob.cohorts = k2,k3",
                "token.u1.secret = " + LEARNER_U1,
                "token.u1.role = learner",
                "token.u1.userId = u1",
                ""), StandardCharsets.UTF_8);
        GatewayConfig base = GatewayConfig.defaults(kafka.bootstrapServers());
        String externalDatabase = System.getenv(EXTERNAL_DATABASE);
        if (externalDatabase != null && !externalDatabase.isBlank()) {
            base = base.withJdbcUrl(freshSchema(externalDatabase));
        }
        this.config = adjust.apply(base
                .withHttpHost("127.0.0.1")
                .withHttpPort(0)
                .withDataDir(dataDir.resolve("db"))
                .withTokensFile(tokens)
                .withTopics(alertsTopic, metricsTopic)
                .withGroupId("gateway-" + UUID.randomUUID()));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        start();
    }

    private static String freshSchema(String url) {
        String schema = "t" + UUID.randomUUID().toString().replace("-", "");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url);
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create a schema in " + url, e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    void start() {
        gateway = Gateway.start(config);
    }

    /** The sum of the offsets the gateway's consumer group has committed on the alerts topic. */
    long committedAlertOffsets() {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", config.bootstrapServers()))) {
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

    static String alert(String alertId, String userId, String cohortId, String type, String severity,
            String eventTime) {
        return alert(alertId, userId, cohortId, type, severity, eventTime, "{\"scores\":[0.4,0.5,0.3]}");
    }

    static String alert(String alertId, String userId, String cohortId, String type, String severity,
            String eventTime, String metricsJson) {
        return "{\"alertId\":\"" + alertId + "\",\"userId\":\"" + userId + "\",\"courseId\":\"c1\","
                + "\"cohortId\":" + (cohortId == null ? "null" : "\"" + cohortId + "\"")
                + ",\"type\":\"" + type + "\",\"severity\":\"" + severity + "\",\"eventTime\":\"" + eventTime
                + "\",\"detectedAt\":\"2026-11-24T10:15:01.123Z\",\"status\":\"OPEN\",\"metrics\":" + metricsJson
                + ",\"message\":\"m\",\"recommendation\":\"r\"}";
    }

    static String figures(String userId, String cohortId, String day, int events) {
        return "{\"userId\":\"" + userId + "\",\"courseId\":\"c1\",\"cohortId\":\"" + cohortId + "\",\"day\":\"" + day
                + "\",\"events\":" + events + ",\"assessments\":3,\"meanScore\":0.55,\"progress\":null,"
                + "\"consistency7d\":0.43}";
    }

    void produceAlert(String userId, String json) {
        send(alertsTopic, userId, json);
    }

    void produceFigures(String userId, String json) {
        send(metricsTopic, userId, json);
    }

    private void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET().build());
    }

    HttpResponse<String> post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    /** Opens a WebSocket with the token in the Authorization header (or none). */
    WebSocket connect(String pathAndQuery, String token, WsRecorder recorder) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + gateway.port() + pathAndQuery), recorder).join();
    }

    /** The HTTP status the WebSocket handshake was refused with, or 101 if it was accepted. */
    int handshakeStatus(String pathAndQuery, String token, String origin) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            WebSocket ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + gateway.port() + pathAndQuery),
                    WsRecorder.reading()).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        producer.close();
        gateway.close();
    }
}
