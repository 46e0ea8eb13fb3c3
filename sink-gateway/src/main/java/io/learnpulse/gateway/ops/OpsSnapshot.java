package io.learnpulse.gateway.ops;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/ops}: the pipeline's health at {@code at}, the checks that failed, and the samples
 * of the last hours behind the charts.
 */
public record OpsSnapshot(String at, boolean healthy, List<Check> checks, FlinkJob flink,
        List<ConsumerLag> consumerLag, Double eventsInPerSecond, Map<String, Long> alertsOutLastHour,
        DeadLetters deadLetters, Map<String, Long> websocketClients, long databaseBytes, List<Sample> history) {

    /** One health check: {@code unhealthy} and why. */
    public record Check(String check, boolean unhealthy, String detail) {
    }

    /**
     * A consumer group's lag on one topic: the records after its committed offsets, null while unknown
     * (the topic does not exist, or the group never committed on a partition with records).
     */
    public record ConsumerLag(String consumer, String group, String topic, Long lag) {
    }

    public record DeadLetters(Map<String, Integer> lastHour, Map<String, Integer> lastDay,
            List<DeadLetterCounts.Latest> latest) {
    }

    /** One sample of the figures charted over the last hours. */
    public record Sample(String at, Double eventsInPerSecond, Long gatewayLag, Long jobLag, Long restarts,
            int deadLettersLastHour, long alertsOutLastHour, long websocketClients) {
    }
}
