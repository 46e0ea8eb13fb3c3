package io.learnpulse.gateway.activity;

import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.learnpulse.gateway.api.ApiException;
import io.learnpulse.gateway.api.QueryParams;
import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.auth.Principal;
import io.learnpulse.gateway.store.FiguresFilter;

/**
 * {@code WS /ws/activity?userId=&cohortId=}, checked at the handshake like {@code /ws/metrics}
 * (Origin, token, role: instructors their cohorts, learners themselves), and
 * {@code GET /api/cohorts/{cohortId}/activity}, the cohort's "now" figures for the dashboard's panel.
 */
public final class ActivityRoutes {

    private static final String FILTER = "learnpulse.activity.filter";
    private static final String CLIENT = "learnpulse.activity.client";

    private final ActivityStream stream;
    private final AccessPolicy access;
    private final Authenticator authenticator;

    public ActivityRoutes(ActivityStream stream, AccessPolicy access, Authenticator authenticator) {
        this.stream = stream;
        this.access = access;
        this.authenticator = authenticator;
    }

    public void authorize(Context ctx) {
        authenticator.checkOrigin(ctx);
        Principal principal = authenticator.principal(ctx, true);
        QueryParams params = new QueryParams(ctx::queryParams);
        FiguresFilter requested = new FiguresFilter(params.text("userId"), params.text("cohortId"), null);
        ctx.attribute(FILTER, access.scope(principal, requested));
    }

    public void activity(WsConfig ws) {
        ws.onConnect(this::connect);
        ws.onClose(this::disconnect);
        ws.onError(this::disconnect);
    }

    /** {@code GET /api/cohorts/{cohortId}/activity}: sessions open now, submissions in the last hour. */
    public void cohortNow(Context ctx) {
        String cohortId = ctx.pathParam("cohortId");
        if (cohortId.length() > QueryParams.MAX_TEXT_LENGTH) {
            throw ApiException.notFound("cohort");
        }
        access.checkCanViewCohort(Authenticator.of(ctx), cohortId);
        CohortActivity.Now now = stream.cohortNow(cohortId);
        ctx.json(new CohortNowAnswer(cohortId, now.sessionsOpen(), now.submissionsLastHour(), now.lastEventAt(),
                CohortActivity.SESSION_TIMEOUT.toMinutes()));
    }

    /** The answer: the figures, and the session timeout they were counted with. */
    record CohortNowAnswer(String cohortId, int sessionsOpen, int submissionsLastHour, String lastEventAt,
            long sessionTimeoutMinutes) {
    }

    private void connect(WsConnectContext ctx) {
        FiguresFilter filter = ctx.attribute(FILTER);
        ctx.attribute(CLIENT, stream.subscribe(ctx.session, filter));
    }

    private void disconnect(WsContext ctx) {
        ActivityClient client = ctx.attribute(CLIENT);
        if (client != null) {
            stream.unsubscribe(client);
        }
    }
}
