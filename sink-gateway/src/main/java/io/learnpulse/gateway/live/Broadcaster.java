package io.learnpulse.gateway.live;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.DailyFigures;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live pushes to WebSocket clients: the alert and the daily-figures channels, heartbeats at a fixed
 * interval, and the hard disconnect of clients cut off for being slow that do not read their close frame.
 */
public final class Broadcaster implements AutoCloseable {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
    /** Threads that run since= replays, so replays use at most this many database connections at once. */
    private static final int REPLAY_THREADS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(Broadcaster.class);

    /** A replay of stored alerts to one subscriber. */
    @FunctionalInterface
    interface Replay {
        void run() throws InterruptedException;
    }

    private final Channel<Alert> alerts;
    private final Channel<DailyFigures> figures;
    private final Frames frames;
    private final LiveMetrics metrics;
    private final int queueBound;
    private final ScheduledExecutorService timer;
    private final ExecutorService replays;

    public Broadcaster(ObjectMapper mapper, MeterRegistry registry, int queueBound, Duration heartbeatInterval) {
        this.frames = new Frames(mapper);
        this.metrics = new LiveMetrics(registry);
        this.queueBound = queueBound;
        this.alerts = new Channel<>(this.frames::alert);
        this.figures = new Channel<>(this.frames::figures);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger replayThreads = new AtomicInteger();
        this.replays = Executors.newFixedThreadPool(REPLAY_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "gateway-replay-" + replayThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long interval = heartbeatInterval.toMillis();
        timer.scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
        metrics.websocketClients("alerts", alerts::size);
        metrics.websocketClients("metrics", figures::size);
    }

    /**
     * A subscriber made at the handshake, before the upgrade answer: it receives (holds) every alert
     * published from now on, and waits for its session ({@link Subscriber#attach}). If none comes
     * within {@link WebSocketHandshake#CONNECT_TIMEOUT}, it is dropped and {@code onExpired} runs.
     */
    Subscriber<Alert> subscribeAlerts(Predicate<Alert> filter, Runnable onExpired) {
        return subscribe(alerts, filter, onExpired);
    }

    Subscriber<DailyFigures> subscribeFigures(Predicate<DailyFigures> filter, Runnable onExpired) {
        return subscribe(figures, filter, onExpired);
    }

    private <T> Subscriber<T> subscribe(Channel<T> channel, Predicate<T> filter, Runnable onExpired) {
        AtomicReference<Subscriber<T>> self = new AtomicReference<>();
        self.set(new Subscriber<>(filter, queueBound, metrics, () -> cutOff(channel, self.get())));
        Subscriber<T> subscriber = self.get();
        channel.add(subscriber);
        timer.schedule(() -> {
            if (subscriber.expireUnattached()) {
                channel.remove(subscriber);
                onExpired.run();
            }
        }, WebSocketHandshake.CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return subscriber;
    }

    /**
     * Runs a replay on a replay thread (not the caller's, a Jetty thread). Replays wait their turn
     * when all threads are busy; one whose client has gone by then ends at its first frame.
     */
    void runReplay(Subscriber<Alert> subscriber, Replay replay) {
        replays.execute(() -> {
            try {
                replay.run();
            } catch (InterruptedException e) {
                subscriber.close(StatusCode.SHUTDOWN, "gateway stopping");
            } catch (RuntimeException e) {
                LOG.warn("replay failed: {}", e.toString());
                alerts.remove(subscriber);
                subscriber.close(StatusCode.SERVER_ERROR, "replay failed");
            }
        });
    }

    void unsubscribeAlerts(Subscriber<Alert> subscriber) {
        alerts.remove(subscriber);
    }

    void unsubscribeFigures(Subscriber<DailyFigures> subscriber) {
        figures.remove(subscriber);
    }

    /** A newly stored alert ({@link AlertFeed}), pushed to the matching clients; {@code sequence} is its store sequence. */
    void publishAlert(long sequence, Alert alert) {
        alerts.publish(sequence, alert);
    }

    public void publishFigures(DailyFigures dailyFigures) {
        figures.publish(0, dailyFigures);
    }

    /** The frames of this broadcaster, for the replays of {@link LiveRoutes}. */
    Frames frames() {
        return frames;
    }

    private void heartbeat() {
        String frame = frames.heartbeat();
        alerts.heartbeat(frame);
        figures.heartbeat(frame);
    }

    private <T> void cutOff(Channel<T> channel, Subscriber<T> subscriber) {
        channel.remove(subscriber);
        Session session = subscriber.session();
        if (session == null) {
            return;
        }
        timer.schedule(() -> {
            if (session.isOpen()) {
                session.disconnect();
            }
        }, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        alerts.closeAll(StatusCode.SHUTDOWN, "gateway stopping");
        figures.closeAll(StatusCode.SHUTDOWN, "gateway stopping");
        timer.shutdownNow();
        replays.shutdownNow();
    }
}
