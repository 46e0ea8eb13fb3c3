package io.learnpulse.gateway.auth;

/** What a token may see: everything, its cohorts, or only its own learner. */
public enum Role {
    ADMIN, INSTRUCTOR, LEARNER
}
