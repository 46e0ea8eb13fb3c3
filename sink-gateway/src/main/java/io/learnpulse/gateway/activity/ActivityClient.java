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
 */
final class ActivityClient {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final Session session;
    private final FiguresFilter filter;
    private final int perSecond;
    private final int inFlightBound;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object lock = new Object();
    private long windowStart;
    private int sentInWindow;
    private long skipped;
    /** The newest skipped event, sent by {@link #flush} when a window has room. */
    private String pending;

    ActivityClient(Session session, FiguresFilter filter, int perSecond, int inFlightBound) {
        this.session = session;
        this.filter = filter;
        this.perSecond = perSecond;
        this.inFlightBound = inFlightBound;
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
        write(frame);
    }

    void close(String reason) {
        if (session.isOpen()) {
            session.close(StatusCode.SHUTDOWN, reason, Callback.NOOP);
        }
    }

    private boolean hasRoom(long nanos) {
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
        if (!session.isOpen()) {
            return;
        }
        inFlight.incrementAndGet();
        session.sendText(frame, Callback.from(inFlight::decrementAndGet, failure -> inFlight.decrementAndGet()));
    }
}
