package io.learnpulse.job.rules;

import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertMetrics;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Builds the alerts of each rule: deterministic id, figures, message and recommendation. */
final class AlertFactory implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RuleConfig config;

    AlertFactory(RuleConfig config) {
        this.config = config;
    }

    /**
     * The id is a name-based UUID of the learner, rule, event time and triggering event, so the same
     * input gives the same id in every run, replay and recovery.
     */
    static String alertId(String userId, AlertType type, long eventTime, String triggerEventId) {
        String name = userId + '\n' + type + '\n' + eventTime + '\n' + triggerEventId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    Alert lowScores(String userId, LearnerState s, long at, String eventId) {
        return streak(userId, s, AlertType.CONSECUTIVE_LOW_SCORES, at, eventId, s.lowScores,
                config.lowScoreThreshold, config.lowScoreCount, "below %s",
                "Reach out today: go through the last assessments together and offer targeted practice or tutoring.");
    }

    Alert highScores(String userId, LearnerState s, long at, String eventId) {
        return streak(userId, s, AlertType.HIGH_PERFORMANCE, at, eventId, s.highScores,
                config.highScoreThreshold, config.highScoreCount, "%s or more",
                "Acknowledge the achievement and offer enrichment or more challenging material.");
    }

    /** A streak rule's alert; {@code comparison} says how the scores relate to the threshold. */
    private static Alert streak(String userId, LearnerState s, AlertType type, long at, String eventId,
            List<Double> scores, double threshold, int count, String comparison, String recommendation) {
        AlertMetrics m = new AlertMetrics();
        m.scores = new ArrayList<>(scores);
        m.threshold = threshold;
        m.count = count;
        return alert(userId, s, type, at, eventId, m,
                String.format(Locale.ROOT, "%s scored " + comparison + " on %d assessments in a row (%s).",
                        userId, percent(threshold), count, scores(scores)),
                recommendation);
    }

    Alert decline(String userId, LearnerState s, long at) {
        AlertMetrics m = new AlertMetrics();
        m.days = new ArrayList<>(s.lowDays);
        m.dailyMeans = new ArrayList<>(s.lowDayMeans);
        m.threshold = config.declineThreshold;
        m.count = config.declineDays;
        return alert(userId, s, AlertType.PERFORMANCE_DECLINE, at, "", m,
                String.format(Locale.ROOT, "%s's mean score stayed below %s on %d days in a row (%s, means %s).",
                        userId, percent(config.declineThreshold), config.declineDays,
                        String.join(", ", s.lowDays), scores(s.lowDayMeans)),
                "Check for a gap in prerequisite knowledge and suggest revisiting the material of those days.");
    }

    Alert engagementDrop(String userId, LearnerState s, long at) {
        AlertMetrics m = new AlertMetrics();
        m.emptyDays = config.engagementEmptyDays;
        m.lastEventTime = Calendar.isoInstant(s.lastEventTime);
        return alert(userId, s, AlertType.ENGAGEMENT_DROP, at, "", m,
                String.format(Locale.ROOT, "%s has had no activity for %d whole days (last seen %s).",
                        userId, config.engagementEmptyDays, m.lastEventTime),
                "Send a personal check-in message and point to the next concrete step or deadline.");
    }

    Alert stagnation(String userId, LearnerState s, long at) {
        AlertMetrics m = new AlertMetrics();
        m.progress = s.maxProgress;
        m.lastIncreaseTime = Calendar.isoInstant(s.lastIncreaseTime);
        m.stagnationHours = config.stagnationMillis / 3_600_000.0;
        return alert(userId, s, AlertType.COMPLETION_STAGNATION, at, "", m,
                String.format(Locale.ROOT, "%s's course progress has stayed at %s for %s hours.",
                        userId, percent(s.maxProgress), trim(m.stagnationHours)),
                "Ask whether the learner is blocked and agree on a small, concrete next goal.");
    }

    Alert lowConsistency(String userId, LearnerState s, long at, int activeDays) {
        AlertMetrics m = new AlertMetrics();
        m.activeDays = activeDays;
        m.windowDays = config.consistencyWindowDays;
        m.fraction = activeDays / (double) config.consistencyWindowDays;
        m.minFraction = config.consistencyMinFraction;
        return alert(userId, s, AlertType.LOW_CONSISTENCY, at, "", m,
                String.format(Locale.ROOT, "%s was active on only %d of the last %d days.",
                        userId, activeDays, config.consistencyWindowDays),
                "Help the learner set a regular study rhythm, such as a short session every day.");
    }

    private static Alert alert(String userId, LearnerState s, AlertType type, long at, String eventId,
            AlertMetrics metrics, String message, String recommendation) {
        Alert alert = new Alert();
        alert.alertId = alertId(userId, type, at, eventId);
        alert.userId = userId;
        alert.courseId = s.courseId;
        alert.cohortId = s.cohortId;
        alert.type = type;
        alert.severity = type.severity();
        alert.eventTime = at;
        alert.detectedAt = System.currentTimeMillis();
        alert.status = AlertStatus.OPEN;
        alert.metrics = metrics;
        alert.message = message;
        alert.recommendation = recommendation;
        return alert;
    }

    private static String percent(double fraction) {
        return trim(fraction * 100.0) + "%";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String scores(List<Double> scores) {
        StringBuilder sb = new StringBuilder();
        for (Double score : scores) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(String.format(Locale.ROOT, "%.2f", score));
        }
        return sb.toString();
    }
}
