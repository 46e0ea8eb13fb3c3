package io.learnpulse.gateway;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.learnpulse.gateway.activity.ActivityRoutes;
import io.learnpulse.gateway.activity.ActivityStream;
import io.learnpulse.gateway.api.AlertRoutes;
import io.learnpulse.gateway.api.ApiException;
import io.learnpulse.gateway.api.CourseRoutes;
import io.learnpulse.gateway.api.OperationsRoutes;
import io.learnpulse.gateway.api.PreferenceRoutes;
import io.learnpulse.gateway.api.RiskRoutes;
import io.learnpulse.gateway.api.SecurityHeaders;
import io.learnpulse.gateway.api.SettingsRoutes;
import io.learnpulse.gateway.api.SilenceRoutes;
import io.learnpulse.gateway.api.TrendRoutes;
import io.learnpulse.gateway.api.UserRoutes;
import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.auth.TokenRegistry;
import io.learnpulse.gateway.auth.WebSocketTickets;
import io.learnpulse.gateway.ingest.ConsumerStatus;
import io.learnpulse.gateway.ingest.KafkaProbe;
import io.learnpulse.gateway.live.Broadcaster;
import io.learnpulse.gateway.live.LiveRoutes;
import io.learnpulse.gateway.live.WebSocketHandshake;
import io.learnpulse.gateway.notify.Notifications;
import io.learnpulse.gateway.notify.WebhookRoutes;
import io.learnpulse.gateway.ops.OpsMonitor;
import io.learnpulse.gateway.ops.OpsRoutes;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.CohortSummaries;
import io.learnpulse.gateway.store.Database;
import io.learnpulse.gateway.store.PreferenceStore;
import io.learnpulse.gateway.settings.SettingsPublisher;
import io.learnpulse.gateway.store.RiskStore;
import io.learnpulse.gateway.store.SettingsTrail;
import io.learnpulse.gateway.store.Silences;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the gateway's HTTP and WebSocket app from its dependencies; starts nothing. */
final class GatewayApp {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500)};

    /** What the routes need; {@link Gateway} makes the real ones. */
    record Dependencies(AlertStore store, Broadcaster broadcaster, GatewayConfig config, TokenRegistry tokens,
            PrometheusMeterRegistry registry, Database database, KafkaProbe kafka, ConsumerStatus consumer,
            ObjectMapper mapper, ActivityStream activity, OpsMonitor ops, SettingsPublisher settings,
            Notifications notifications) {
    }

    private GatewayApp() {
    }

    static Javalin create(Dependencies deps) {
        GatewayConfig config = deps.config();
        AccessPolicy access = new AccessPolicy(deps.store());
        Authenticator authenticator = new Authenticator(deps.tokens(), config.allowedOrigins(),
                new WebSocketTickets(Clock.systemUTC()));
        AlertRoutes alerts = new AlertRoutes(deps.store(), deps.notifications().outbox(), access, deps.mapper(),
                config.pageLimit(), config.pageLimitMax());
        WebhookRoutes webhooks = new WebhookRoutes(deps.notifications().webhooks(), deps.mapper());
        UserRoutes users = new UserRoutes(deps.store(), access);
        TrendRoutes trends = new TrendRoutes(deps.store(), access, Clock.systemUTC());
        CourseRoutes courses = new CourseRoutes(deps.store(), access);
        RiskStore riskStore = new RiskStore(deps.database(), deps.mapper());
        RiskRoutes risks = new RiskRoutes(riskStore, new CohortSummaries(deps.database(), riskStore), access,
                config.pageLimit(), config.pageLimitMax());
        OperationsRoutes operations = new OperationsRoutes(deps.database(), deps.kafka(), deps.consumer(),
                deps.registry());
        PreferenceStore preferenceStore = new PreferenceStore(deps.database(), Clock.systemUTC());
        PreferenceRoutes preferences = new PreferenceRoutes(preferenceStore, deps.mapper());
        SilenceRoutes silences = new SilenceRoutes(new Silences(deps.database(), Clock.systemUTC()), access,
                deps.mapper(), Clock.systemUTC());
        SettingsRoutes settings = new SettingsRoutes(new SettingsTrail(deps.database(), deps.mapper()),
                deps.settings(), access, deps.mapper(), Clock.systemUTC());
        WebSocketHandshake handshake = new WebSocketHandshake(authenticator, config.wsMaxPerPrincipal());
        LiveRoutes live = new LiveRoutes(deps.broadcaster(), deps.store(), access, handshake, preferenceStore);
        ActivityRoutes activity = new ActivityRoutes(deps.activity(), access, handshake);
        OpsRoutes ops = new OpsRoutes(deps.ops());
        long maxRequestBytes = config.maxRequestBytes();
        Duration wsIdleTimeout = config.heartbeatInterval().multipliedBy(4).plusSeconds(30);

        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(deps.mapper(), false));
            javalin.http.maxRequestSize = maxRequestBytes;
            javalin.staticFiles.add("/public", Location.CLASSPATH);
            javalin.staticFiles.enableWebjars(); // the dashboard's uPlot, /webjars/uplot/<version>/dist/...
            javalin.jetty.modifyWebSocketServletFactory(factory -> factory.setIdleTimeout(wsIdleTimeout));
            javalin.requestLogger.http((ctx, ms) -> recordRequest(deps.registry(), ctx, ms));

            javalin.routes.before(SecurityHeaders::add);
            javalin.routes.before("/api/*", ctx -> refuseLargeBody(ctx, maxRequestBytes));
            javalin.routes.before("/api/*", authenticator::requireToken);

            javalin.routes.get("/api/alerts", alerts::list);
            javalin.routes.get("/api/alerts/stats", alerts::stats);
            javalin.routes.get("/api/alerts/{alertId}", alerts::get);
            javalin.routes.post("/api/alerts/{alertId}/ack", alerts::acknowledge);
            javalin.routes.get("/api/users/{userId}/metrics", users::dailyFigures);
            javalin.routes.get("/api/users/{userId}/trend", trends::learner);
            javalin.routes.get("/api/users/{userId}/risk", risks::learner);
            javalin.routes.get("/api/cohorts/{cohortId}/summary", risks::cohortSummary);
            javalin.routes.get("/api/cohorts/{cohortId}/trend", trends::cohort);
            javalin.routes.get("/api/courses/{courseId}/calendar", courses::calendar);
            javalin.routes.get("/api/cohorts/{cohortId}/settings", settings::getCohort);
            javalin.routes.put("/api/cohorts/{cohortId}/settings", settings::putCohort);
            javalin.routes.get("/api/users/{userId}/settings", settings::getLearner);
            javalin.routes.put("/api/users/{userId}/settings", settings::putLearner);
            javalin.routes.get("/api/me/preferences", preferences::get);
            javalin.routes.put("/api/me/preferences", preferences::put);
            javalin.routes.post("/api/silences", silences::create);
            javalin.routes.get("/api/silences", silences::list);
            javalin.routes.delete("/api/silences/{id}", silences::delete);
            javalin.routes.post("/api/ws-tickets", authenticator::issueTicket);
            javalin.routes.get("/api/cohorts/{cohortId}/activity", activity::cohortNow);
            javalin.routes.post("/api/webhooks", webhooks::create);
            javalin.routes.get("/api/webhooks", webhooks::list);
            javalin.routes.delete("/api/webhooks/{webhookId}", webhooks::delete);
            javalin.routes.get("/api/ops", ops::ops);
            javalin.routes.get("/admin", ops::page);

            javalin.routes.get("/health", operations::health);
            javalin.routes.get("/metrics", operations::metrics);

            javalin.routes.wsBeforeUpgrade("/ws/alerts", live::authorizeAlerts);
            javalin.routes.wsBeforeUpgrade("/ws/metrics", live::authorizeFigures);
            javalin.routes.ws("/ws/alerts", live::alerts);
            javalin.routes.ws("/ws/metrics", live::figures);
            javalin.routes.wsBeforeUpgrade("/ws/activity", activity::authorize);
            javalin.routes.ws("/ws/activity", activity::activity);

            javalin.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            javalin.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            javalin.routes.exception(AlertStore.StoreException.class, (e, ctx) -> {
                LOG.error("database failure on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 503, "database unavailable");
            });
            javalin.routes.exception(SQLException.class, (e, ctx) -> {
                LOG.error("database failure on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 503, "database unavailable");
            });
            javalin.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("failure on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error");
            });
            javalin.routes.error(404, ctx -> {
                if (ctx.path().startsWith("/api/") && ctx.result() == null) {
                    error(ctx, 404, "no such endpoint");
                }
            });
        });
    }

    private static void refuseLargeBody(Context ctx, long maxRequestBytes) {
        if (ctx.contentLength() > maxRequestBytes) {
            throw new ApiException(413, "request body larger than " + maxRequestBytes + " bytes");
        }
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message == null ? "error" : message));
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
    }

    /** {@code learnpulse_gateway_http_requests_seconds{method,route,status}}, a latency histogram. */
    private static void recordRequest(MeterRegistry registry, Context ctx, float ms) {
        Timer.builder("learnpulse.gateway.http.requests")
                .description("HTTP request latency")
                .tags("method", ctx.method().name(), "route", route(ctx), "status", Integer.toString(ctx.statusCode()))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(Duration.ofNanos((long) (ms * 1_000_000)));
    }

    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
