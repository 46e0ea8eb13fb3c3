package io.learnpulse.gateway.auth;

import java.util.List;
import java.util.Set;

import io.learnpulse.gateway.api.ApiException;
import io.learnpulse.gateway.store.Acknowledgement;
import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.AlertQuery;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.FiguresFilter;

/**
 * Who may see and do what (docs/http-api.md roles). {@code admin} sees everything; an {@code instructor}
 * sees the alerts and figures of its cohorts; a {@code learner} sees only its own. Naming something
 * outside the role is refused (403) rather than silently narrowed; leaving a filter out narrows it
 * to the role.
 */
public final class AccessPolicy {

    private final AlertStore store;

    public AccessPolicy(AlertStore store) {
        this.store = store;
    }

    /** The alert filter narrowed to the principal's role; 403 if it names a cohort or user outside it. */
    public AlertQuery scope(Principal principal, AlertQuery requested) {
        return switch (principal.role()) {
            case ADMIN -> requested;
            case INSTRUCTOR -> {
                if (requested.cohortId() != null && !principal.cohorts().contains(requested.cohortId())) {
                    throw ApiException.forbidden("cohort " + requested.cohortId() + " is not one of yours");
                }
                yield requested.withCohortScope(principal.cohorts());
            }
            case LEARNER -> {
                if (requested.userId() != null && !requested.userId().equals(principal.userId())) {
                    throw ApiException.forbidden("a learner sees only its own alerts");
                }
                yield requested.withUserId(principal.userId());
            }
        };
    }

    public void checkCanView(Principal principal, Alert alert) {
        boolean allowed = switch (principal.role()) {
            case ADMIN -> true;
            case INSTRUCTOR -> alert.cohortId() != null && principal.cohorts().contains(alert.cohortId());
            case LEARNER -> alert.userId().equals(principal.userId());
        };
        if (!allowed) {
            throw ApiException.forbidden("this alert is outside your role");
        }
    }

    /** Admins and the instructors of the alert's cohort acknowledge; learners do not. */
    /**
     * The acknowledgement trail as the principal may see it. A learner sees when its alert was
     * acknowledged and why, not by whom nor the note: those are written by staff, for staff.
     */
    public List<Acknowledgement> trail(Principal principal, List<Acknowledgement> trail) {
        if (principal.role() != Role.LEARNER) {
            return trail;
        }
        return trail.stream().map(entry -> new Acknowledgement(null, entry.at(), null, entry.reason())).toList();
    }

    public void checkCanAcknowledge(Principal principal, Alert alert) {
        if (principal.role() == Role.LEARNER) {
            throw ApiException.forbidden("learners cannot acknowledge alerts");
        }
        checkCanView(principal, alert);
    }

    /**
     * The cohort scope of a stats request: admins any (null: all cohorts); an instructor must name
     * one of its cohorts (stats across all cohorts are for admins); learners get no stats.
     */
    public Set<String> statsScope(Principal principal, String cohortId) {
        return switch (principal.role()) {
            case ADMIN -> null;
            case INSTRUCTOR -> {
                if (cohortId == null) {
                    throw ApiException.forbidden("stats across all cohorts are for admins: give cohortId");
                }
                if (!principal.cohorts().contains(cohortId)) {
                    throw ApiException.forbidden("cohort " + cohortId + " is not one of yours");
                }
                yield principal.cohorts();
            }
            case LEARNER -> throw ApiException.forbidden("learners get no stats");
        };
    }

    /**
     * The cohort scope of a learner's daily figures, trends and risk scores: admins all; the learner itself
     * all of its own; an instructor those of its cohorts, and only for a learner seen in one of them.
     */
    public Set<String> figuresScope(Principal principal, String userId) {
        return switch (principal.role()) {
            case ADMIN -> null;
            case LEARNER -> {
                if (!userId.equals(principal.userId())) {
                    throw ApiException.forbidden("a learner sees only its own figures");
                }
                yield null;
            }
            case INSTRUCTOR -> {
                if (!store.learnerInCohorts(userId, principal.cohorts())) {
                    throw ApiException.forbidden("learner " + userId + " is not in your cohorts");
                }
                yield principal.cohorts();
            }
        };
    }

    /** A cohort's aggregates: admins any cohort, instructors their own; learners none. */
    public void checkCanViewCohort(Principal principal, String cohortId) {
        switch (principal.role()) {
            case ADMIN -> { }
            case INSTRUCTOR -> {
                if (!principal.cohorts().contains(cohortId)) {
                    throw ApiException.forbidden("cohort " + cohortId + " is not one of yours");
                }
            }
            case LEARNER -> throw ApiException.forbidden("learners see no cohort figures");
        }
    }

