package io.learnpulse.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * What the risk score remembers of one learner in one course: a Flink POJO (public fields, a
 * no-arg constructor), kept in the job's state and in {@code fit-risk}'s memory alike, and changed
 * only by {@link FeatureExtractor}. Times are epoch milliseconds, days epoch days in the
 * extractor's zone; {@link #NONE} marks "not yet".
 */
public class RiskFeatures {
    public static final long NONE = Long.MIN_VALUE;

    /** A submission whose item has not been judged yet: its score waits for the item's weight. */
    public static class Submission {
        public String assessmentId;
        public double score;

        public Submission() {}

        Submission(String assessmentId, double score) {
            this.assessmentId = assessmentId;
            this.score = score;
        }
    }

    public String courseId;
    /** When the learner enrolled (or was first seen in the course): items due before do not count. */
    public long since = NONE;
    public int itemsDue;
    public int itemsMissed;
    public double weightDue;
    public double weightEarned;
    public int scores;
    public double scoreSum;
    public double lowestScore = Double.NaN;
    /** The last scores, oldest first, at most {@link FeatureExtractor#TREND_ITEMS}. */
    public List<Double> recentScores = new ArrayList<>();
    public int latenessCount;
    public double latenessDaysSum;
    public long lastActivity = NONE;
    public long lastSubmission = NONE;
    /** Bit k set: day {@code maskDay - k} had activity. */
    public long activeDays;
    public long maskDay = NONE;
    /** Submitted items not judged yet. */
    public List<Submission> awaiting = new ArrayList<>();

    public RiskFeatures() {}
}
