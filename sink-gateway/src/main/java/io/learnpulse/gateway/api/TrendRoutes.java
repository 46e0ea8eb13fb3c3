package io.learnpulse.gateway.api;

import java.time.Clock;
import java.time.LocalDate;

import io.javalin.http.Context;
import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.trend.Trends;

/**
 * {@code GET /api/users/{userId}/trend} and {@code GET /api/cohorts/{cohortId}/trend}: trends over the
 * stored daily figures of the {@code days} (default 14, at most 366) days ending at {@code to}
 * (default: today in UTC).
 */
public final class TrendRoutes {

    private static final int DEFAULT_DAYS = 14;
    private static final int MAX_DAYS = 366;

    private final AlertStore store;
    private final AccessPolicy access;
    private final Clock clock;

    public TrendRoutes(AlertStore store, AccessPolicy access, Clock clock) {
        this.store = store;
        this.access = access;
        this.clock = clock;
    }

    public void learner(Context ctx) {
        Window window = window(ctx);
        String userId = QueryParams.pathId(ctx.pathParam("userId"), "user");
        var figures = store.figures(userId, access.figuresScope(Authenticator.of(ctx), userId),
                window.from().toString(), window.to().toString(), null, MAX_DAYS).items();
        ctx.json(Trends.learner(userId, figures, window.to(), window.days()));
    }

    public void cohort(Context ctx) {
        Window window = window(ctx);
        String cohortId = QueryParams.pathId(ctx.pathParam("cohortId"), "cohort");
        access.checkCanViewCohort(Authenticator.of(ctx), cohortId);
        ctx.json(Trends.cohort(cohortId, store.cohortFigures(cohortId, window.from().toString(),
                window.to().toString()), window.to(), window.days()));
    }

    private record Window(LocalDate from, LocalDate to, int days) {
    }

    private Window window(Context ctx) {
        QueryParams params = new QueryParams(ctx::queryParams);
        int days = params.limit("days", DEFAULT_DAYS, MAX_DAYS);
        String toDay = params.day("to");
        LocalDate to = toDay == null ? LocalDate.now(clock) : LocalDate.parse(toDay);
        return new Window(Trends.windowStart(to, days), to, days);
    }
}
