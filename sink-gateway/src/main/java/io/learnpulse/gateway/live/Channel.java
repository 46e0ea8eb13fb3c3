package io.learnpulse.gateway.live;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The subscribers of one kind of live item, and a filtered broadcast to them. */
final class Channel<T> {

    private static final Logger LOG = LoggerFactory.getLogger(Channel.class);

    private final Set<Subscriber<T>> subscribers = ConcurrentHashMap.newKeySet();
    private final Function<T, String> frameOf;

    Channel(Function<T, String> frameOf) {
        this.frameOf = frameOf;
    }

    void add(Subscriber<T> subscriber) {
        subscribers.add(subscriber);
    }

    void remove(Subscriber<T> subscriber) {
        subscribers.remove(subscriber);
    }

    /**
     * Pushes the item to every subscriber whose filter accepts it; the frame is written once. A
     * subscriber that fails is dropped: it never stops the caller (the alert feed, the consumer loop).
     */
    void publish(long sequence, T item) {
        String frame = null;
        for (Subscriber<T> subscriber : subscribers) {
            try {
                if (subscriber.accepts(item)) {
                    if (frame == null) {
                        frame = frameOf.apply(item);
                    }
                    subscriber.push(sequence, frame);
                }
            } catch (RuntimeException e) {
                drop(subscriber, e);
            }
        }
    }

    void heartbeat(String frame) {
        for (Subscriber<T> subscriber : subscribers) {
            try {
                subscriber.heartbeat(frame);
            } catch (RuntimeException e) {
                drop(subscriber, e);
            }
        }
    }

    private void drop(Subscriber<T> subscriber, RuntimeException failure) {
        LOG.warn("dropping a WebSocket client that failed: {}", failure.toString());
        subscribers.remove(subscriber);
        subscriber.close(StatusCode.SERVER_ERROR, "gateway error");
    }

    /** Connected subscribers: those still waiting at the handshake for their session are not counted. */
    int size() {
        return (int) subscribers.stream().filter(Subscriber::isConnected).count();
    }

    void closeAll(int code, String reason) {
        subscribers.forEach(subscriber -> subscriber.close(code, reason));
        subscribers.clear();
    }
}
