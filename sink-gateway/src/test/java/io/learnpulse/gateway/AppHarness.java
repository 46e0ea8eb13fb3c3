package io.learnpulse.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.learnpulse.gateway.activity.ActivityStream;
import io.learnpulse.gateway.auth.TokenRegistry;
import io.learnpulse.gateway.ingest.ConsumerSettings;
import io.learnpulse.gateway.ingest.IngestMetrics;
import io.learnpulse.gateway.ingest.KafkaProbe;
import io.learnpulse.gateway.ingest.RecordConsumerLoop;
import io.learnpulse.gateway.live.AlertFeed;
import io.learnpulse.gateway.live.Broadcaster;
import io.learnpulse.gateway.notify.Notifications;
import io.learnpulse.gateway.ops.OpsMonitor;
import io.learnpulse.gateway.settings.SettingsPublisher;
import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.DailyFigures;
import io.learnpulse.gateway.store.Database;
import io.learnpulse.gateway.store.RiskScore;
import io.learnpulse.gateway.store.StoredAlert;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.testkit.Wait;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The gateway's HTTP and WebSocket app ({@link GatewayApp}) on a free port over a real store in a
 * temporary directory, with real HTTP and WebSocket clients, and no Kafka broker: the tests write
 * records into the store themselves, as the consumer loop would. For routes, parameters and roles.
 * With no broker, {@code /health} is honestly DOWN: Kafka unreachable, the consumer loop not running;
 * and a settings {@code PUT} answers 503, as with a broker that is down.
 *
 * <p>A JUnit extension of the test class that uses it: {@link #perClass()} starts one app before the
 * class's {@code @BeforeAll} methods (which may store what its tests share) and closes it after its
 * {@code @AfterAll} ones; {@link #perTest()} starts a new one before each test's {@code @BeforeEach}
 * methods and closes it after its {@code @AfterEach} ones. Closing deletes its directory.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final AppHarness APP = AppHarness.perClass();
 * ...
 * APP.storeAlerts(...);
 * APP.get("/api/alerts", ADMIN);
 * }</pre>
 */
final class AppHarness extends GatewayClient
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    /** Nothing listens there: the health probe finds no broker, and the consumer loop is never started. */
    private static final String NO_BROKER = "127.0.0.1:1";

    /** The app and its parts, over the store in {@code dataDir}. */
    private static final class App implements AutoCloseable {

        private final ObjectMapper mapper = new ObjectMapper();
        private final Path dataDir;
        private final Database database;
        private final AlertStore store;
        private final Broadcaster broadcaster;
        private final AlertFeed alertFeed;
        private final KafkaProbe kafka;
        private final RecordConsumerLoop consumer;
        private final ActivityStream activity;
        private final OpsMonitor ops;
        private final SettingsPublisher settings;
        private final Notifications notifications;
        private final Javalin javalin;

        App(Path dataDir) throws IOException {
            this.dataDir = dataDir;
            GatewayConfig config = Fixtures.onTestDatabase(GatewayConfig.defaults(NO_BROKER))
                    .with(GatewayOption.DATA_DIR, dataDir.resolve("db"))
                    .with(GatewayOption.TOKENS_FILE, Fixtures.tokensFile(dataDir))
                    // with no broker, a settings PUT answers 503 after this long
                    .with(GatewayOption.SETTINGS_TIMEOUT_MS, 1000);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            database = Database.open(config.effectiveJdbcUrl(), config.dbUser(), config.dbPassword(),
                    config.usesEmbeddedDatabase() ? config.dataDir() : null);
            TokenRegistry tokens = TokenRegistry.load(config.tokensFile(), config.adminToken());
            notifications = new Notifications(database, mapper, tokens::principal, registry, config.webhookRetry(),
                    Clock.systemUTC());
            store = new AlertStore(database, mapper, Clock.systemUTC(), notifications.outbox());
            broadcaster = new Broadcaster(mapper, registry, config.wsQueueBound(), config.heartbeatInterval());
            alertFeed = new AlertFeed(store, broadcaster);
            kafka = new KafkaProbe(config.bootstrapServers());
            activity = new ActivityStream(registry, config.activityRate(), config.wsQueueBound(),
                    config.heartbeatInterval(), Clock.systemUTC());
            ops = new OpsMonitor(Gateway.opsSources(config), store, database, registry, Clock.systemUTC(), mapper);
            settings = new SettingsPublisher(config.bootstrapServers(), config.settingsTopic(),
                    config.settingsTimeout());
            consumer = new RecordConsumerLoop(new ConsumerSettings(config.bootstrapServers(), config.groupId(),
                    config.alertsTopic(), config.metricsTopic(), config.calendarTopic(), config.riskTopic()), store,
                    broadcaster, alertFeed, new IngestMetrics(registry));
            javalin = GatewayApp.create(new GatewayApp.Dependencies(store, broadcaster, config, tokens, registry,
                    database, kafka, consumer, mapper, activity, ops, settings, notifications)).start("127.0.0.1", 0);
            notifications.start(store);
            alertFeed.start();
        }

        @Override
        public void close() throws IOException {
            notifications.close();
            activity.close();
            ops.close();
            javalin.stop();
            alertFeed.close();
            broadcaster.close();
            consumer.close();
            kafka.close();
            settings.close();
            database.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private final boolean perTest;
    /** The app running now: null outside its class or test. */
    private App app;

    private AppHarness(boolean perTest) {
        this.perTest = perTest;
    }

    /** One app for all the tests of the class. */
    static AppHarness perClass() {
        return new AppHarness(false);
    }

    /** A new app for each test. */
    static AppHarness perTest() {
        return new AppHarness(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!perTest) {
            start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (perTest) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (!perTest) {
            stop();
        }
    }

    private void start() throws IOException {
        app = new App(Files.createTempDirectory("learnpulse-app-"));
    }

    private void stop() throws IOException {
        App running = app;
        app = null;
        if (running != null) {
            running.close();
        }
    }

    private App app() {
        if (app == null) {
            throw new IllegalStateException("no app running: AppHarness is used outside its class or test");
        }
        return app;
    }

    @Override
    int port() {
        return app().javalin.port();
    }

    /**
     * Stores alerts (the job's JSON) in one batch, as the consumer loop does with a poll, and returns
     * once the alert feed has pushed the new ones to the WebSocket clients.
     */
    void storeAlerts(String... json) {
        List<StoredAlert> stored = store(List.of(json), List.of()).newAlerts();
        AlertFeed alertFeed = app().alertFeed;
        alertFeed.nudge();
        if (!stored.isEmpty()) {
            long last = stored.get(stored.size() - 1).sequence();
            Wait.until("the alert feed pushed sequence " + last, Duration.ofSeconds(30), Duration.ofMillis(5),
                    () -> alertFeed.position() >= last);
        }
    }

    /** Stores daily figures (the job's JSON) in one batch. */
    void storeFigures(String... json) {
        store(List.of(), List.of(json));
    }

    /** Stores course-calendar records (docs/events.md) in one batch, in order. */
    void storeCalendar(String... json) {
        try {
            List<CalendarItem> items = new ArrayList<>();
            for (String item : json) {
                items.add(JsonCodec.readCalendarItem(item));
            }
            app().store.store(List.of(), List.of(), items, List.of(), List.of());
        } catch (InvalidRecordException | SQLException e) {
            throw new IllegalStateException("cannot store calendar items", e);
        }
    }

    /** Stores risk scores (the job's JSON on {@code learner-risk}, docs/alerts.md) in one batch. */
    void storeRisks(String... json) {
        try {
            app().store.store(List.of(), List.of(), List.of(),
                    Stream.of(json).map(score -> read(score, RiskScore.class)).toList(), List.of());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store risk scores", e);
        }
    }

    private AlertStore.Stored store(List<String> alerts, List<String> figures) {
        try {
            return app().store.store(alerts.stream().map(json -> read(json, Alert.class)).toList(),
                    figures.stream().map(json -> read(json, DailyFigures.class)).toList(), List.of());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a batch", e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return app().mapper.readValue(json.getBytes(StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new IllegalStateException("not a record of the job: " + json, e);
        }
    }

    /** An activity event as the activity consumer hands it on (the stream reads no broker here). */
    void publishActivity(String json) {
        try {
            app().activity.publish(JsonCodec.readEvent(json));
        } catch (InvalidRecordException e) {
            throw new IllegalStateException("not an activity event: " + json, e);
        }
    }
}
