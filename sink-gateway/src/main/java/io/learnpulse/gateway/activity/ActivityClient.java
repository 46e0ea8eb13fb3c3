package io.learnpulse.gateway.activity;

import java.util.concurrent.atomic.AtomicInteger;

import io.learnpulse.gateway.store.FiguresFilter;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One {@code /ws/activity} client: at most {@code perSecond} activity frames in any one-second window
 * (a fixed window that starts with its first frame). An event over the limit is not sent but counted,
 * and the newest such event is kept: the next frame says how many were skipped since the one before,
 * and once a window with room begins the kept event is sent, so a burst always ends with its latest
 * event on the client. The stream is lossy by design, so a client whose socket cannot keep up has
 * events skipped too (at most {@code inFlightBound} frames handed to Jetty and unwritten), never waits.
 *
 * <p>It is made at the handshake, before the upgrade answer, and has no session until {@link #attach}:
 * events meanwhile are skipped and kept the same way, and the newest is sent as soon as the session
 * opens, so a client that saw its 101 misses no burst's last event.
 */
final class ActivityClient {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final FiguresFilter filter;
    private final int perSecond;
    private final int inFlightBound;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object lock = new Object();
    private Session session;
    private boolean closed;
    private long windowStart;
    private int sentInWindow;
    private long skipped;
    /** The newest skipped event, sent by {@link #flush} when a window has room. */
    private String pending;

    ActivityClient(FiguresFilter filter, int perSecond, int inFlightBound) {
        this.filter = filter;
        this.perSecond = perSecond;
        this.inFlightBound = inFlightBound;
    }

    /**
     * The session Jetty opened for this client's handshake; the event kept meanwhile is sent at once.
     * False when the client expired or was closed first: the caller closes the session.
     */
    boolean attach(Session opened, long nanos) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            session = opened;
        }
        flush(nanos);
        return true;
    }

    /** Closes it if it still has no session (the upgrade never completed); true if it did so. */
    boolean expireUnattached() {
        synchronized (lock) {
            if (closed || session != null) {
                return false;
            }
            closed = true;
            return true;
        }
    }

    /** True when it has a session: a connected client, as the clients gauge counts them. */
    boolean isConnected() {
        synchronized (lock) {
            return session != null && !closed;
        }
    }

    boolean accepts(String userId, String cohortId) {
        return filter.matches(userId, cohortId);
    }

    /** An event for this client, at {@code nanos} (System.nanoTime()); false when it was skipped. */
    boolean offer(String eventJson, long nanos) {
        synchronized (lock) {
            if (hasRoom(nanos)) {
                send(eventJson);
                pending = null;
                return true;
            }
            skipped++;
            pending = eventJson;
            return false;
        }
    }

    /** Sends the newest skipped event once the window has room (called periodically). */
    void flush(long nanos) {
        synchronized (lock) {
            if (pending != null && hasRoom(nanos)) {
                skipped--; // the kept event itself is sent, not skipped
                send(pending);
                pending = null;
            }
        }
    }

    void heartbeat(String frame) {
        synchronized (lock) {
            write(frame);
        }
    }

    void close(String reason) {
        Session open;
        synchronized (lock) {
            closed = true;
            open = session;
        }
        if (open != null && open.isOpen()) {
            open.close(StatusCode.SHUTDOWN, reason, Callback.NOOP);
        }
    }

    private boolean hasRoom(long nanos) {
        if (session == null || closed) {
            return false;
        }
        if (nanos - windowStart >= WINDOW_NANOS) {
            windowStart = nanos;
            sentInWindow = 0;
        }
        return sentInWindow < perSecond && inFlight.get() < inFlightBound;
    }

    private void send(String eventJson) {
        sentInWindow++;
        write("{\"kind\":\"activity\",\"event\":" + eventJson + ",\"skipped\":" + skipped + "}");
        skipped = 0;
    }

    private void write(String frame) {
        if (session == null || closed || !session.isOpen()) {
            return;
        }
        inFlight.incrementAndGet();
        session.sendText(frame, Callback.from(inFlight::decrementAndGet, failure -> inFlight.decrementAndGet()));
    }
}
