package io.learnpulse.gateway.notify;

import io.learnpulse.gateway.api.ApiException;
import io.learnpulse.gateway.auth.Principal;
import io.learnpulse.gateway.auth.Role;

/**
 * Who may create, see and delete which webhook (docs/http-api.md "Webhooks"): any principal its own
 * hooks; a cohort's hooks the admins and the cohort's instructors. Seeing a hook is also seeing its
 * notifications on {@code GET /api/alerts/{id}}.
 */
final class WebhookAccess {

    private WebhookAccess() {
    }

    static void checkCanCreate(Principal principal, String cohortId) {
        if (cohortId == null || principal.role() == Role.ADMIN) {
            return;
        }
        if (principal.role() == Role.LEARNER) {
            throw ApiException.forbidden("a learner may only create its own webhooks (without cohortId)");
        }
        if (!principal.cohorts().contains(cohortId)) {
            throw ApiException.forbidden("cohort " + cohortId + " is not one of yours");
        }
    }

    /** True when the principal may see (and delete) the hook. */
    static boolean canSee(Principal principal, Webhook hook) {
        return principal.role() == Role.ADMIN
                || (hook.cohortId() == null && hook.owner().equals(principal.name()))
                || (hook.cohortId() != null && principal.role() == Role.INSTRUCTOR
                        && principal.cohorts().contains(hook.cohortId()));
    }
}
