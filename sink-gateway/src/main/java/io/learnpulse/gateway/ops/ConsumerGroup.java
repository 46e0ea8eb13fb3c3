package io.learnpulse.gateway.ops;

import java.util.List;

/**
 * A reader of the pipeline's topics whose lag the operations view shows: what it is ({@code consumer}:
 * {@code gateway}, {@code activity}, {@code dead-letters}, {@code job}), its Kafka consumer group and the
 * topics it reads.
 */
public record ConsumerGroup(String consumer, String group, List<String> topics) {

    /** The consumer loop that stores alerts, figures, calendars and risk scores. */
    public static final String GATEWAY = "gateway";
    /** The follower of the activity topic behind {@code /ws/activity}. */
    public static final String ACTIVITY = "activity";
    /** The operations view's follower of the dead-letter topic. */
    public static final String DEAD_LETTERS = "dead-letters";
    /** The Flink job (it commits its offsets on checkpoints). */
    public static final String JOB = "job";
}
