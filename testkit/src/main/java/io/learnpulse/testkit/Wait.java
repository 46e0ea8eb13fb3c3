package io.learnpulse.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Bounded waits: polls a condition until it holds and gives up after a limit, with a message that
 * says what was awaited. Awaitility underneath, polling in the caller's thread (so a condition may
 * use a client that is not thread-safe, such as a Kafka consumer); an exception thrown by the
 * condition ends the wait at once.
 */
public final class Wait {
    /** How often a condition is polled unless a wait says otherwise. */
    public static final Duration EVERY = Duration.ofMillis(100);

    private Wait() {}

    /** Polls {@code condition} every 100 ms until it is true; throws {@link TimedOut} after {@code atMost}. */
    public static void until(String what, Duration atMost, Callable<Boolean> condition) {
        until(what, atMost, EVERY, condition);
    }

    /** The same, polling every {@code every}. */
    public static void until(String what, Duration atMost, Duration every, Callable<Boolean> condition) {
        try {
            poll(atMost, every).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new TimedOut(what, atMost, null);
        }
    }

    /**
     * Polls {@code value} every 100 ms until {@code done} accepts it and returns that value; throws
     * {@link TimedOut}, naming the last value seen, after {@code atMost}.
     */
    public static <T> T until(String what, Duration atMost, Callable<T> value, Predicate<? super T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            poll(atMost, EVERY).until(() -> {
                last.set(value.call());
                return done.test(last.get());
            });
            return last.get();
        } catch (ConditionTimeoutException e) {
            throw new TimedOut(what, atMost, String.valueOf(last.get()));
        }
    }

    /**
     * Polls {@code condition} every 100 ms for at most {@code atMost}; whether it became true. For a
     * measurement that reports a shortfall rather than failing.
     */
    public static boolean within(Duration atMost, Callable<Boolean> condition) {
        try {
            poll(atMost, EVERY).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static ConditionFactory poll(Duration atMost, Duration every) {
        return Awaitility.await().atMost(atMost).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(every);
    }

    /** A wait that gave up. */
    public static final class TimedOut extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private static final int SHOWN = 300;

        TimedOut(String what, Duration atMost, String lastValue) {
            super("gave up waiting for " + what + " after " + seconds(atMost)
                    + (lastValue == null ? "" : "; last seen: " + abbreviated(lastValue)));
        }

        private static String seconds(Duration duration) {
            return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
        }

        private static String abbreviated(String value) {
            return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "... (" + value.length() + " characters)";
        }
    }
}
