package io.learnpulse.gateway.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.javalin.http.Context;
import io.learnpulse.gateway.ingest.ConsumerStatus;
import io.learnpulse.gateway.ingest.KafkaProbe;
import io.learnpulse.gateway.store.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /health} and {@code GET /metrics}: open without a token, for probes and Prometheus. */
public final class OperationsRoutes {

    private final Database database;
    private final KafkaProbe kafka;
    private final ConsumerStatus consumer;
    private final PrometheusMeterRegistry registry;
    private Probed lastProbe;

    private record Probed(boolean databaseUp, int brokers, Instant at) {
    }

    private static final Duration PROBE_TTL = Duration.ofSeconds(2);

    public OperationsRoutes(Database database, KafkaProbe kafka, ConsumerStatus consumer, PrometheusMeterRegistry registry) {
        this.database = database;
        this.kafka = kafka;
        this.consumer = consumer;
        this.registry = registry;
    }

    /**
     * 200 and {@code UP} when the database answers, a broker answers, and the consumer loop runs
     * without a pending error; else 503, {@code DEGRADED} while the database still answers (REST
     * serves the history, nothing new is ingested) or {@code DOWN} without it. The body says which
     * part is not well (an error by its kind only).
     */
    public void health(Context ctx) {
        Probed probed = probe();
        boolean databaseUp = probed.databaseUp();
        int brokers = probed.brokers();
        boolean consumerUp = consumer.isRunning();
        boolean up = databaseUp && brokers > 0 && consumerUp && consumer.lastError() == null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : databaseUp ? "DEGRADED" : "DOWN");
        body.put("database", Map.of("up", databaseUp));
        Map<String, Object> kafkaStatus = new LinkedHashMap<>();
        kafkaStatus.put("reachable", brokers > 0);
        kafkaStatus.put("brokers", Math.max(brokers, 0));
        body.put("kafka", kafkaStatus);
        Map<String, Object> consumerStatus = new LinkedHashMap<>();
        consumerStatus.put("running", consumerUp);
        consumerStatus.put("lag", consumer.lag());
        Instant lastPoll = consumer.lastPoll();
        consumerStatus.put("lastPoll", lastPoll == null ? null : lastPoll.toString());
        consumerStatus.put("lastError", consumer.lastError());
        body.put("consumer", consumerStatus);
        ctx.status(up ? 200 : 503).json(body);
    }

    /**
     * The database and Kafka probes, each up to 2 s, run at most once per {@link #PROBE_TTL} however
     * often {@code /health} is asked (load balancers, or someone hammering an open endpoint); callers
     * meanwhile share the last answer.
     */
    private synchronized Probed probe() {
        Instant now = Instant.now();
        if (lastProbe == null || !now.isBefore(lastProbe.at().plus(PROBE_TTL))) {
            boolean databaseUp = database.isReachable();
            lastProbe = new Probed(databaseUp, kafka.reachableBrokers(), Instant.now());
        }
        return lastProbe;
    }

    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
