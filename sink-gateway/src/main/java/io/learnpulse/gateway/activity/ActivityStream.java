package io.learnpulse.gateway.activity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.learnpulse.gateway.live.WebSocketHandshake;
import io.learnpulse.gateway.store.FiguresFilter;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.EventType;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The live activity: events of the activity topic (read by a {@code TopicFollower}) pushed to the matching {@code /ws/activity}
 * clients, each within its rate ({@link ActivityClient}), and each cohort's "now" figures
 * ({@link CohortActivity}). Nothing is stored: the gateway keeps only those figures' inputs.
 */
public final class ActivityStream implements AutoCloseable {

    private static final long FLUSH_MS = 100;
    private static final String HEARTBEAT = "{\"kind\":\"heartbeat\"}";

    private final Set<ActivityClient> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, CohortActivity> cohorts = new ConcurrentHashMap<>();
    private final int perSecond;
    private final int inFlightBound;
    private final Clock clock;
    private final Counter received;
    private final Counter framesSkipped;
    private final Counter unreadable;
    private final ScheduledExecutorService timer;

    public ActivityStream(MeterRegistry registry, int perSecond, int inFlightBound, Duration heartbeatInterval,
            Clock clock) {
        this.perSecond = perSecond;
        this.inFlightBound = inFlightBound;
        this.clock = clock;
        this.received = Counter.builder("learnpulse.gateway.activity.events")
                .description("Activity events received for the live stream").register(registry);
        this.framesSkipped = Counter.builder("learnpulse.gateway.activity.skipped")
                .description("Activity events not sent to a client over its rate (counted in its next frame)")
                .register(registry);
        this.unreadable = Counter.builder("learnpulse.gateway.activity.unreadable")
                .description("Activity records the live stream could not read (the job dead-letters them)")
                .register(registry);
        Gauge.builder("learnpulse.gateway.websocket.clients", this::clients)
                .tag("endpoint", "activity").description("Open WebSocket connections").register(registry);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-activity-push");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::flush, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
        long heartbeat = heartbeatInterval.toMillis();
        timer.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /**
     * A record of the activity topic: an event the job would dead-letter is skipped here and counted
     * (the job's dead-letter topic keeps it); the others are published.
     */
    public void accept(byte[] value) {
        try {
            publish(JsonCodec.readEvent(new String(value == null ? new byte[0] : value, StandardCharsets.UTF_8)));
        } catch (InvalidRecordException e) {
            unreadable.increment();
        }
    }

    /** An event as received; pushed to the matching clients, counted in its cohort's figures. */
    public void publish(ActivityEvent event) {
        received.increment();
        Instant now = clock.instant();
        if (event.cohortId != null) {
            cohorts.computeIfAbsent(event.cohortId, cohort -> new CohortActivity())
                    .record(event.userId, event.type == EventType.ASSESSMENT, now);
        }
        String json = null;
        long nanos = System.nanoTime();
        for (ActivityClient client : clients) {
            if (client.accepts(event.userId, event.cohortId)) {
                if (json == null) {
                    json = JsonCodec.event(event);
                }
                if (!client.offer(json, nanos)) {
                    framesSkipped.increment();
                }
            }
        }
    }

    /** The cohort's figures now (zeros for a cohort without recent activity). */
    public CohortActivity.Now cohortNow(String cohortId) {
        CohortActivity cohort = cohorts.get(cohortId);
        return cohort == null ? new CohortActivity.Now(0, 0, null) : cohort.now(clock.instant());
    }

    /**
     * A client made at the handshake, before the upgrade answer: it counts (and keeps the newest of) the
     * events published from now on until {@link ActivityClient#attach} gives it its session. If none comes
     * within {@link WebSocketHandshake#CONNECT_TIMEOUT}, it is dropped and {@code onExpired} runs.
     */
    ActivityClient subscribe(FiguresFilter filter, Runnable onExpired) {
        ActivityClient client = new ActivityClient(filter, perSecond, inFlightBound);
        clients.add(client);
        timer.schedule(() -> {
            if (client.expireUnattached()) {
                clients.remove(client);
                onExpired.run();
            }
        }, WebSocketHandshake.CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return client;
    }

    /** Gives a client its session (and sends the event it kept meanwhile); false when it expired first. */
    boolean attach(ActivityClient client, Session session) {
        return client.attach(session, System.nanoTime());
    }

    void unsubscribe(ActivityClient client) {
        clients.remove(client);
    }

    /** Connected clients: those still waiting at the handshake for their session are not counted. */
    public int clients() {
        return (int) clients.stream().filter(ActivityClient::isConnected).count();
    }

    private void flush() {
        long nanos = System.nanoTime();
        clients.forEach(client -> client.flush(nanos));
        Instant now = clock.instant();
        cohorts.values().removeIf(cohort -> cohort.isEmpty(now));
    }

    private void heartbeat() {
        clients.forEach(client -> client.heartbeat(HEARTBEAT));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        clients.forEach(client -> client.close("gateway stopping"));
        clients.clear();
    }
}
