package io.learnpulse.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.learnpulse.gateway.activity.ActivityStream;
import io.learnpulse.gateway.auth.TokenRegistry;
import io.learnpulse.gateway.ingest.ConsumerSettings;
import io.learnpulse.gateway.ingest.IngestMetrics;
import io.learnpulse.gateway.ingest.KafkaProbe;
import io.learnpulse.gateway.ingest.RecordConsumerLoop;
import io.learnpulse.gateway.ingest.TopicFollower;
import io.learnpulse.gateway.live.AlertFeed;
import io.learnpulse.gateway.live.Broadcaster;
import io.learnpulse.gateway.notify.Notifications;
import io.learnpulse.gateway.ops.ConsumerGroup;
import io.learnpulse.gateway.ops.OpsMonitor;
import io.learnpulse.gateway.settings.SettingsPublisher;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: database, consumer loop, HTTP and WebSocket server. Start one with
 * {@link #start(GatewayConfig)} and stop it with {@link #close()}; the demo and the tests run it in
 * process exactly like {@link GatewayCommand} does.
 *
 * <pre>{@code
 * GatewayConfig config = GatewayConfig.defaults("localhost:9092")
 *         .with(GatewayOption.HTTP_PORT, 7070)
 *         .with(GatewayOption.DATA_DIR, Path.of("data/gateway"))
 *         .with(GatewayOption.ADMIN_TOKEN, "a-long-admin-secret");
 * try (Gateway gateway = Gateway.start(config)) {
 *     ... gateway.port() ...
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Database database;
    private final Broadcaster broadcaster;
    private final AlertFeed alertFeed;
    private final KafkaProbe kafka;
    private final RecordConsumerLoop consumer;
    private final Javalin app;
    private final IngestMetrics metrics;
    private final ActivityStream activity;
    private final TopicFollower activityConsumer;
    private final OpsMonitor ops;
    private final SettingsPublisher settings;
    private final Notifications notifications;

    private Gateway(Database database, Broadcaster broadcaster, AlertFeed alertFeed, KafkaProbe kafka,
            RecordConsumerLoop consumer, Javalin app, IngestMetrics metrics, ActivityStream activity,
            TopicFollower activityConsumer, OpsMonitor ops, SettingsPublisher settings, Notifications notifications) {
        this.ops = ops;
        this.settings = settings;
        this.notifications = notifications;
        this.activity = activity;
        this.activityConsumer = activityConsumer;
        this.database = database;
        this.broadcaster = broadcaster;
        this.alertFeed = alertFeed;
        this.kafka = kafka;
        this.consumer = consumer;
        this.app = app;
        this.metrics = metrics;
    }

    /**
     * Opens (and migrates) the database, starts the HTTP server, then the consumer loop.
     *
     * @throws ConfigException for a bad tokens file
     */
    public static Gateway start(GatewayConfig config) {
        TokenRegistry tokens = TokenRegistry.load(config.tokensFile(), config.adminToken());
        if (tokens.size() == 0) {
            LOG.warn("no tokens configured: every /api and /ws request will get 401");
        }
        ObjectMapper mapper = new ObjectMapper();
        Database database = Database.open(config.effectiveJdbcUrl(), config.dbUser(), config.dbPassword(),
                config.usesEmbeddedDatabase() ? config.dataDir() : null);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestMetrics metrics = new IngestMetrics(registry);
        Broadcaster broadcaster = null;
        AlertFeed alertFeed = null;
        KafkaProbe kafka = null;
        RecordConsumerLoop consumer = null;
        Javalin app = null;
        ActivityStream activity = null;
        TopicFollower activityConsumer = null;
        OpsMonitor ops = null;
        SettingsPublisher settings = null;
        Notifications notifications = null;
        try {
            notifications = new Notifications(database, mapper, tokens::principal, registry, config.webhookRetry(),
                    Clock.systemUTC());
            AlertStore store = new AlertStore(database, mapper, Clock.systemUTC(), notifications.outbox());
            metrics.alertsInStore(store.countAlerts());
            broadcaster = new Broadcaster(mapper, registry, config.wsQueueBound(), config.heartbeatInterval());
            alertFeed = new AlertFeed(store, broadcaster);
            kafka = new KafkaProbe(config.bootstrapServers());
            consumer = new RecordConsumerLoop(consumerSettings(config), store, broadcaster, alertFeed, metrics);
            ActivityStream stream = new ActivityStream(registry, config.activityRate(), config.wsQueueBound(),
                    config.heartbeatInterval(), Clock.systemUTC());
            activity = stream;
            activityConsumer = new TopicFollower(config.bootstrapServers(), config.activityGroupId(),
                    config.activityTopic(), Duration.ZERO, Clock.systemUTC(), record -> stream.accept(record.value()));
            ops = new OpsMonitor(opsSources(config), store, database, registry, Clock.systemUTC(), mapper);
            settings = new SettingsPublisher(config.bootstrapServers(), config.settingsTopic(),
                    config.settingsTimeout());
            app = GatewayApp.create(new GatewayApp.Dependencies(store, broadcaster, config, tokens, registry,
                    database, kafka, consumer, mapper, activity, ops, settings, notifications));
            app.start(config.httpHost(), config.httpPort());
            alertFeed.start();
            consumer.start();
            activityConsumer.start();
            ops.start();
            notifications.start(store);
            LOG.info("gateway listening on port {}, database {}, consuming {}, {}, {} and {} as group {}", app.port(),
                    Database.redacted(config.effectiveJdbcUrl()), config.alertsTopic(), config.metricsTopic(),
                    config.calendarTopic(), config.riskTopic(), config.groupId());
            return new Gateway(database, broadcaster, alertFeed, kafka, consumer, app, metrics, activity,
                    activityConsumer, ops, settings, notifications);
        } catch (RuntimeException e) {
            closeActivity(activityConsumer, activity, ops);
            if (notifications != null) {
                notifications.close();
            }
            closeAll(consumer, alertFeed, broadcaster, app, kafka, database);
            if (settings != null) {
                settings.close();
            }
            throw e;
        }
    }

    /** The HTTP port (useful when started with port 0). */
    public int port() {
        return app.port();
    }

    /** Records read from {@code topic} by this process so far (tests use it to see where the consumer resumed). */
    public double recordsConsumed(String topic) {
        return metrics.recordsConsumed(topic);
    }

    /**
     * Stops the consumer loop and the webhook deliveries, closes the WebSocket clients (1001), the server, the
     * database and the settings producer.
     */
    @Override
    public void close() {
        closeActivity(activityConsumer, activity, ops);
        notifications.close();
        closeAll(consumer, alertFeed, broadcaster, app, kafka, database);
        settings.close();
    }

    /** True once the live activity stream reads its topic (tests wait for it before producing). */
    public boolean activityAssigned() {
        return activityConsumer.isAssigned();
    }

    /** Where the consumer loop reads. */
    private static ConsumerSettings consumerSettings(GatewayConfig config) {
        return new ConsumerSettings(config.bootstrapServers(), config.groupId(), config.alertsTopic(),
                config.metricsTopic(), config.calendarTopic(), config.riskTopic());
    }

    /**
     * Where the operations view reads: the lag of every consumer group of the gateway and of the job's; its
     * dead-letter follower has a group of its own, named after the activity's.
     */
    static OpsMonitor.Sources opsSources(GatewayConfig config) {
        List<ConsumerGroup> consumers = List.of(
                new ConsumerGroup(ConsumerGroup.GATEWAY, config.groupId(), consumerSettings(config).topics()),
                new ConsumerGroup(ConsumerGroup.ACTIVITY, config.activityGroupId(), List.of(config.activityTopic())),
                new ConsumerGroup(ConsumerGroup.JOB, config.jobGroupId(), List.of(config.activityTopic())));
        return new OpsMonitor.Sources(config.bootstrapServers(), consumers, config.activityTopic(),
                config.dlqTopic(), config.activityGroupId() + "-dead-letters", config.flinkRestUrl(),
                config.flinkJobName(), config.opsSampleInterval());
    }

    private static void closeActivity(TopicFollower consumer, ActivityStream stream, OpsMonitor ops) {
        if (ops != null) {
            ops.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (stream != null) {
            stream.close();
        }
    }

    private static void closeAll(RecordConsumerLoop consumer, AlertFeed alertFeed, Broadcaster broadcaster, Javalin app,
            KafkaProbe kafka, Database database) {
        if (consumer != null) {
            consumer.close();
        }
        if (alertFeed != null) {
            alertFeed.close();
        }
        if (broadcaster != null) {
            broadcaster.close();
        }
        if (app != null) {
            app.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
        database.close();
    }
}
