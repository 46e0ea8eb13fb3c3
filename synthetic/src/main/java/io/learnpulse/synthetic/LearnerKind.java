package io.learnpulse.synthetic;

/** Recognisable kinds of learners, each meant to trigger (or not) particular rules. */
public enum LearnerKind {
    /** Active nearly every day, good scores, steady progress: few or no alerts. */
    STEADY,
    /** Low scores: consecutive low scores, performance decline. */
    STRUGGLING,
    /** Active for the first days, then gone: engagement drop, low consistency. */
    DROPPING_OUT,
    /** Keeps coming but progress stops rising: completion stagnation. */
    STAGNATING,
    /** Excellent scores: high performance. */
    STAR,
    /** Shows up one or two days a week: low consistency. */
    SPORADIC
}
