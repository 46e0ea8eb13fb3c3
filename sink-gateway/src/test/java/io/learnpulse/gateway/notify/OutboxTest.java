package io.learnpulse.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.auth.Principal;
import io.learnpulse.gateway.auth.Role;
import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.Database;
import io.learnpulse.gateway.store.PreferenceStore;
import io.learnpulse.gateway.store.Silences;
import io.learnpulse.gateway.store.TestAlerts;
import io.learnpulse.gateway.store.TestDatabase;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbox and its delivery worker on SQLite and on a real PostgreSQL server, against real HTTP
 * receivers: signed deliveries once per (webhook, alert), retries with backoff after 500s and while the
 * receiver is down, giving up, Slack bodies, two workers on one database, a dead worker's lease, the
 * alert transaction's rollback, and the daily digest. The retry delays are a few milliseconds (the
 * policy is the gateway's, only its base is tiny); every wait is a bounded poll.
 */
class OutboxTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SECRET = "a-shared-secret-of-the-receiver";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ofHours(1));
    private static final Principal ADMIN = new Principal("root", Role.ADMIN, Set.of(), null);
    private static final Map<String, Principal> PRINCIPALS = Map.of(
            "root", ADMIN,
            "alice", new Principal("alice", Role.INSTRUCTOR, Set.of("k1"), null),
            "u1", new Principal("u1", Role.LEARNER, Set.of(), "u1"));

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** A gateway's notification side over {@code database}: the store writing into its outbox, its worker. */
    private final class Side {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final Database database;
        final Notifications notifications;
        final AlertStore store;

        Side(Database database, RetryPolicy retry, Clock storeClock) {
            this.database = database;
            notifications = new Notifications(database, MAPPER, name -> Optional.ofNullable(PRINCIPALS.get(name)),
                    registry, retry, Clock.systemUTC());
            store = new AlertStore(database, MAPPER, storeClock, notifications.outbox());
            toClose.add(notifications);
        }

        Side start() {
            notifications.start(store);
            return this;
        }

        Webhook hook(String owner, String cohortId, String url, BodyFormat format, Severity minSeverity,
                AlertType... types) throws SQLException {
            return notifications.webhooks().create(owner, cohortId, url, SECRET, Set.of(types), minSeverity, format,
                    false);
        }

        void store(Alert... alerts) throws SQLException {
            store.store(List.of(alerts), List.of(), List.of());
        }

        List<Notification> notificationsOf(String alertId) {
            return notifications.outbox().notificationsOf(alertId, ADMIN);
        }

        double counter(String name) {
            return registry.get(name).counter().count();
        }
    }

    private Database open(TestDatabase kind) {
        Database database = kind.open(dir);
        toClose.add(database);
        return database;
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = WebhookReceiver.start(SECRET);
        toClose.add(receiver);
        return receiver;
    }

    private static Alert alert(String alertId, String userId, String cohortId, Severity severity) {
        Alert plain = TestAlerts.alert(alertId, userId, cohortId, "2026-11-24T10:00:00Z");
        return new Alert(plain.alertId(), plain.userId(), plain.courseId(), plain.cohortId(),
                AlertType.CONSECUTIVE_LOW_SCORES, severity, plain.eventTime(), plain.detectedAt(), AlertStatus.OPEN,
                plain.metrics(), "three scores under 0.6 <in a row>", "talk to " + userId);
    }

    private static JsonNode json(String body) throws Exception {
        return MAPPER.readTree(body);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deliversSignedOnceToEachHookWithinItsScopeAndFilter(TestDatabase kind) throws Exception {
        WebhookReceiver cohortK1 = receiver();
        WebhookReceiver cohortK2 = receiver();
        WebhookReceiver learner = receiver();
        Side side = new Side(open(kind), FAST, Clock.systemUTC()).start();
        Webhook k1 = side.hook("alice", "k1", cohortK1.url(), BodyFormat.LEARNPULSE, Severity.LOW);
        Webhook k2 = side.hook("root", "k2", cohortK2.url(), BodyFormat.LEARNPULSE, Severity.LOW,
                AlertType.CONSECUTIVE_LOW_SCORES);
        Webhook own = side.hook("u1", null, learner.url(), BodyFormat.LEARNPULSE, Severity.HIGH);
        side.hook("ghost", null, learner.url(), BodyFormat.LEARNPULSE, Severity.LOW); // no token: gets nothing
        side.hook("root", "k2", cohortK2.url(), BodyFormat.LEARNPULSE, Severity.LOW, AlertType.ENGAGEMENT_DROP);

        new Silences(side.database, Clock.systemUTC()).create("u5", null, null, Instant.now().plusSeconds(3600),
                "on leave", "root");
        side.store(alert("x1", "u1", "k1", Severity.HIGH), alert("x2", "u2", "k1", Severity.LOW),
                alert("x3", "u3", "k2", Severity.MEDIUM), alert("x4", "u1", "k1", Severity.MEDIUM),
                alert("x5", "u5", "k1", Severity.HIGH)); // x5 is silenced: stored, not sent
        side.store(alert("x1", "u1", "k1", Severity.HIGH)); // read again after a crash: not new, nothing enqueued

        await().atMost(WAIT).until(() -> side.notifications.outbox().countByState().equals(Map.of("delivered", 5L)));
        assertThat(cohortK1.delivered()).extracting(WebhookReceiver.Request::delivery)
                .containsExactlyInAnyOrder(k1.webhookId() + ":x1", k1.webhookId() + ":x2", k1.webhookId() + ":x4");
        assertThat(cohortK2.delivered()).extracting(WebhookReceiver.Request::delivery)
                .containsExactly(k2.webhookId() + ":x3");
        assertThat(learner.delivered()).extracting(WebhookReceiver.Request::delivery)
                .containsExactly(own.webhookId() + ":x1");
        for (WebhookReceiver receiver : List.of(cohortK1, cohortK2, learner)) {
            assertThat(receiver.requests()).allSatisfy(request -> {
                assertThat(request.verified()).as(request.signature()).isTrue();
                assertThat(request.event()).isEqualTo("alert");
            });
        }
        JsonNode body = json(learner.delivered().get(0).body());
        assertThat(body.path("kind").asText()).isEqualTo("alert");
        assertThat(body.path("webhookId").asText()).isEqualTo(own.webhookId());
        assertThat(body.path("alert").path("alertId").asText()).isEqualTo("x1");
        assertThat(body.path("alert").path("severity").asText()).isEqualTo("HIGH");
        assertThat(side.notificationsOf("x1")).extracting(Notification::webhookId, Notification::state,
                Notification::attempts, Notification::lastStatus)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(k1.webhookId(), "delivered", 1, 200),
                        org.assertj.core.groups.Tuple.tuple(own.webhookId(), "delivered", 1, 200));
        assertThat(side.notificationsOf("x5")).isEmpty();
        assertThat(side.store.findAlert("x5").orElseThrow().alert().status()).isEqualTo(AlertStatus.SILENCED);
        assertThat(side.counter("learnpulse.gateway.webhook.delivered")).isEqualTo(5);
        assertThat(side.counter("learnpulse.gateway.webhook.failed.attempts")).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void retriesAfterA500WithBackoffUntilAcknowledged(TestDatabase kind) throws Exception {
        WebhookReceiver receiver = receiver();
        AtomicInteger answered = new AtomicInteger();
        receiver.answer(() -> answered.incrementAndGet() <= 2 ? 500 : 204);
        Side side = new Side(open(kind), FAST, Clock.systemUTC()).start();
        side.hook("root", null, receiver.url(), BodyFormat.LEARNPULSE, Severity.LOW);

        side.store(alert("r1", "u1", "k1", Severity.HIGH));

        await().atMost(WAIT).until(() -> side.notificationsOf("r1").get(0).state().equals("delivered"));
        Notification delivered = side.notificationsOf("r1").get(0);
        assertThat(delivered.attempts()).isEqualTo(3);
        assertThat(delivered.lastStatus()).isEqualTo(204);
        assertThat(delivered.nextAttemptAt()).isNull();
        assertThat(delivered.deliveredAt()).isNotNull();
        assertThat(receiver.requests()).extracting(WebhookReceiver.Request::answered).containsExactly(500, 500, 204);
        assertThat(receiver.requests()).allMatch(WebhookReceiver.Request::verified);
        assertThat(side.counter("learnpulse.gateway.webhook.failed.attempts")).isEqualTo(2);
        assertThat(side.counter("learnpulse.gateway.webhook.delivered")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void keepsRetryingWhileTheReceiverIsDownAndDeliversOnceItIsBack(TestDatabase kind) throws Exception {
        WebhookReceiver receiver = WebhookReceiver.down(SECRET);
        toClose.add(receiver);
        Side side = new Side(open(kind), FAST, Clock.systemUTC()).start();
        side.hook("root", null, receiver.url(), BodyFormat.LEARNPULSE, Severity.LOW);

        side.store(alert("d1", "u1", "k1", Severity.HIGH));

        await().atMost(WAIT).until(() -> side.notificationsOf("d1").get(0).attempts() >= 3);
        Notification waiting = side.notificationsOf("d1").get(0);
        assertThat(waiting.state()).isEqualTo("pending");
        assertThat(waiting.lastStatus()).isNull();
        assertThat(waiting.lastError()).startsWith("no answer");
        assertThat(waiting.nextAttemptAt()).isNotNull();

        receiver.start();
        await().atMost(WAIT).until(() -> side.notificationsOf("d1").get(0).state().equals("delivered"));
        assertThat(receiver.requests()).hasSize(1).allMatch(WebhookReceiver.Request::verified);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void givesUpAfterItsLimitAndShowsIt(TestDatabase kind) throws Exception {
        WebhookReceiver receiver = receiver();
        receiver.answer(() -> 503);
        Side side = new Side(open(kind), new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofMillis(500)), Clock.systemUTC()).start();
        side.hook("root", null, receiver.url(), BodyFormat.LEARNPULSE, Severity.LOW);

        side.store(alert("g1", "u1", "k1", Severity.HIGH));

        await().atMost(WAIT).until(() -> side.notificationsOf("g1").get(0).state().equals("given_up"));
        Notification given = side.notificationsOf("g1").get(0);
        assertThat(given.attempts()).isEqualTo(receiver.requests().size()).isPositive();
        assertThat(given.lastStatus()).isEqualTo(503);
        assertThat(given.lastError()).isEqualTo("answered 503");
        assertThat(given.nextAttemptAt()).isNull();
        assertThat(side.counter("learnpulse.gateway.webhook.given.up")).isEqualTo(1);
        await().atMost(WAIT).until(() -> side.registry.get("learnpulse.gateway.webhook.outbox.given.up").gauge()
                .value() == 1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void slackBodyIsTextWithBlocks(TestDatabase kind) throws Exception {
        WebhookReceiver receiver = receiver();
        Side side = new Side(open(kind), FAST, Clock.systemUTC()).start();
        side.hook("root", null, receiver.url(), BodyFormat.SLACK, Severity.LOW);

        side.store(alert("s1", "u1", "k1", Severity.HIGH));

        await().atMost(WAIT).until(() -> receiver.delivered().size() == 1);
        JsonNode body = json(receiver.delivered().get(0).body());
        assertThat(body.path("text").asText())
                .isEqualTo("*HIGH* CONSECUTIVE_LOW_SCORES for learner u1 (cohort k1, course c1): "
                        + "three scores under 0.6 &lt;in a row&gt;");
        assertThat(body.path("blocks")).hasSize(2);
        assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("section");
        assertThat(body.path("blocks").get(0).path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(body.path("blocks").get(1).path("type").asText()).isEqualTo("context");
        assertThat(body.path("blocks").get(1).path("elements").get(0).path("text").asText())
                .startsWith("Recommendation: talk to u1 · alert s1");
        assertThat(receiver.delivered().get(0).verified()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoWorkersOnOneDatabaseSendEachNotificationOnce(TestDatabase kind) throws Exception {
        WebhookReceiver receiver = receiver();
        List<Database> pools = kind.openTwo(dir);
        toClose.addAll(pools);
        Database database = pools.get(0);
        Database second = pools.get(1);
        Side one = new Side(database, FAST, Clock.systemUTC());
        Side two = new Side(second, FAST, Clock.systemUTC());
        one.hook("root", null, receiver.url(), BodyFormat.LEARNPULSE, Severity.LOW);
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            alerts.add(alert("t" + i, "u" + i, "k1", Severity.MEDIUM));
        }
        one.store(alerts.subList(0, 30).toArray(Alert[]::new));
        two.store(alerts.subList(30, 60).toArray(Alert[]::new));
        one.start();
        two.start();

        await().atMost(WAIT).until(() -> receiver.delivered().size() >= 60
                && one.counter("learnpulse.gateway.webhook.delivered")
                        + two.counter("learnpulse.gateway.webhook.delivered") == 60);
        assertThat(receiver.requests()).extracting(WebhookReceiver.Request::delivery).doesNotHaveDuplicates()
                .hasSize(60);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aClaimWhoseWorkerDiedIsDeliveredAfterItsLease(TestDatabase kind) throws Exception {
        WebhookReceiver receiver = receiver();
        Side side = new Side(open(kind), FAST, Clock.systemUTC());
        side.hook("root", null, receiver.url(), BodyFormat.LEARNPULSE, Severity.LOW);
        side.store(alert("l1", "u1", "k1", Severity.HIGH));
        // a worker claims it and dies before sending: nothing records an attempt
        assertThat(side.notifications.outbox().claim(8, Duration.ofSeconds(2))).hasSize(1);
        assertThat(side.notifications.outbox().claim(8, Duration.ofSeconds(2))).isEmpty();

        side.start();
        await().atMost(WAIT).until(() -> side.notificationsOf("l1").get(0).state().equals("delivered"));
        assertThat(receiver.requests()).hasSize(1);
        assertThat(side.notificationsOf("l1").get(0).attempts()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aBatchTheDatabaseRefusesEnqueuesNothing(TestDatabase kind) throws Exception {
        Database database = open(kind);
        Side side = new Side(database, FAST, Clock.systemUTC());
        side.hook("root", null, "http://127.0.0.1:1/never", BodyFormat.LEARNPULSE, Severity.LOW);
        kind.refuseAlertsOf(database, "refused");

        assertThatThrownBy(() -> side.store(alert("ok1", "u1", "k1", Severity.HIGH),
                alert("no1", "refused", "k1", Severity.HIGH))).isInstanceOf(SQLException.class);
        assertThat(side.notificationsOf("ok1")).isEmpty();
        side.store(alert("ok1", "u1", "k1", Severity.HIGH));
        assertThat(side.notificationsOf("ok1")).extracting(Notification::state).containsExactly("pending");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theDailyDigestListsYesterdaysAlertsOnceForEachDigestHookAndSubscriber(TestDatabase kind) throws Exception {
        WebhookReceiver digests = receiver();
        WebhookReceiver learner = receiver();
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Clock onYesterday = Clock.fixed(yesterday.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        Database database = open(kind);
        Side side = new Side(database, FAST, onYesterday);
        Webhooks createdYesterday = new Webhooks(database, onYesterday);
        Webhook digest = createdYesterday.create("alice", null, digests.url(), SECRET, Set.of(), Severity.MEDIUM,
                BodyFormat.LEARNPULSE, true);
        // u1 has alerts of HIGH pushed at once and asked for the daily digest in its preferences
        Webhook own = createdYesterday.create("u1", null, learner.url(), SECRET, Set.of(), Severity.HIGH,
                BodyFormat.LEARNPULSE, false);
        new PreferenceStore(database, onYesterday).save("u1", List.of(), Severity.LOW, true);
        new Silences(database, onYesterday).create("u9", null, null, yesterday.atTime(23, 0).toInstant(ZoneOffset.UTC),
                "on leave", "root");
        side.store(alert("y1", "u1", "k1", Severity.HIGH), alert("y2", "u2", "k1", Severity.LOW),
                alert("y3", "u3", "k2", Severity.HIGH), alert("y4", "u4", "k1", Severity.MEDIUM),
                alert("y5", "u1", "k1", Severity.LOW), alert("y6", "u9", "k1", Severity.HIGH));

        side.start();

        // y1 at once to u1's hook, then one digest to each hook
        await().atMost(WAIT).until(() -> side.notifications.outbox().countByState().equals(Map.of("delivered", 3L)));
        assertThat(digests.delivered()).hasSize(1);
        WebhookReceiver.Request request = digests.delivered().get(0);
        assertThat(request.event()).isEqualTo("digest");
        assertThat(request.delivery()).isEqualTo(digest.webhookId() + ":digest:" + yesterday);
        assertThat(request.verified()).isTrue();
        JsonNode body = json(request.body());
        assertThat(body.path("day").asText()).isEqualTo(yesterday.toString());
        // alice's cohort k1, MEDIUM or more, not the silenced y6
        assertThat(body.path("total").asInt()).isEqualTo(2);
        assertThat(body.path("bySeverity").path("HIGH").asInt()).isEqualTo(1);
        assertThat(body.path("alerts").findValuesAsText("alertId")).containsExactly("y1", "y4");
        assertThat(side.notificationsOf("y4")).isEmpty(); // a digest hook gets no request per alert
        assertThat(learner.delivered()).extracting(WebhookReceiver.Request::delivery)
                .containsExactlyInAnyOrder(own.webhookId() + ":y1", own.webhookId() + ":digest:" + yesterday);
        JsonNode learnerDigest = json(learner.delivered().stream().filter(r -> r.event().equals("digest"))
                .findFirst().orElseThrow().body());
        assertThat(learnerDigest.path("alerts").findValuesAsText("alertId")).containsExactly("y1", "y5");
        // another gateway, or this one restarted, enqueues the same digests: none is added twice
        Digests again = new Digests(side.store, new PreferenceStore(database, onYesterday),
                side.notifications.webhooks(), side.notifications.outbox(), new Bodies(MAPPER));
        assertThat(again.enqueue(yesterday)).isEqualTo(2);
        assertThat(side.notifications.outbox().countByState()).containsExactly(Map.entry("delivered", 3L));
        assertThat(digests.requests()).hasSize(1);
    }
}
