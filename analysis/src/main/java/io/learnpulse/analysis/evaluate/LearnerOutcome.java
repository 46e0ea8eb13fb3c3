package io.learnpulse.analysis.evaluate;

import java.time.Instant;

/** TEMPORARY until model.Outcome lands. */
record LearnerOutcome(String userId, Instant start, Instant end, String outcome, Instant withdrawnAt) {}
