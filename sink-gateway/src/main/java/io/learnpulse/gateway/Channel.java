package io.learnpulse.gateway;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The subscribers of one kind of live item, and a filtered broadcast to them. */
final class Channel<T> {

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

    /** Pushes the item to every subscriber whose filter accepts it; the frame is written once. */
    void publish(long sequence, T item) {
        String frame = null;
        for (Subscriber<T> subscriber : subscribers) {
            if (subscriber.accepts(item)) {
                if (frame == null) {
                    frame = frameOf.apply(item);
                }
                subscriber.push(sequence, frame);
            }
        }
    }

    void heartbeat(String frame) {
        subscribers.forEach(subscriber -> subscriber.heartbeat(frame));
    }

    int size() {
        return subscribers.size();
    }

    void closeAll(int code, String reason) {
        subscribers.forEach(subscriber -> subscriber.close(code, reason));
        subscribers.clear();
    }
}
