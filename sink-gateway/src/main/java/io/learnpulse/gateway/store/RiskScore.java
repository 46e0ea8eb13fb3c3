package io.learnpulse.gateway.store;

import java.time.Instant;
import java.util.List;

/**
 * A learner's risk score in one course at one scoring moment, as the job writes it to topic
 * {@code learner-risk} (docs/alerts.md): {@code at} ISO-8601 text as produced, {@code risk} in [0, 1],
 * {@code band} {@code low}, {@code medium} or {@code high}, and the factors behind it, the largest
 * contribution first.
 */
public record RiskScore(
        String userId,
        String courseId,
        String cohortId,
        String at,
        double risk,
        String band,
        String modelVersion,
        List<Factor> factors) {

    /** One feature of the model: its value for the learner (null when the learner has none yet) and its share of the score. */
    public record Factor(String name, Double value, double contribution) {
    }

    /** The scoring moment in epoch milliseconds, the key that orders a learner's history. */
    public long atMillis() {
        return Instant.parse(at).toEpochMilli();
    }
}
