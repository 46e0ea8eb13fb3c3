package io.learnpulse.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.learnpulse.gateway.store.TestDatabase;
import io.learnpulse.kafka.LocalKafka;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker for a test class and the gateways it starts on it, closed for it: a gateway
 * started during a test (its {@code @BeforeEach} included) is closed after the test, one started in
 * {@code @BeforeAll} after the class. {@link #onSharedBroker()} is one broker for every test class of
 * the JVM that asks for it (each harness has topics and groups of its own, so they do not meet),
 * started once and stopped when the JVM's tests are done; {@link #onOwnBroker()} is the class's own,
 * for a test that stops it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GatewayExtension GATEWAYS = GatewayExtension.onSharedBroker();
 * ...
 * GatewayHarness harness = GATEWAYS.start(dataDir);
 * GatewayHarness onPostgres = GATEWAYS.start(dataDir, onDatabase(TestDatabase.POSTGRESQL));
 * }</pre>
 */
final class GatewayExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    /** The shared broker, as a resource of the root context: JUnit closes it after the last test class. */
    private record SharedBroker(LocalKafka kafka) implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        @Override
        public void close() {
            kafka.close();
        }
    }

    private final boolean shared;
    private final List<GatewayHarness> ofClass = new ArrayList<>();
    private final List<GatewayHarness> ofTest = new ArrayList<>();
    private LocalKafka kafka;
    private boolean inTest;

    private GatewayExtension(boolean shared) {
        this.shared = shared;
    }

    static GatewayExtension onSharedBroker() {
        return new GatewayExtension(true);
    }

    static GatewayExtension onOwnBroker() {
        return new GatewayExtension(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = shared
                ? context.getRoot().getStore(ExtensionContext.Namespace.create(GatewayExtension.class))
                        .getOrComputeIfAbsent(SharedBroker.class, key -> new SharedBroker(LocalKafka.start()),
                                SharedBroker.class).kafka()
                : LocalKafka.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        inTest = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        inTest = false;
        closeAll(ofTest);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeAll(ofClass);
        if (!shared && kafka != null) {
            kafka.close();
        }
    }

    /**
     * The options that put a gateway of this extension on {@code database}: for {@link TestDatabase#POSTGRESQL}
     * a fresh schema of the tests' server (a new one at each use), for {@link TestDatabase#SQLITE} the
     * harness's own database (the SQLite file in its data directory, unless {@link Fixtures#EXTERNAL_DATABASE}
     * is set), so a test parameterized by {@link TestDatabase} runs one gateway on each.
     */
    static UnaryOperator<GatewayConfig> onDatabase(TestDatabase database) {
        return switch (database) {
            case SQLITE -> config -> config;
            case POSTGRESQL -> config -> config.with(GatewayOption.JDBC_URL, TestDatabase.freshSchemaUrl());
        };
    }

    LocalKafka kafka() {
        return kafka;
    }

    /** A gateway in this JVM on new topics, with the tests' tokens and database, on a free port. */
    GatewayHarness start(Path dataDir) {
        return start(dataDir, config -> config);
    }

    /** The same, with options adjusted. */
    GatewayHarness start(Path dataDir, UnaryOperator<GatewayConfig> adjust) {
        return prepare(dataDir, adjust).start();
    }

    /** A harness on new topics whose gateway is not started yet (to start it as a process, say). */
    GatewayHarness prepare(Path dataDir, UnaryOperator<GatewayConfig> adjust) {
        try {
            return closedLater(GatewayHarness.onNewTopics(kafka, dataDir, adjust));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A second gateway beside {@code first} ({@link GatewayHarness#another}), started in this JVM. */
    GatewayHarness startAnother(GatewayHarness first, Path dataDir, UnaryOperator<GatewayConfig> adjust) {
        try {
            return closedLater(first.another(dataDir, adjust)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GatewayHarness closedLater(GatewayHarness harness) {
        (inTest ? ofTest : ofClass).add(harness);
        return harness;
    }

    private static void closeAll(List<GatewayHarness> harnesses) {
        harnesses.forEach(GatewayHarness::close);
        harnesses.clear();
    }
}
