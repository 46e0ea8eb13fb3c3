package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.alert;
import static io.learnpulse.gateway.Fixtures.ids;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.kafka.LocalKafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault "the database unreachable": a gateway over a real broker and a real PostgreSQL server that
 * is stopped and started again on the same port and data directory. The outage lasts as long as the
 * assertions below take (seconds, not the 30 s): the gateway's behaviour does not depend on
 * how long it is, and CI time does.
 */
class DatabaseOutageITCase {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private LocalKafka kafka;
    private EmbeddedPostgres postgres;
    private GatewayHarness harness;

    @AfterEach
    void stop() throws IOException {
        if (harness != null) {
            harness.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void ingestionPausesWithoutCommittingAndResumesWhenTheDatabaseIsBack() throws IOException {
        int port = freePort();
        Path data = dir.resolve("pgdata");
        postgres = startPostgres(port, data);
        String url = postgres.getJdbcUrl("postgres", "postgres");
        kafka = LocalKafka.start();
        harness = new GatewayHarness(kafka, dir, config -> config.with(GatewayOption.JDBC_URL, url));

        for (int i = 1; i <= 3; i++) {
            harness.produceAlert("u" + i, alert("d" + i, "u" + i, "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T0" + i + ":00:00Z"));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(ids(json(harness.get("/api/alerts", ADMIN)))).hasSize(3));
        await().atMost(WAIT).until(() -> harness.committedAlertOffsets() == 3);

        postgres.close();
        postgres = null;
        await().atMost(WAIT).until(() -> harness.get("/api/alerts", ADMIN).statusCode() == 503);
        for (int i = 4; i <= 6; i++) {
            harness.produceAlert("u" + i, alert("d" + i, "u" + i, "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T0" + i + ":00:00Z"));
        }
        // the batch of d4..d6 was read and could not be stored: the loop reports it and keeps its offsets
        await().atMost(WAIT).untilAsserted(() -> {
            var health = harness.get("/health", null);
            JsonNode body = json(health);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(body.path("status").asText()).isEqualTo("DOWN");
            assertThat(body.path("database").path("up").asBoolean()).isFalse();
            assertThat(body.path("consumer").path("lastError").asText()).startsWith("database:");
        });
        assertThat(harness.committedAlertOffsets()).as("no offsets committed while the database is down").isEqualTo(3);
        assertThat(harness.get("/api/alerts", ADMIN).statusCode()).isEqualTo(503);

        postgres = startPostgres(port, data);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ids(json(harness.get("/api/alerts", ADMIN))))
                .containsExactly("d6", "d5", "d4", "d3", "d2", "d1"));
        await().atMost(WAIT).until(() -> harness.committedAlertOffsets() == 6);
        await().atMost(WAIT).until(() -> harness.get("/health", null).statusCode() == 200);
        assertThat(json(harness.get("/api/alerts", ADMIN)).path("items")).hasSize(6);
    }

    /** A PostgreSQL server on {@code port} whose data directory outlives it, so it can be started again. */
    private static EmbeddedPostgres startPostgres(int port, Path data) throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
