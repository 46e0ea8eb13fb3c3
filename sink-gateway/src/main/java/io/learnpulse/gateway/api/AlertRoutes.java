package io.learnpulse.gateway.api;

import java.sql.SQLException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.auth.Principal;
import io.learnpulse.gateway.notify.Outbox;
import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.AlertCursor;
import io.learnpulse.gateway.store.AlertQuery;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/** {@code /api/alerts}: history, one alert with its trail and notifications, acknowledgement, stats. */
public final class AlertRoutes {

    private final AlertStore store;
    private final Outbox outbox;
    private final AccessPolicy access;
    private final ObjectMapper mapper;
    private final int pageLimit;
    private final int pageLimitMax;

    /** {@code pageLimit}: the default {@code limit} of a page; {@code pageLimitMax}: the largest one accepted. */
    public AlertRoutes(AlertStore store, Outbox outbox, AccessPolicy access, ObjectMapper mapper, int pageLimit,
            int pageLimitMax) {
        this.store = store;
        this.outbox = outbox;
        this.access = access;
        this.mapper = mapper;
        this.pageLimit = pageLimit;
        this.pageLimitMax = pageLimitMax;
    }

    /** {@code GET /api/alerts?userId=&cohortId=&type=&severity=&status=&from=&to=&limit=&cursor=} */
    public void list(Context ctx) {
        QueryParams params = new QueryParams(ctx::queryParams);
        Long from = params.instant("from");
        Long to = params.instant("to");
        QueryParams.checkRange("from", from, "to", to);
        AlertQuery requested = new AlertQuery(params.text("userId"), params.text("cohortId"), null,
                params.oneOf("type", AlertType.class), params.oneOf("severity", Severity.class),
                params.oneOf("status", AlertStatus.class), from, to);
        int limit = params.limit("limit", pageLimit, pageLimitMax);
        AlertCursor cursor = params.cursor("cursor");
        AlertQuery query = access.scope(Authenticator.of(ctx), requested);
        ctx.json(store.findAlerts(query, cursor, limit));
    }

    /** {@code GET /api/alerts/{alertId}} */
    public void get(Context ctx) {
        Alert alert = find(ctx);
        Principal principal = Authenticator.of(ctx);
        access.checkCanView(principal, alert);
        ctx.json(new AlertDetail(alert, access.trail(principal, store.acknowledgements(alert.alertId())),
                outbox.notificationsOf(alert.alertId(), principal)));
    }

    /** {@code POST /api/alerts/{alertId}/ack}: idempotent per principal; answers the alert and its trail. */
    public void acknowledge(Context ctx) throws SQLException {
        Alert alert = find(ctx);
        Principal principal = Authenticator.of(ctx);
        access.checkCanAcknowledge(principal, alert);
        AckRequest request = AckRequest.parse(ctx.bodyAsBytes(), mapper);
        store.acknowledge(alert.alertId(), principal.name(), request.note(), request.reason());
        Alert updated = store.findAlert(alert.alertId()).orElseThrow().alert();
        ctx.json(new AlertDetail(updated, store.acknowledgements(alert.alertId()),
                outbox.notificationsOf(alert.alertId(), principal)));
    }

    /** {@code GET /api/alerts/stats?cohortId=&from=&to=} */
    public void stats(Context ctx) {
        QueryParams params = new QueryParams(ctx::queryParams);
        String cohortId = params.text("cohortId");
        Long from = params.instant("from");
        Long to = params.instant("to");
        QueryParams.checkRange("from", from, "to", to);
        ctx.json(store.stats(cohortId, access.statsScope(Authenticator.of(ctx), cohortId), from, to));
    }

    private Alert find(Context ctx) {
        String alertId = QueryParams.pathId(ctx.pathParam("alertId"), "alert");
        return store.findAlert(alertId).orElseThrow(() -> ApiException.notFound("alert " + alertId)).alert();
    }
}
