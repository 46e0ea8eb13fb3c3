package io.learnpulse.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A learner's risk score in one course at one scoring moment (docs/alerts.md, topic
 * {@code learner-risk}): the AT_RISK rule's figure, written whether or not it raises an alert.
 * {@code at} is the scoring moment in epoch milliseconds (a day's end or a missed deadline),
 * {@code band} the band's wire name ({@code low}, {@code medium}, {@code high}), and the factors are
 * ordered by contribution, the largest first.
 */
public class LearnerRisk {
    public static final List<String> BANDS = List.of("low", "medium", "high");

    public String userId;
    public String courseId;
    public String cohortId;
    public long at;
    public double risk;
    public String band;
    public String modelVersion;
    public List<RiskFactor> factors = new ArrayList<>();

    public LearnerRisk() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LearnerRisk)) {
            return false;
        }
        LearnerRisk r = (LearnerRisk) o;
        return at == r.at
                && Double.compare(risk, r.risk) == 0
                && Objects.equals(userId, r.userId)
                && Objects.equals(courseId, r.courseId)
                && Objects.equals(cohortId, r.cohortId)
                && Objects.equals(band, r.band)
                && Objects.equals(modelVersion, r.modelVersion)
                && Objects.equals(factors, r.factors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, courseId, at);
    }

    @Override
    public String toString() {
        return "LearnerRisk{" + userId + " " + courseId + " @" + java.time.Instant.ofEpochMilli(at) + " " + risk
                + " " + band + '}';
    }
}
