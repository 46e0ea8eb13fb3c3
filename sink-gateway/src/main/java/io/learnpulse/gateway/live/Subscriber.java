package io.learnpulse.gateway.live;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One WebSocket client of a channel, with a bounded outgoing queue: at most {@code bound} frames
 * handed to Jetty and not yet written to the socket. A live frame that finds the queue full
 * disconnects the client (close code 1008 and a reason) instead of waiting, so one client that
 * stops reading never slows the others, and memory stays bounded.
 *
 * <p>A subscriber that asked for a replay starts <em>buffering</em>: live frames are held (boundedly)
 * while stored ones are sent; {@link #goLive} then sends the held frames whose store sequence is
 * after the last replayed one, with the same waiting send as the replay. Every alert frame carries its sequence, and a subscriber never sends
 * a sequence at or below the last it sent: no gap and no duplicate at the seam.
 *
 * <p>A subscriber made at the handshake, before the upgrade answer is sent, has no session yet: it
 * holds its live frames the same way until {@link #attach} gives it the session Jetty opens after
 * the answer, so a client that saw its 101 misses nothing pushed in between.
 */
final class Subscriber<T> {

    private record Held(long sequence, String frame) {
    }

    private static final int MIN_HELD = 1024;
    /** How often a replay waiting for room looks whether its client is still there. */
    private static final Duration ROOM_CHECK = Duration.ofMillis(100);

    private final Predicate<T> filter;
    private final int bound;
    private final Semaphore room;
    private final LiveMetrics metrics;
    private final Runnable onCutOff;
    /** Its session; its monitor also guards the sequence and the held frames. */
    private final SessionSlot slot = new SessionSlot();
    private long lastSequence;
    private ArrayDeque<Held> held;

    /** A subscriber waiting for its session ({@link #attach}), holding live frames meanwhile. */
    Subscriber(Predicate<T> filter, int bound, LiveMetrics metrics, Runnable onCutOff) {
        this.filter = filter;
        this.bound = bound;
        this.room = new Semaphore(bound);
        this.metrics = metrics;
        this.onCutOff = onCutOff;
        this.held = new ArrayDeque<>();
    }

    /**
     * The session Jetty opened for this subscriber's handshake; then {@link #goLive} (after a replay,
     * if one was asked for) sends what was held. False when the subscriber was closed, cut off or
     * expired first: the caller closes the session.
     */
    boolean attach(Session opened) {
        return slot.attach(opened);
    }

    /** True when it has a session: a connected client, as the clients gauge counts them. */
    boolean isConnected() {
        return slot.isConnected();
    }

    /** Closes it if it still has no session (the upgrade never completed); true if it did so. */
    boolean expireUnattached() {
        return slot.expireUnattached();
    }

    boolean accepts(T item) {
        return filter.test(item);
    }

    /** Its session, or null while it has none. */
    Session session() {
        return slot.session();
    }

    /** A live frame; {@code sequence} 0 for frames without one. Never blocks. */
    void push(long sequence, String frame) {
        synchronized (slot) {
            if (slot.isClosed()) {
                return;
            }
            if (held != null) {
                if (held.size() >= maxHeld()) {
                    cutOff("client too slow: more than " + maxHeld() + " live messages held during replay");
                } else {
                    held.add(new Held(sequence, frame));
                }
                return;
            }
            if (sequence > 0) {
                if (sequence <= lastSequence) {
                    return;
                }
                lastSequence = sequence;
            }
            sendNow(frame);
        }
    }

    /**
     * A stored frame of the replay, in sequence order; waits at most {@code maxWait} for queue room, and
     * gives up as soon as the client is closed or gone. False when the replay must stop.
     */
    boolean replay(long sequence, String frame, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!room.tryAcquire(Math.min(ROOM_CHECK.toMillis(), maxWait.toMillis()), TimeUnit.MILLISECONDS)) {
            synchronized (slot) {
                if (!slot.isOpen()) {
                    slot.markClosed();
                    return false;
                }
                if (System.nanoTime() - deadline >= 0) {
                    cutOff("client too slow: replay queue full for " + maxWait.toSeconds() + " s");
                    return false;
                }
            }
        }
        synchronized (slot) {
            if (!slot.isOpen()) {
                slot.markClosed();
                room.release();
                return false;
            }
            if (sequence > 0) {
                lastSequence = sequence;
            }
            write(frame);
            return true;
        }
    }

    /**
     * Ends the replay: sends the live frames held meanwhile that come after the last replayed one,
     * waiting for room as the replay does (they are the replay's tail, a burst to a client that is
     * reading), then lets live frames through. Frames pushed while it drains join the end of the held
     * ones, so the order stays the store's. False when the client was closed or cut off meanwhile.
     */
    boolean goLive(Duration maxWait) throws InterruptedException {
        while (true) {
            Held next;
            synchronized (slot) {
                if (slot.isClosed()) {
                    return false;
                }
                next = held == null ? null : held.poll();
                if (next == null) {
                    held = null;
                    return true;
                }
                if (next.sequence() > 0 && next.sequence() <= lastSequence) {
                    continue;
                }
            }
            if (!replay(next.sequence(), next.frame(), maxWait)) {
                return false;
            }
        }
    }

    /**
     * A heartbeat is a live frame like any other, except while a replay keeps the queue busy: then
     * it is skipped when there is no room, since the replay itself shows the client is reading.
     */
    void heartbeat(String frame) {
        synchronized (slot) {
            if (!slot.isConnected()) {
                return;
            }
            if (held == null) {
                sendNow(frame);
            } else if (room.tryAcquire()) {
                write(frame);
            }
        }
    }

    boolean isClosed() {
        return slot.isClosed();
    }

    /** Closes the connection normally (gateway stopping, client gone). */
    void close(int code, String reason) {
        slot.close(code, reason);
    }

    /** Live frames held while a replay runs, at most: the queue bound, and never fewer than 1024. */
    private int maxHeld() {
        return Math.max(bound, MIN_HELD);
    }

    private void sendNow(String frame) {
        if (!room.tryAcquire()) {
            cutOff("client too slow: " + bound + " messages queued");
            return;
        }
        write(frame);
    }

    private void write(String frame) {
        slot.session().sendText(frame, Callback.from(() -> {
            room.release();
            metrics.messageSent();
        }, failure -> {
            room.release();
            metrics.messageDropped();
        }));
    }

    private void cutOff(String reason) {
        slot.markClosed();
        metrics.messageDropped();
        metrics.slowClientDisconnected();
        onCutOff.run();
        Session session = slot.session();
        if (session != null) {
            session.close(StatusCode.POLICY_VIOLATION, reason, Callback.NOOP);
        }
    }
}
