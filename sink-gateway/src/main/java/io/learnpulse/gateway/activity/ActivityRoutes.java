package io.learnpulse.gateway.activity;

import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.learnpulse.gateway.api.QueryParams;
import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.live.WebSocketHandshake;
import io.learnpulse.gateway.store.FiguresFilter;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * {@code WS /ws/activity?userId=&cohortId=}, checked at the handshake like {@code /ws/metrics}
 * (Origin, token, role: instructors their cohorts, learners themselves, the principal's sockets), and
 * {@code GET /api/cohorts/{cohortId}/activity}, the cohort's "now" figures for the dashboard's panel.
 */
public final class ActivityRoutes {

    private final ActivityStream stream;
    private final AccessPolicy access;
    private final WebSocketHandshake handshake;

    public ActivityRoutes(ActivityStream stream, AccessPolicy access, WebSocketHandshake handshake) {
        this.stream = stream;
        this.access = access;
        this.handshake = handshake;
    }

    /**
     * The handshake, the same as {@code /ws/alerts}' ({@link WebSocketHandshake}): counted against the
     * principal's sockets, and subscribed before the upgrade answer.
     */
    public void authorize(Context ctx) {
        handshake.admit(ctx, (principal, release) -> {
            QueryParams params = new QueryParams(ctx::queryParams);
            FiguresFilter requested = new FiguresFilter(params.text("userId"), params.text("cohortId"), null);
            return stream.subscribe(access.scope(principal, requested), release);
        });
    }

    public void activity(WsConfig ws) {
        ws.onConnect(this::connect);
        ws.onClose(this::disconnect);
        ws.onError(this::disconnect);
    }

    /** {@code GET /api/cohorts/{cohortId}/activity}: sessions open now, submissions in the last hour. */
    public void cohortNow(Context ctx) {
        String cohortId = QueryParams.pathId(ctx.pathParam("cohortId"), "cohort");
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
        ActivityClient client = WebSocketHandshake.subscription(ctx);
        if (!stream.attach(client, ctx.session)) {
            ctx.closeSession(StatusCode.POLICY_VIOLATION, "closed before the connection opened");
        }
    }

    private void disconnect(WsContext ctx) {
        WebSocketHandshake.release(ctx);
        ActivityClient client = WebSocketHandshake.subscription(ctx);
        if (client != null) {
            stream.unsubscribe(client);
            client.close("closed");
        }
    }
}
