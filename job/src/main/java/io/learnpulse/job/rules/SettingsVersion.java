package io.learnpulse.job.rules;

import io.learnpulse.model.SettingsOverride;
import java.io.Serializable;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One override of a cohort's or a learner's settings as the rule operator learned it
 * (docs/time-and-delivery.md: settings are state): its values, its {@code effectiveFrom}, and the
 * operator's watermark when it arrived, which makes "the settings as the job knows them when its
 * watermark passes T" decidable at any later moment, as {@link ScheduledItem} does for the calendar.
 */
public class SettingsVersion implements Serializable {
    private static final long serialVersionUID = 1L;

    public long effectiveFrom;
    /** The operator's watermark when this version arrived; {@link ScheduledItem#KNOWN_FROM_THE_START} for a replay's file. */
    public long learnedAt;
    /** Held as {@link io.learnpulse.model.RuleSettings} holds them; empty: the override is removed. */
    public Map<String, Double> rules = new HashMap<>();

    /** This version over the job's configuration, made once (not checkpointed: derived). */
    private transient RuleConfig config;
    /** This learner's version over each cohort version it met, made once each. */
    private transient Map<SettingsVersion, RuleConfig> overCohort;

    public SettingsVersion() {}

    static SettingsVersion of(SettingsOverride override, long learnedAt) {
        SettingsVersion v = new SettingsVersion();
        v.effectiveFrom = override.effectiveFrom;
        v.learnedAt = learnedAt;
        v.rules = new HashMap<>(override.rules);
        return v;
    }

    /** The first moment it can be in effect at: from its {@code effectiveFrom}, once the operator knew it. */
    long startsAt() {
        return learnedAt == ScheduledItem.KNOWN_FROM_THE_START ? effectiveFrom : Math.max(effectiveFrom, learnedAt + 1);
    }

    boolean removes() {
        return rules.isEmpty();
    }

    RuleConfig over(RuleConfig job) {
        if (config == null) {
            config = job.with(rules);
        }
        return config;
    }

    /**
     * A learner's version over their cohort's: the learner's values win. Each fits the job's
     * configuration (the records that do not are dead-lettered), but two may not fit together (the
     * learner's risk.high below the cohort's risk.medium): then the learner's applies alone.
     */
    RuleConfig over(SettingsVersion cohort, RuleConfig job) {
        if (overCohort == null) {
            overCohort = new IdentityHashMap<>();
        }
        return overCohort.computeIfAbsent(cohort, c -> {
            try {
                return c.over(job).with(rules);
            } catch (IllegalArgumentException e) {
                return over(job);
            }
        });
    }
}
