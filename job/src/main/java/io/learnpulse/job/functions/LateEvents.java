package io.learnpulse.job.functions;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;
import java.time.Instant;

/** The dead letter of an event behind the watermark (docs/time-and-delivery.md). */
final class LateEvents {
    private LateEvents() {}

    static DeadLetter deadLetter(ActivityEvent event, long watermark, String raw) {
        return new DeadLetter(DeadLetter.LATE, "event time " + Instant.ofEpochMilli(event.timestamp)
                + " is behind the watermark " + Instant.ofEpochMilli(watermark), raw);
    }
}
