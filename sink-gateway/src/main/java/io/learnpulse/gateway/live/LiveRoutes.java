package io.learnpulse.gateway.live;

import java.time.Duration;
import java.util.List;

import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.learnpulse.gateway.api.ApiException;
import io.learnpulse.gateway.api.QueryParams;
import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.auth.Principal;
import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.AlertQuery;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.DailyFigures;
import io.learnpulse.gateway.store.FiguresFilter;
import io.learnpulse.gateway.store.StoredAlert;
import io.learnpulse.model.Severity;

/**
 * {@code WS /ws/alerts} and {@code WS /ws/metrics}. The handshake is checked before the upgrade
 * (Origin, token, role, filter, {@code since}) and refused with the same 4xx JSON answers as REST.
 */
public final class LiveRoutes {

    private static final String FILTER = "learnpulse.filter";
    private static final String SINCE = "learnpulse.since";
    private static final String SUBSCRIBER = "learnpulse.subscriber";
    private static final int REPLAY_PAGE = 200;
    private static final Duration REPLAY_WAIT = Duration.ofSeconds(10);

    private final Broadcaster broadcaster;
    private final AlertStore store;
    private final AccessPolicy access;
    private final Authenticator authenticator;
    private final Frames frames;

    public LiveRoutes(Broadcaster broadcaster, AlertStore store, AccessPolicy access, Authenticator authenticator) {
        this.broadcaster = broadcaster;
        this.store = store;
        this.access = access;
        this.authenticator = authenticator;
        this.frames = broadcaster.frames();
    }

    /** Handshake of {@code /ws/alerts?userId=&cohortId=&severity=&since=ALERT_ID}. */
    public void authorizeAlerts(Context ctx) {
        authenticator.checkOrigin(ctx);
        Principal principal = authenticator.principal(ctx, true);
        QueryParams params = new QueryParams(ctx::queryParams);
        AlertQuery requested = new AlertQuery(params.text("userId"), params.text("cohortId"), null, null,
                params.oneOf("severity", Severity.class), null, null, null);
        AlertQuery filter = access.scope(principal, requested);
        String since = params.text("since");
        if (since != null) {
            StoredAlert last = store.findAlert(since)
                    .orElseThrow(() -> ApiException.notFound("since alert " + since));
            ctx.attribute(SINCE, last.sequence());
        }
        ctx.attribute(FILTER, filter);
    }

    /** Handshake of {@code /ws/metrics?userId=&cohortId=}. */
    public void authorizeFigures(Context ctx) {
        authenticator.checkOrigin(ctx);
        Principal principal = authenticator.principal(ctx, true);
        QueryParams params = new QueryParams(ctx::queryParams);
        FiguresFilter requested = new FiguresFilter(params.text("userId"), params.text("cohortId"), null);
        ctx.attribute(FILTER, access.scope(principal, requested));
    }

    public void alerts(WsConfig ws) {
        ws.onConnect(this::connectAlerts);
        ws.onClose(this::disconnectAlerts);
        ws.onError(ctx -> disconnectAlerts(ctx));
    }

    public void figures(WsConfig ws) {
        ws.onConnect(this::connectFigures);
        ws.onClose(this::disconnectFigures);
        ws.onError(ctx -> disconnectFigures(ctx));
    }

    private void connectAlerts(WsConnectContext ctx) throws InterruptedException {
        AlertQuery filter = ctx.attribute(FILTER);
        Long since = ctx.attribute(SINCE);
        Subscriber<Alert> subscriber = broadcaster.subscribeAlerts(ctx.session, filter::matches, since != null);
        ctx.attribute(SUBSCRIBER, subscriber);
        if (since != null) {
            replay(subscriber, since, filter);
        }
    }

    /** Sends the stored alerts after {@code since} in store order, then lets the held live ones through. */
    private void replay(Subscriber<Alert> subscriber, long since, AlertQuery filter) throws InterruptedException {
        long after = since;
        while (true) {
            List<StoredAlert> page = store.alertsAfter(after, filter, REPLAY_PAGE);
            for (StoredAlert stored : page) {
                if (!subscriber.replay(stored.sequence(), frames.alert(stored.alert()), REPLAY_WAIT)) {
                    return;
                }
                after = stored.sequence();
            }
            if (page.size() < REPLAY_PAGE) {
                break;
            }
        }
        subscriber.goLive();
    }

    private void disconnectAlerts(WsContext ctx) {
        Subscriber<Alert> subscriber = ctx.attribute(SUBSCRIBER);
        if (subscriber != null) {
            broadcaster.unsubscribeAlerts(subscriber);
        }
    }

    private void connectFigures(WsConnectContext ctx) {
        FiguresFilter filter = ctx.attribute(FILTER);
        ctx.attribute(SUBSCRIBER, broadcaster.subscribeFigures(ctx.session, filter::matches));
    }

    private void disconnectFigures(WsContext ctx) {
        Subscriber<DailyFigures> subscriber = ctx.attribute(SUBSCRIBER);
        if (subscriber != null) {
            broadcaster.unsubscribeFigures(subscriber);
        }
    }
}
