package io.learnpulse.gateway.auth;

import java.util.Set;

/**
 * Who a bearer token stands for.
 *
 * @param name recorded as the author of acknowledgements
 * @param cohorts the cohorts an instructor watches (empty for other roles)
 * @param userId the learner's own id (null for other roles)
 */
public record Principal(String name, Role role, Set<String> cohorts, String userId) {

    public Principal {
        cohorts = Set.copyOf(cohorts);
    }

    static Principal admin(String name) {
        return new Principal(name, Role.ADMIN, Set.of(), null);
    }
}
