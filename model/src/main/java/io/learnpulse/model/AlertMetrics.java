package io.learnpulse.model;

import java.util.List;
import java.util.Objects;

/**
 * The figures behind an alert. Each rule fills the fields that explain it and leaves the others
 * null; the JSON form omits nulls. Times are ISO-8601 strings, days ISO dates.
 */
public class AlertMetrics {
    /** The scores of the streak (streak rules). */
    public List<Double> scores;
    /** The score threshold the rule compared against. */
    public Double threshold;
    /** How many assessments (streak rules) or days (decline) the rule needs. */
    public Integer count;
    /** The days whose mean scores were low, and those means (decline). */
    public List<String> days;
    public List<Double> dailyMeans;
    /** Whole days without any event, and the last event before them (engagement). */
    public Integer emptyDays;
    public String lastEventTime;
    /** Highest progress reached, when it was reached, and the hours allowed (stagnation). */
    public Double progress;
    public String lastIncreaseTime;
    public Double stagnationHours;
    /** Progress at or above this is complete and never stagnates (stagnation). */
    public Double completeProgress;
    /** Days with activity in the window, its length, their fraction and the minimum (consistency). */
    public Integer activeDays;
    public Integer windowDays;
    public Double fraction;
    public Double minFraction;
    /** The calendar item missed, its title and due time, the grace allowed, and how many items of its
     *  course the learner has missed so far, this one included (missed deadline). */
    public String assessmentId;
    public String title;
    public String dueAt;
    public Double graceHours;
    public Integer missedInCourse;
    /** The learner's risk in [0, 1], its band ({@code medium} or {@code high}), the model's version,
     *  every factor (largest contribution first) and the band thresholds used (at risk). */
    public Double risk;
    public String band;
    public String modelVersion;
    public List<RiskFactor> factors;
    public Double mediumThreshold;
    public Double highThreshold;

    public AlertMetrics() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AlertMetrics)) {
            return false;
        }
        AlertMetrics m = (AlertMetrics) o;
        return Objects.equals(scores, m.scores)
                && Objects.equals(threshold, m.threshold)
                && Objects.equals(count, m.count)
                && Objects.equals(days, m.days)
                && Objects.equals(dailyMeans, m.dailyMeans)
                && Objects.equals(emptyDays, m.emptyDays)
                && Objects.equals(lastEventTime, m.lastEventTime)
                && Objects.equals(progress, m.progress)
                && Objects.equals(lastIncreaseTime, m.lastIncreaseTime)
                && Objects.equals(stagnationHours, m.stagnationHours)
                && Objects.equals(completeProgress, m.completeProgress)
                && Objects.equals(activeDays, m.activeDays)
                && Objects.equals(windowDays, m.windowDays)
                && Objects.equals(fraction, m.fraction)
                && Objects.equals(minFraction, m.minFraction)
                && Objects.equals(assessmentId, m.assessmentId)
                && Objects.equals(title, m.title)
                && Objects.equals(dueAt, m.dueAt)
                && Objects.equals(graceHours, m.graceHours)
                && Objects.equals(missedInCourse, m.missedInCourse)
                && Objects.equals(risk, m.risk)
                && Objects.equals(band, m.band)
                && Objects.equals(modelVersion, m.modelVersion)
                && Objects.equals(factors, m.factors)
                && Objects.equals(mediumThreshold, m.mediumThreshold)
                && Objects.equals(highThreshold, m.highThreshold);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scores, count, days, emptyDays, progress, activeDays);
    }
}
