package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.burst;
import static io.learnpulse.gateway.GatewayExtension.onDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import io.learnpulse.gateway.store.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault "the gateway killed ({@code kill -9}) in the middle of a burst of alerts": a gateway run as
 * a JVM of its own ({@code learnpulse gateway}'s command) is sent SIGKILL while it is storing a burst,
 * more alerts are produced while it is down, and a new one started on the same database and consumer
 * group: every alert is stored exactly once (one row each, sequences 1..n without a gap), none is
 * missing, none is quarantined, and the offsets reach the end. On SQLite and on PostgreSQL.
 */
class GatewayKilledITCase {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int BEFORE = 5000;
    private static final int WHILE_DOWN = 500;

    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onSharedBroker();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void killedMidBurstEveryAlertIsStoredExactlyOnce(TestDatabase database) {
        GatewayHarness harness = GATEWAYS.prepare(dir, onDatabase(database))
                .startProcess(dir.resolve("gateway-1.log"));
        harness.produceAlerts(burst("burst-", BEFORE));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> !harness.storedAlerts().isEmpty());
        harness.kill();
        int storedAtKill = harness.storedAlerts().size();
        assertThat(storedAtKill).as("killed in the middle of the burst").isBetween(1, BEFORE - 1);

        harness.produceAlerts(burst("down-", WHILE_DOWN));
        harness.startProcess(dir.resolve("gateway-2.log"));
        List<String> expected = new ArrayList<>(Fixtures.burstIds("burst-", BEFORE));
        expected.addAll(Fixtures.burstIds("down-", WHILE_DOWN));
        await().atMost(WAIT).until(() -> harness.storedAlerts().size() >= expected.size());
        await().atMost(WAIT).until(() -> harness.committedAlertOffsets() == expected.size());
        assertThat(harness.storedAlerts().values()).as("every alert once, none missing")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(harness.storedAlerts().keySet()).as("sequences 1..n without a gap")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expected.size()).boxed().toList());
        assertThat(harness.quarantined()).as("nothing quarantined").isZero();
    }
}
