package io.learnpulse.gateway.live;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.learnpulse.gateway.api.ApiException;
import io.learnpulse.gateway.api.QueryParams;
import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.AlertQuery;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.DailyFigures;
import io.learnpulse.gateway.store.FiguresFilter;
import io.learnpulse.gateway.store.PreferenceStore;
import io.learnpulse.gateway.store.Preferences;
import io.learnpulse.gateway.store.StoredAlert;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.Severity;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * {@code WS /ws/alerts} and {@code WS /ws/metrics}. The handshake is checked before the upgrade
 * (Origin, token, role, filter, {@code since}, connections of the principal) and refused with the
 * same 4xx JSON answers as REST. The handshake also subscribes the client, before the upgrade
 * answer is sent: a client that saw its 101 receives every alert pushed after it, even before Jetty
 * opens the session (the frames are held until then). A {@code since=} replay runs on one of the
 * broadcaster's few replay threads, never on Jetty's, and stops when its client goes; more than
 * {@link #MAX_REPLAY} missed alerts are not replayed: the client gets a {@code reload} frame and
 * reloads them over REST.
 */
public final class LiveRoutes {

    private static final String FILTER = "learnpulse.filter";
    private static final String PUSHED = "learnpulse.pushed";
    private static final String SINCE = "learnpulse.since";
    private static final int REPLAY_PAGE = 200;
    private static final Duration REPLAY_WAIT = Duration.ofSeconds(10);
    /** Missed alerts replayed at most; a client that missed more reloads the history over REST. */
    static final int MAX_REPLAY = 1000;

    private final Broadcaster broadcaster;
    private final AlertStore store;
    private final AccessPolicy access;
    private final WebSocketHandshake handshake;
    private final Frames frames;
    private final PreferenceStore preferences;

    public LiveRoutes(Broadcaster broadcaster, AlertStore store, AccessPolicy access, WebSocketHandshake handshake,
            PreferenceStore preferences) {
        this.preferences = preferences;
        this.broadcaster = broadcaster;
        this.store = store;
        this.access = access;
        this.handshake = handshake;
        this.frames = broadcaster.frames();
    }

    /** Handshake of {@code /ws/alerts?userId=&cohortId=&severity=&since=ALERT_ID}. */
    public void authorizeAlerts(Context ctx) {
        handshake.admit(ctx, (principal, release) -> {
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
            Preferences wanted = preferences.of(principal.name());
            Predicate<Alert> pushed = alert -> alert.status() != AlertStatus.SILENCED && filter.matches(alert)
                    && wanted.pushes(alert);
            ctx.attribute(FILTER, filter);
            ctx.attribute(PUSHED, pushed);
            return broadcaster.subscribeAlerts(pushed, release);
        });
    }

    /** Handshake of {@code /ws/metrics?userId=&cohortId=}. */
    public void authorizeFigures(Context ctx) {
        handshake.admit(ctx, (principal, release) -> {
            QueryParams params = new QueryParams(ctx::queryParams);
            FiguresFilter requested = new FiguresFilter(params.text("userId"), params.text("cohortId"), null);
            FiguresFilter filter = access.scope(principal, requested);
            return broadcaster.subscribeFigures(filter::matches, release);
        });
    }

    public void alerts(WsConfig ws) {
        ws.onConnect(this::connectAlerts);
        ws.onClose(this::disconnectAlerts);
        ws.onError(this::disconnectAlerts);
    }

    public void figures(WsConfig ws) {
        ws.onConnect(this::connectFigures);
        ws.onClose(this::disconnectFigures);
        ws.onError(this::disconnectFigures);
    }

    /**
     * Gives the handshake's subscriber its session; false (and the session closed) when the
     * subscriber expired or was cut off before the session opened.
     */
    private static boolean attach(WsConnectContext ctx, Subscriber<?> subscriber) {
        if (subscriber.attach(ctx.session)) {
            return true;
        }
        ctx.closeSession(StatusCode.POLICY_VIOLATION, "closed before the connection opened");
        return false;
    }

    /**
     * Sends what was pushed between the handshake and the session's opening, then live frames. On
     * the connecting thread: the queue of a session just opened is empty, so those few frames go
     * out without waiting unless more than the queue bound were pushed in that gap.
     */
    private static void goLive(Subscriber<?> subscriber) {
        try {
            subscriber.goLive(REPLAY_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscriber.close(StatusCode.SHUTDOWN, "gateway stopping");
        }
    }

    private void connectAlerts(WsConnectContext ctx) {
        Subscriber<Alert> subscriber = WebSocketHandshake.subscription(ctx);
        if (!attach(ctx, subscriber)) {
            return;
        }
        Long since = ctx.attribute(SINCE);
        if (since == null) {
            goLive(subscriber);
            return;
        }
        AlertQuery filter = ctx.attribute(FILTER);
        Predicate<Alert> pushed = ctx.attribute(PUSHED);
        broadcaster.runReplay(subscriber, () -> replay(subscriber, since, filter, pushed));
    }

    /**
     * Sends the stored alerts after {@code since} that match {@code filter} and would have been pushed
     * ({@code pushed}: not silenced, within the principal's preferences) in store order, then lets the
     * held live ones through; past {@link #MAX_REPLAY} only a {@code reload} frame, then live ones.
     */
    private void replay(Subscriber<Alert> subscriber, long since, AlertQuery filter, Predicate<Alert> pushed)
            throws InterruptedException {
        if (store.countAlertsAfter(since, filter, MAX_REPLAY + 1) > MAX_REPLAY) {
            long newest = store.lastSequence();
            if (subscriber.replay(newest, frames.reload("more than " + MAX_REPLAY
                    + " alerts were missed: reload them with GET /api/alerts"), REPLAY_WAIT)) {
                subscriber.goLive(REPLAY_WAIT);
            }
            return;
        }
        long after = since;
        while (true) {
            List<StoredAlert> page = store.alertsAfter(after, filter, REPLAY_PAGE);
            for (StoredAlert stored : page) {
                if (pushed.test(stored.alert())
                        && !subscriber.replay(stored.sequence(), frames.alert(stored.alert()), REPLAY_WAIT)) {
                    return;
                }
                after = stored.sequence();
            }
            if (page.size() < REPLAY_PAGE) {
                break;
            }
        }
        subscriber.goLive(REPLAY_WAIT);
    }

    /** The client closed or failed: its subscriber is closed too, which also stops a replay it has running. */
    private void disconnectAlerts(WsContext ctx) {
        WebSocketHandshake.release(ctx);
        Subscriber<Alert> subscriber = WebSocketHandshake.subscription(ctx);
        if (subscriber != null) {
            broadcaster.unsubscribeAlerts(subscriber);
            subscriber.close(StatusCode.NORMAL, "closed");
        }
    }

    private void connectFigures(WsConnectContext ctx) {
        Subscriber<DailyFigures> subscriber = WebSocketHandshake.subscription(ctx);
        if (attach(ctx, subscriber)) {
            goLive(subscriber);
        }
    }

    private void disconnectFigures(WsContext ctx) {
        WebSocketHandshake.release(ctx);
        Subscriber<DailyFigures> subscriber = WebSocketHandshake.subscription(ctx);
        if (subscriber != null) {
            broadcaster.unsubscribeFigures(subscriber);
            subscriber.close(StatusCode.NORMAL, "closed");
        }
    }
}
