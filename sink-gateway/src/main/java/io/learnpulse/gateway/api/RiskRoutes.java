package io.learnpulse.gateway.api;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.javalin.http.Context;
import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.store.AlertCursor;
import io.learnpulse.gateway.store.CohortSummaries;
import io.learnpulse.gateway.store.Page;
import io.learnpulse.gateway.store.RiskScore;
import io.learnpulse.gateway.store.RiskStore;

/** {@code GET /api/users/{userId}/risk} and {@code GET /api/cohorts/{cohortId}/summary}: the job's risk scores. */
public final class RiskRoutes {

    private static final int DEFAULT_TOP = 10;
    private static final int MAX_TOP = 100;

    private final RiskStore risks;
    private final CohortSummaries summaries;
    private final AccessPolicy access;
    private final int pageLimit;
    private final int pageLimitMax;

    /** {@code pageLimit}: the default {@code limit} of a history page; {@code pageLimitMax}: the largest one accepted. */
    public RiskRoutes(RiskStore risks, CohortSummaries summaries, AccessPolicy access, int pageLimit,
            int pageLimitMax) {
        this.risks = risks;
        this.summaries = summaries;
        this.access = access;
        this.pageLimit = pageLimit;
        this.pageLimitMax = pageLimitMax;
    }

    /** {@code GET /api/users/{userId}/risk?courseId=&limit=&cursor=} */
    public void learner(Context ctx) {
        QueryParams params = new QueryParams(ctx::queryParams);
        String courseId = params.text("courseId");
        int limit = params.limit("limit", pageLimit, pageLimitMax);
        AlertCursor cursor = params.cursor("cursor");
        String userId = QueryParams.pathId(ctx.pathParam("userId"), "user");
        Set<String> scope = access.figuresScope(Authenticator.of(ctx), userId);
        List<RiskScore> courses = risks.latestByCourse(userId, courseId, scope);
        RiskScore latest = courses.stream().max(Comparator.comparingLong(RiskScore::atMillis)).orElse(null);
        Page<RiskScore> history = risks.history(userId, courseId, scope, cursor, limit);
        ctx.json(new LearnerRiskAnswer(userId, latest, courses, history.items(), history.nextCursor()));
    }

    /** {@code GET /api/cohorts/{cohortId}/summary?top=}: admins any cohort, instructors their own. */
    public void cohortSummary(Context ctx) {
        int top = new QueryParams(ctx::queryParams).limit("top", DEFAULT_TOP, MAX_TOP);
        String cohortId = QueryParams.pathId(ctx.pathParam("cohortId"), "cohort");
        access.checkCanViewCohort(Authenticator.of(ctx), cohortId);
        ctx.json(summaries.summary(cohortId, top));
    }
}
