package io.learnpulse.gateway.live;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Where the session of a WebSocket client made at the handshake goes: empty until {@link #attach}
 * gives it the session Jetty opens after the upgrade answer, closed for good once the client expired,
 * was cut off or closed (a slot closed first takes no session).
 *
 * <p>Its owner ({@link Subscriber}, the activity stream's client) guards its own state with the slot's
 * monitor, {@code synchronized (slot)}, so one lock covers both: a session that attaches or closes
 * never interleaves with a frame being queued.
 */
public final class SessionSlot {

    private Session session;
    private boolean closed;

    /** Takes the session Jetty opened; false when the slot was closed first: the caller closes the session. */
    public synchronized boolean attach(Session opened) {
        if (closed) {
            return false;
        }
        session = opened;
        return true;
    }

    /** Closes it if it still has no session (the upgrade never completed); true if it did so. */
    public synchronized boolean expireUnattached() {
        if (closed || session != null) {
            return false;
        }
        closed = true;
        return true;
    }

    /** True when it has a session and is not closed: a connected client, as the clients gauge counts them. */
    public synchronized boolean isConnected() {
        return session != null && !closed;
    }

    /** True when it is connected and its session still open: a frame written now can reach the client. */
    public synchronized boolean isOpen() {
        return isConnected() && session.isOpen();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Its session, or null while it has none; still there once closed (for a hard disconnect later). */
    public synchronized Session session() {
        return session;
    }

    /** Closes it and leaves its session as it is: the client is gone, or its owner closes the session itself. */
    public synchronized void markClosed() {
        closed = true;
    }

    /**
     * Closes it and its session with {@code code} and {@code reason} (a disconnect when the close frame
     * cannot be sent); nothing when it was closed already. The session is closed outside the lock.
     */
    public void close(int code, String reason) {
        Session open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = session;
        }
        if (open != null && open.isOpen()) {
            try {
                open.close(code, reason, Callback.NOOP);
            } catch (RuntimeException e) {
                open.disconnect();
            }
        }
    }
}
