package io.learnpulse.gateway.ops;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;

/**
 * The job's dead letters of the last day, counted by reason per minute of arrival, and the latest few
 * as they came (for admins: they hold learners' raw input). In memory only: the follower re-reads the
 * last 24 hours of the topic when the gateway starts. A record that is not a dead letter counts under
 * reason {@code unreadable}.
 */
final class DeadLetterCounts {

    static final int LATEST = 10;
    private static final Duration DAY = Duration.ofHours(24);

    /** One dead letter as shown to admins. */
    record Latest(String at, String reason, String detail, String raw) {
    }

    private final Clock clock;
    private final Map<Long, Map<String, Integer>> perMinute = new TreeMap<>();
    private final ArrayDeque<Latest> latest = new ArrayDeque<>();

    DeadLetterCounts(Clock clock) {
        this.clock = clock;
    }

    /** A record of the dead-letter topic, counted at {@code timestamp} (the record's time, epoch ms). */
    synchronized void accept(byte[] value, long timestamp) {
        String text = new String(value == null ? new byte[0] : value, StandardCharsets.UTF_8);
        DeadLetter letter;
        try {
            letter = JsonCodec.readDeadLetter(text);
        } catch (InvalidRecordException e) {
            letter = new DeadLetter("unreadable", e.getMessage(), text);
        }
        String reason = letter.reason == null ? "unreadable" : letter.reason;
        perMinute.computeIfAbsent(timestamp / 60_000, minute -> new TreeMap<>()).merge(reason, 1, Integer::sum);
        latest.addFirst(new Latest(Instant.ofEpochMilli(timestamp).toString(), reason, letter.detail, letter.raw));
        while (latest.size() > LATEST) {
            latest.removeLast();
        }
        prune();
    }

    /** Counts by reason of the dead letters that arrived within {@code window} of now. */
    synchronized Map<String, Integer> since(Duration window) {
        prune();
        long from = (clock.millis() - window.toMillis()) / 60_000;
        Map<String, Integer> counts = new TreeMap<>();
        perMinute.forEach((minute, reasons) -> {
            if (minute >= from) {
                reasons.forEach((reason, n) -> counts.merge(reason, n, Integer::sum));
            }
        });
        return counts;
    }

    synchronized List<Latest> latest() {
        return new ArrayList<>(latest);
    }

    private void prune() {
        long cutoff = (clock.millis() - DAY.toMillis()) / 60_000;
        perMinute.keySet().removeIf(minute -> minute < cutoff);
    }
}
