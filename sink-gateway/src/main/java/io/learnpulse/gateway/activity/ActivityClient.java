package io.learnpulse.gateway.activity;

import java.util.concurrent.atomic.AtomicInteger;

import io.learnpulse.gateway.live.SessionSlot;
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
    /** Its session; its monitor also guards the window, the count and the kept event. */
    private final SessionSlot slot = new SessionSlot();
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
        if (!slot.attach(opened)) {
            return false;
        }
        flush(nanos);
        return true;
    }

    /** Closes it if it still has no session (the upgrade never completed); true if it did so. */
    boolean expireUnattached() {
        return slot.expireUnattached();
    }

    /** True when it has a session: a connected client, as the clients gauge counts them. */
    boolean isConnected() {
        return slot.isConnected();
    }

    boolean accepts(String userId, String cohortId) {
        return filter.matches(userId, cohortId);
    }

    /** An event for this client, at {@code nanos} (System.nanoTime()); false when it was skipped. */
    boolean offer(String eventJson, long nanos) {
        synchronized (slot) {
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
        synchronized (slot) {
            if (pending != null && hasRoom(nanos)) {
                skipped--; // the kept event itself is sent, not skipped
                send(pending);
                pending = null;
            }
        }
    }

    void heartbeat(String frame) {
        synchronized (slot) {
            write(frame);
        }
    }

    void close(String reason) {
        slot.close(StatusCode.SHUTDOWN, reason);
    }

    private boolean hasRoom(long nanos) {
        if (!slot.isConnected()) {
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
        if (!slot.isOpen()) {
            return;
        }
        inFlight.incrementAndGet();
        slot.session().sendText(frame, Callback.from(inFlight::decrementAndGet, failure -> inFlight.decrementAndGet()));
    }
}
