package io.learnpulse.job.rules;

import io.learnpulse.model.RuleSettings;
import io.learnpulse.model.SettingsOverride;
import java.util.HashMap;
import java.util.Map;

/**
 * The rule operator's {@link Overrides}: each cohort's and learner's {@link SettingsHistory}, by id,
 * so that looking a learner up costs two map reads and no allocation.
 */
public final class SettingsBook implements Overrides {
    private final Map<String, SettingsHistory> learners = new HashMap<>();
    private final Map<String, SettingsHistory> cohorts = new HashMap<>();

    public void put(SettingsHistory history) {
        of(history.scope).put(history.id, history);
    }

    public void remove(SettingsOverride.Scope scope, String id) {
        of(scope).remove(id);
    }

    @Override
    public boolean isEmpty() {
        return learners.isEmpty() && cohorts.isEmpty();
    }

    @Override
    public SettingsHistory learner(String userId) {
        return learners.get(userId);
    }

    @Override
    public SettingsHistory cohort(String cohortId) {
        return cohorts.get(cohortId);
    }

    /** The longest missed-deadline grace of the job's and of any override: how long a calendar item stays needed. */
    public long longestGrace(long jobGraceMillis) {
        long longest = jobGraceMillis;
        for (Map<String, SettingsHistory> scope : java.util.List.of(learners, cohorts)) {
            for (SettingsHistory h : scope.values()) {
                for (SettingsVersion v : h.versions) {
                    Double grace = v.rules.get(RuleSettings.MISSED_DEADLINE_GRACE.key());
                    if (grace != null) {
                        longest = Math.max(longest, grace.longValue());
                    }
                }
            }
        }
        return longest;
    }

    private Map<String, SettingsHistory> of(SettingsOverride.Scope scope) {
        return scope == SettingsOverride.Scope.LEARNER ? learners : cohorts;
    }
}
