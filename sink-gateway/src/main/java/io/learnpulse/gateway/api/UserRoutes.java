package io.learnpulse.gateway.api;

import io.javalin.http.Context;
import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.store.AlertStore;

/** {@code /api/users/{userId}/metrics}: a learner's daily figures, oldest day first. */
public final class UserRoutes {

    private static final int MAX_DAYS = 1000;

    private final AlertStore store;
    private final AccessPolicy access;

    public UserRoutes(AlertStore store, AccessPolicy access) {
        this.store = store;
        this.access = access;
    }

    /** {@code GET /api/users/{userId}/metrics?from=&to=&limit=&cursor=}; from and to are days, both inclusive. */
    public void dailyFigures(Context ctx) {
        QueryParams params = new QueryParams(ctx::queryParams);
        String from = params.day("from");
        String to = params.day("to");
        QueryParams.checkRange("from", from, "to", to);
        int limit = params.limit("limit", MAX_DAYS, MAX_DAYS);
        String cursor = params.day("cursor");
        String userId = QueryParams.pathId(ctx.pathParam("userId"), "user");
        ctx.json(store.figures(userId, access.figuresScope(Authenticator.of(ctx), userId), from, to, cursor, limit));
    }
}
