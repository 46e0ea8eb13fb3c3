package io.learnpulse.gateway.ingest;

import java.time.Instant;

/** What {@code /health} needs to know about the consumer loop. */
public interface ConsumerStatus {

    boolean isRunning();

    Instant lastPoll();

    String lastError();

    /** Records of the assigned partitions not yet consumed, as of the last poll. */
    long lag();
}
