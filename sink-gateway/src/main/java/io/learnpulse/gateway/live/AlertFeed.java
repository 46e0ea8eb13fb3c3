package io.learnpulse.gateway.live;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.learnpulse.gateway.store.AlertQuery;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.StoredAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live alerts come from the database, not from the consumer loop: one thread tails table
 * {@code alerts} by its store sequence and publishes each alert stored after the last one it
 * published. Gateways sharing one database therefore each push every alert, whichever of them
 * consumed it, in store order and with the sequence that {@code since=} resumes from (so the seam
 * of a replay is the same on all). The writers of one database take turns on the sequence row and
 * commit in sequence order, so the tail never passes a sequence that commits later.
 *
 * <p>The consumer loop nudges the feed after each batch that stored alerts, so a gateway's own
 * alerts go out at once; the others' are found within {@link #POLL_INTERVAL}. While the database
 * does not answer the feed keeps its position and tries again.
 */
public final class AlertFeed implements AutoCloseable {

    /** How often the feed looks for alerts stored by other gateways when nothing nudged it. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int PAGE = 500;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);

    private final AlertStore store;
    private final Broadcaster broadcaster;
    private final Semaphore nudges = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running;
    private volatile long position;
    private boolean failing;

    public AlertFeed(AlertStore store, Broadcaster broadcaster) {
        this.store = store;
        this.broadcaster = broadcaster;
        this.thread = new Thread(this::run, "gateway-alert-feed");
        this.thread.setDaemon(true);
    }

    /** Starts after the newest alert stored now: clients find older ones with {@code since=}. */
    public void start() {
        position = store.lastSequence();
        running = true;
        thread.start();
    }

    /** The store sequence of the last alert published (tests wait for it). */
    public long position() {
        return position;
    }

    /** Alerts were stored: look at once instead of at the next poll. */
    public void nudge() {
        nudges.release();
    }

    private void run() {
        while (running) {
            try {
                nudges.tryAcquire(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                nudges.drainPermits();
                publishNew();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.warn("cannot read new alerts to push, retrying every {} ms: {}", POLL_INTERVAL.toMillis(),
                            e.toString());
                }
                failing = true;
            }
        }
    }

    private void publishNew() {
        List<StoredAlert> page;
        do {
            page = store.alertsAfter(position, AlertQuery.ANY, PAGE);
            for (StoredAlert stored : page) {
                broadcaster.publishAlert(stored.sequence(), stored.alert());
                position = stored.sequence();
            }
            failing = false;
        } while (page.size() == PAGE && running);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
