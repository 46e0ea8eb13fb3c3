package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.alert;
import static io.learnpulse.gateway.Fixtures.ids;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault "the database unreachable": a gateway over a real broker and a real PostgreSQL server that
 * is stopped and started again on its data directory. The gateway reaches it through a {@link TcpRelay}
 * whose port the test holds throughout, so nothing else can take the gateway's database address while
 * the server is down, and the restarted server listens on whichever port is free then. The outage lasts
 * as long as the assertions below take (seconds, not the 30 s): the gateway's behaviour does not
 * depend on how long it is, and CI time does.
 */
class DatabaseOutageITCase {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onSharedBroker();

    private EmbeddedPostgres postgres;
    private TcpRelay relay;

    @AfterEach
    void stop() throws IOException {
        if (relay != null) {
            relay.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void ingestionPausesWithoutCommittingAndResumesWhenTheDatabaseIsBack() throws IOException {
        Path data = dir.resolve("pgdata");
        postgres = startPostgres(data);
        relay = new TcpRelay(postgres.getPort());
        String url = "jdbc:postgresql://127.0.0.1:" + relay.port() + "/postgres?user=postgres";
        GatewayHarness harness = GATEWAYS.start(dir, config -> config.with(GatewayOption.JDBC_URL, url));

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
        // the 30 s outage, held and watched throughout: REST 503, nothing committed
        await().during(OUTAGE).atMost(OUTAGE.plus(WAIT)).until(() -> harness.committedAlertOffsets() == 3
                && harness.get("/api/alerts", ADMIN).statusCode() == 503);

        postgres = startPostgres(data);
        relay.target(postgres.getPort());
        await().atMost(WAIT).untilAsserted(() -> assertThat(ids(json(harness.get("/api/alerts", ADMIN))))
                .containsExactly("d6", "d5", "d4", "d3", "d2", "d1"));
        await().atMost(WAIT).until(() -> harness.committedAlertOffsets() == 6);
        await().atMost(WAIT).until(() -> harness.get("/health", null).statusCode() == 200);
        assertThat(json(harness.get("/api/alerts", ADMIN)).path("items")).hasSize(6);
    }

    /** A PostgreSQL server on a free port whose data directory outlives it, so it can be started again. */
    private static EmbeddedPostgres startPostgres(Path data) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
    }
}
