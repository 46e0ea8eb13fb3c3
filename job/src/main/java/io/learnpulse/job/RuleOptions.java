package io.learnpulse.job;

import io.learnpulse.job.rules.RuleConfig;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/** The options of the rules and of event time, shared by the replay and the live job. */
public final class RuleOptions {
    private RuleOptions() {}

    public static final ConfigOption<String> ZONE = ConfigOptions.key("rules.zone")
            .stringType().defaultValue("UTC")
            .withDescription("Time zone of calendar days (day ends, daily figures).");
    public static final ConfigOption<Double> LOW_SCORE_THRESHOLD = ConfigOptions.key("rules.low-score.threshold")
            .doubleType().defaultValue(0.60)
            .withDescription("CONSECUTIVE_LOW_SCORES: a score below this is low.");
    public static final ConfigOption<Integer> LOW_SCORE_COUNT = ConfigOptions.key("rules.low-score.count")
            .intType().defaultValue(3)
            .withDescription("CONSECUTIVE_LOW_SCORES: fires on this many low scores in a row.");
    public static final ConfigOption<Double> HIGH_SCORE_THRESHOLD = ConfigOptions.key("rules.high-score.threshold")
            .doubleType().defaultValue(0.90)
            .withDescription("HIGH_PERFORMANCE: a score at or above this is high.");
    public static final ConfigOption<Integer> HIGH_SCORE_COUNT = ConfigOptions.key("rules.high-score.count")
            .intType().defaultValue(3)
            .withDescription("HIGH_PERFORMANCE: fires on this many high scores in a row.");
    public static final ConfigOption<Double> DECLINE_THRESHOLD = ConfigOptions.key("rules.decline.threshold")
            .doubleType().defaultValue(0.60)
            .withDescription("PERFORMANCE_DECLINE: a day whose mean score is below this is low.");
    public static final ConfigOption<Integer> DECLINE_DAYS = ConfigOptions.key("rules.decline.days")
            .intType().defaultValue(2)
            .withDescription("PERFORMANCE_DECLINE: fires after this many adjacent low days.");
    public static final ConfigOption<Integer> ENGAGEMENT_EMPTY_DAYS = ConfigOptions.key("rules.engagement.empty-days")
            .intType().defaultValue(3)
            .withDescription("ENGAGEMENT_DROP: fires at the end of this many whole days without events.");
    public static final ConfigOption<Duration> STAGNATION_AFTER = ConfigOptions.key("rules.stagnation.after")
            .durationType().defaultValue(Duration.ofHours(120))
            .withDescription("COMPLETION_STAGNATION: fires this long after the last progress increase.");
    public static final ConfigOption<Double> COMPLETE_PROGRESS = ConfigOptions.key("rules.stagnation.complete-progress")
            .doubleType().defaultValue(1.0)
            .withDescription("COMPLETION_STAGNATION: progress at or above this is complete and never stagnates.");
    public static final ConfigOption<Integer> CONSISTENCY_WINDOW_DAYS = ConfigOptions.key("rules.consistency.window-days")
            .intType().defaultValue(7)
            .withDescription("LOW_CONSISTENCY and consistency7d: days in the window (1 to 63).");
    public static final ConfigOption<Double> CONSISTENCY_MIN_FRACTION = ConfigOptions.key("rules.consistency.min-fraction")
            .doubleType().defaultValue(0.5)
            .withDescription("LOW_CONSISTENCY: fires when the fraction of active days is below this.");
    public static final ConfigOption<Duration> MISSED_DEADLINE_GRACE = ConfigOptions.key("rules.missed-deadline.grace")
            .durationType().defaultValue(Duration.ofHours(24))
            .withDescription("MISSED_DEADLINE: a calendar item is missed when not submitted by its dueAt plus this.");
    public static final ConfigOption<Duration> DEDUP_WINDOW = ConfigOptions.key("rules.dedup-window")
            .durationType().defaultValue(Duration.ofHours(24))
            .withDescription("An eventId seen again within this much event time is a duplicate and ignored.");
    public static final ConfigOption<Duration> FORGET_AFTER = ConfigOptions.key("rules.forget-after")
            .durationType().defaultValue(Duration.ofDays(30))
            .withDescription("A learner silent for more than this (event time) is forgotten: all state dropped.");
    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = ConfigOptions.key("watermark.out-of-orderness")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("How far behind the highest event time an event may be and still count (not late).");

    public static List<ConfigOption<?>> all() {
        return List.of(ZONE, LOW_SCORE_THRESHOLD, LOW_SCORE_COUNT, HIGH_SCORE_THRESHOLD, HIGH_SCORE_COUNT,
                DECLINE_THRESHOLD, DECLINE_DAYS, ENGAGEMENT_EMPTY_DAYS, STAGNATION_AFTER, COMPLETE_PROGRESS,
                CONSISTENCY_WINDOW_DAYS, CONSISTENCY_MIN_FRACTION, MISSED_DEADLINE_GRACE, DEDUP_WINDOW, FORGET_AFTER, OUT_OF_ORDERNESS);
    }

    public static RuleConfig ruleConfig(Configuration config) {
        return RuleConfig.builder()
                .zone(ZoneId.of(config.get(ZONE)))
                .lowScoreThreshold(config.get(LOW_SCORE_THRESHOLD))
                .lowScoreCount(config.get(LOW_SCORE_COUNT))
                .highScoreThreshold(config.get(HIGH_SCORE_THRESHOLD))
                .highScoreCount(config.get(HIGH_SCORE_COUNT))
                .declineThreshold(config.get(DECLINE_THRESHOLD))
                .declineDays(config.get(DECLINE_DAYS))
                .engagementEmptyDays(config.get(ENGAGEMENT_EMPTY_DAYS))
                .stagnation(config.get(STAGNATION_AFTER))
                .completeProgress(config.get(COMPLETE_PROGRESS))
                .consistencyWindowDays(config.get(CONSISTENCY_WINDOW_DAYS))
                .consistencyMinFraction(config.get(CONSISTENCY_MIN_FRACTION))
                .missedDeadlineGrace(config.get(MISSED_DEADLINE_GRACE))
                .dedupWindow(config.get(DEDUP_WINDOW))
                .forgetAfter(config.get(FORGET_AFTER))
                .build();
    }
}
