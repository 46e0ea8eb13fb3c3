package io.learnpulse.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/** The per-client queue: the replay/live seam, duplicates, and the bound that cuts a slow client off. */
class SubscriberTest {

    /** A Jetty session that records what is sent; {@code writes} says whether frames reach the socket. */
    private static final class FakeSession {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final BlockingQueue<Callback> pending = new LinkedBlockingQueue<>();
        final List<String> closes = new CopyOnWriteArrayList<>();
        final boolean writes;
        final Session session;

        FakeSession(boolean writes) {
            this.writes = writes;
            this.session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                    new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "sendText" -> {
                            sent.add((String) args[0]);
                            if (this.writes) {
                                ((Callback) args[1]).succeed();
                            } else {
                                pending.add((Callback) args[1]);
                            }
                            yield null;
                        }
                        case "close" -> {
                            closes.add(args[0] + " " + args[1]);
                            yield null;
                        }
                        case "isOpen" -> closes.isEmpty();
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> null;
                    });
        }
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LiveMetrics metrics = new LiveMetrics(registry);
    private final AtomicInteger cutOffs = new AtomicInteger();

    /** A subscriber whose session has opened; one that asked for no replay is live at once, as LiveRoutes makes it. */
    private Subscriber<String> subscriber(FakeSession session, int bound, boolean replaying) throws InterruptedException {
        Subscriber<String> subscriber = new Subscriber<>(item -> true, bound, metrics, cutOffs::incrementAndGet);
        assertThat(subscriber.attach(session.session)).isTrue();
        if (!replaying) {
            assertThat(subscriber.goLive(Duration.ofSeconds(1))).isTrue();
        }
        return subscriber;
    }

    @Test
    void liveFramesHeldDuringReplayAreSentAfterItWithoutTheOnesTheReplayAlreadySent() throws Exception {
        FakeSession session = new FakeSession(true);
        Subscriber<String> subscriber = subscriber(session, 10, true);
        subscriber.push(5, "a5"); // stored and published while the replay runs: the replay sends it too
        subscriber.push(6, "a6");
        subscriber.heartbeat("hb");
        assertThat(subscriber.replay(4, "a4", Duration.ofSeconds(1))).isTrue();
        assertThat(subscriber.replay(5, "a5", Duration.ofSeconds(1))).isTrue();
        assertThat(subscriber.goLive(Duration.ofSeconds(1))).isTrue();
        subscriber.push(7, "a7");
        subscriber.push(6, "a6"); // a late duplicate of something sent

        assertThat(session.sent).containsExactly("hb", "a4", "a5", "a6", "a7");
    }

    @Test
    void liveSubscriberSendsEachSequenceOnce() throws Exception {
        FakeSession session = new FakeSession(true);
        Subscriber<String> subscriber = subscriber(session, 10, false);
        subscriber.push(1, "a1");
        subscriber.push(1, "a1");
        subscriber.push(2, "a2");
        subscriber.push(0, "figures"); // frames without a sequence are never deduplicated
        subscriber.push(0, "figures");
        assertThat(session.sent).containsExactly("a1", "a2", "figures", "figures");
    }

    @Test
    void aClientWhoseQueueIsFullIsCutOffWithAReason() throws Exception {
        FakeSession session = new FakeSession(false);
        Subscriber<String> subscriber = subscriber(session, 3, false);
        subscriber.push(1, "a1");
        subscriber.push(2, "a2");
        subscriber.heartbeat("hb");
        assertThat(session.closes).isEmpty();
        subscriber.push(3, "a3");
        subscriber.push(4, "a4");

        assertThat(session.sent).containsExactly("a1", "a2", "hb");
        assertThat(session.closes).containsExactly("1008 client too slow: 3 messages queued");
        assertThat(cutOffs).hasValue(1);
        assertThat(subscriber.isClosed()).isTrue();
        assertThat(registry.scrape()).contains("learnpulse_gateway_websocket_slow_disconnects_total 1.0");
    }

    @Test
    void writtenFramesFreeTheirPlaceInTheQueue() throws Exception {
        FakeSession session = new FakeSession(false);
        Subscriber<String> subscriber = subscriber(session, 2, false);
        for (int i = 1; i <= 10; i++) {
            subscriber.push(i, "a" + i);
            session.pending.remove().succeed();
        }
        assertThat(session.sent).hasSize(10);
        assertThat(session.closes).isEmpty();
    }

    @Test
    void aHeartbeatDuringABusyReplayIsSkippedNotFatal() throws Exception {
        FakeSession session = new FakeSession(false);
        Subscriber<String> subscriber = subscriber(session, 1, true);
        assertThat(subscriber.replay(1, "a1", Duration.ofSeconds(1))).isTrue();
        subscriber.heartbeat("hb");
        assertThat(session.sent).containsExactly("a1");
        assertThat(session.closes).isEmpty();
    }

    @Test
    void aReplayThatCannotGetRoomInTimeCutsTheClientOff() throws Exception {
        FakeSession session = new FakeSession(false);
        Subscriber<String> subscriber = subscriber(session, 1, true);
        assertThat(subscriber.replay(1, "a1", Duration.ofMillis(50))).isTrue();
        assertThat(subscriber.replay(2, "a2", Duration.ofMillis(50))).isFalse();
        assertThat(session.closes).hasSize(1);
        assertThat(session.closes.get(0)).startsWith("1008 client too slow");
    }

    /**
     * Defect 4 of issue 11: the live frames held during a replay were sent with the non-blocking send, so
     * a backlog longer than the queue bound cut off a client that was reading, just slower than the burst.
     */
    @Test
    void theHeldTailOfAReplayWaitsForASlowReaderInsteadOfCuttingItOff() throws Exception {
        FakeSession session = new FakeSession(false);
        Subscriber<String> subscriber = subscriber(session, 4, true);
        for (int sequence = 2; sequence <= 21; sequence++) {
            subscriber.push(sequence, "a" + sequence);
        }
        // a reader slower than the burst: each frame is written 20 ms after it was handed over
        ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
        Thread forwarder = new Thread(() -> {
            try {
                while (true) {
                    Callback written = session.pending.take();
                    reader.schedule(written::succeed, 20, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                // the test is over
            }
        });
        forwarder.start();
        try {
            assertThat(subscriber.replay(1, "a1", Duration.ofSeconds(10))).isTrue();
            assertThat(subscriber.goLive(Duration.ofSeconds(10))).isTrue();
        } finally {
            forwarder.interrupt();
            reader.shutdownNow();
        }
        assertThat(session.closes).isEmpty();
        assertThat(session.sent).hasSize(21).startsWith("a1", "a2").endsWith("a20", "a21");
    }

    /** Defect 3 of issue 11: a replay waiting for room went on for its full wait after its client had gone. */
    @Test
    void aReplayWaitingForRoomStopsAsSoonAsItsClientIsClosed() throws Exception {
        FakeSession session = new FakeSession(false);
        Subscriber<String> subscriber = subscriber(session, 1, true);
        assertThat(subscriber.replay(1, "a1", Duration.ofMinutes(1))).isTrue();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return subscriber.replay(2, "a2", Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        subscriber.close(1000, "closed");

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(subscriber.goLive(Duration.ofMinutes(1))).isFalse();
        assertThat(session.sent).containsExactly("a1");
    }

    @Test
    void framesPushedBeforeTheSessionOpensAreSentWhenItGoesLive() throws Exception {
        Subscriber<String> subscriber = new Subscriber<>(item -> true, 10, metrics, cutOffs::incrementAndGet);
        subscriber.push(1, "a1"); // published after the handshake, before Jetty opened the session
        subscriber.push(0, "figures");
        subscriber.heartbeat("hb"); // nowhere to send it yet: skipped
        assertThat(subscriber.isConnected()).isFalse();
        FakeSession session = new FakeSession(true);
        assertThat(subscriber.attach(session.session)).isTrue();
        assertThat(subscriber.isConnected()).isTrue();
        subscriber.push(2, "a2"); // after the session opened, before the held ones went out: behind them
        assertThat(subscriber.goLive(Duration.ofSeconds(1))).isTrue();
        subscriber.push(3, "a3");
        assertThat(session.sent).containsExactly("a1", "figures", "a2", "a3");
        assertThat(subscriber.expireUnattached()).isFalse();
    }

    @Test
    void aSubscriberWhoseSessionNeverOpensExpiresAndRefusesALateOne() {
        Subscriber<String> subscriber = new Subscriber<>(item -> true, 10, metrics, cutOffs::incrementAndGet);
        subscriber.push(1, "a1");
        assertThat(subscriber.expireUnattached()).isTrue();
        assertThat(subscriber.isClosed()).isTrue();
        assertThat(subscriber.attach(new FakeSession(true).session)).isFalse();
    }
}
