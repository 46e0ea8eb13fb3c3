package io.learnpulse.job.rules;

/**
 * The cohorts' and learners' settings overrides as the rule operator knows them now
 * (docs/rules.md, docs/time-and-delivery.md).
 */
public interface Overrides {
    /** No override at all. */
    Overrides NONE = new Overrides() {
        @Override
        public boolean isEmpty() {
            return true;
        }

        @Override
        public SettingsHistory learner(String userId) {
            return null;
        }

        @Override
        public SettingsHistory cohort(String cohortId) {
            return null;
        }
    };

    /** Whether there is no override at all: every learner runs on the job's configuration. */
    boolean isEmpty();

    /** The overrides of one learner, or null. */
    SettingsHistory learner(String userId);

    /** The overrides of one cohort, or null. */
    SettingsHistory cohort(String cohortId);
}