    /** Whose silences a caller lists: an admin all (null), an instructor those of its cohorts; learners none. */
    public Set<String> silenceScope(Principal principal) {
        return switch (principal.role()) {
            case ADMIN -> null;
            case INSTRUCTOR -> principal.cohorts();
            case LEARNER -> throw ApiException.forbidden("learners see no silences");
        };
    }

    /**
     * Who silences: an admin anything; an instructor only inside one of its cohorts, so it must name
     * the cohort (a silence of a learner alone would reach the learner's alerts in other cohorts too).
     */
    public void checkCanSilence(Principal principal, String cohortId) {
        switch (principal.role()) {
            case ADMIN -> { }
            case INSTRUCTOR -> {
                if (cohortId == null) {
                    throw ApiException.forbidden("an instructor's silences lie within one of its cohorts: give cohortId");
                }
                if (!principal.cohorts().contains(cohortId)) {
                    throw ApiException.forbidden("cohort " + cohortId + " is not one of yours");
                }
            }
            case LEARNER -> throw ApiException.forbidden("learners cannot silence alerts");
        }
    }

    /**
     * Who reads the rule settings of a cohort or a learner ({@code learner} true): admins; the
     * instructors of the cohort, or of a cohort the learner is seen in; a learner its own, not its cohort's.
     */
    public void checkCanReadSettings(Principal principal, boolean learner, String id) {
        if (principal.role() != Role.LEARNER) {
            checkCanChangeSettings(principal, learner, id);
        } else if (!learner || !id.equals(principal.userId())) {
            throw ApiException.forbidden("a learner sees only its own rule settings");
        }
    }

    /** Who changes the rule settings of a cohort or a learner: admins and the instructors of that cohort (learner's). */
    public void checkCanChangeSettings(Principal principal, boolean learner, String id) {
        switch (principal.role()) {
            case ADMIN -> { }
            case INSTRUCTOR -> {
                boolean theirs = learner ? store.learnerInCohorts(id, principal.cohorts())
                        : principal.cohorts().contains(id);
                if (!theirs) {
                    throw ApiException.forbidden(learner ? "learner " + id + " is not in your cohorts"
                            : "cohort " + id + " is not one of yours");
                }
            }
            case LEARNER -> throw ApiException.forbidden("learners do not change rule settings");
        }
    }

    /**
     * Whose missed deadlines a caller counts on a course's calendar: an admin everyone's; an
     * instructor those of its cohorts, and only for a course its cohorts have alerts or figures in;
     * a learner its own, and only for a course it has alerts or figures in. The items themselves are
     * no learner's data, but which courses exist is learned from the learners a caller may see.
     */
    public AlertQuery calendarScope(Principal principal, String courseId) {
        AlertQuery scope = roleScope(principal);
        if (principal.role() != Role.ADMIN && !store.courseSeen(courseId, scope)) {
            throw ApiException.forbidden("course " + courseId + " is not one of yours");
        }
        return scope;
    }

    /** Every alert the principal may see: all (admin), its cohorts' (instructor), its own (learner). */
    public static AlertQuery roleScope(Principal principal) {
        AlertQuery everyone = AlertQuery.ANY;
        return switch (principal.role()) {
            case ADMIN -> everyone;
            case INSTRUCTOR -> everyone.withCohortScope(principal.cohorts());
            case LEARNER -> everyone.withUserId(principal.userId());
        };
    }

    /** The filter of a live figures subscription, narrowed like {@link #scope}. */
    public FiguresFilter scope(Principal principal, FiguresFilter requested) {
        return switch (principal.role()) {
            case ADMIN -> requested;
            case INSTRUCTOR -> {
                if (requested.cohortId() != null && !principal.cohorts().contains(requested.cohortId())) {
                    throw ApiException.forbidden("cohort " + requested.cohortId() + " is not one of yours");
                }
                yield new FiguresFilter(requested.userId(), requested.cohortId(), principal.cohorts());
            }
            case LEARNER -> {
                if (requested.userId() != null && !requested.userId().equals(principal.userId())) {
                    throw ApiException.forbidden("a learner sees only its own figures");
                }
                yield new FiguresFilter(principal.userId(), requested.cohortId(), null);
            }
        };
    }
}
