package io.learnpulse.gateway.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.auth.Principal;
import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.AlertQuery;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.Database;
import io.learnpulse.gateway.store.Jdbc;
import io.learnpulse.gateway.store.StoredAlert;
import io.learnpulse.model.AlertStatus;

/**
 * The durable outbox of notifications (table {@code notifications}, migration V6). The notifications of
 * new alerts are enqueued inside the transaction that stores the alerts ({@link AlertStore.InTransaction}):
 * committed together or not at all, so a crash loses none, and an alert read again after a crash is not
 * new and enqueues nothing. One row per (webhook, subject) keeps a notification single.
 *
 * <p>A worker claims due rows by moving their {@code next_attempt_ms} a lease ahead under a fresh claim
 * token, in one short transaction: on PostgreSQL with {@code FOR UPDATE SKIP LOCKED}, so two gateways on
 * one database never claim the same row; on SQLite the write transaction itself is exclusive. A worker
 * that dies mid-delivery leaves its rows to be claimed again once the lease has passed.
 */
public final class Outbox implements AlertStore.InTransaction {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String GIVEN_UP = "given_up";

    private final Database database;
    private final Bodies bodies;
    private final Function<String, Optional<Principal>> principals;
    private final Clock clock;
    private volatile Boolean postgres;

    /** {@code principals}: the principal of an owner's name, as the tokens configure it (none: its hooks get nothing). */
    public Outbox(Database database, Bodies bodies, Function<String, Optional<Principal>> principals, Clock clock) {
        this.database = database;
        this.bodies = bodies;
        this.principals = principals;
        this.clock = clock;
    }

    @Override
    public void newAlerts(Connection connection, List<StoredAlert> alerts) throws SQLException {
        List<Webhook> hooks = Webhooks.all(connection).stream().filter(hook -> !hook.digest()).toList();
        if (hooks.isEmpty()) {
            return;
        }
        Map<String, Optional<AlertQuery>> scopes = new TreeMap<>();
        Instant now = clock.instant();
        for (StoredAlert stored : alerts) {
            Alert alert = stored.alert();
            if (alert.status() == AlertStatus.SILENCED) { // stored and kept, but silenced alerts are not sent
                continue;
            }
            for (Webhook hook : hooks) {
                Optional<AlertQuery> scope = scopes.computeIfAbsent(hook.webhookId(), id -> scope(hook));
                if (hook.wants(alert) && scope.isPresent() && scope.get().matches(alert)) {
                    insert(connection, hook, alert.alertId(), "alert", alert.alertId(), bodies.alert(hook, alert), now);
                }
            }
        }
    }

    /** Enqueues a digest of {@code hook} unless it is already in the outbox (several gateways, a restart). */
    void enqueueDigest(Webhook hook, String subject, String body) throws SQLException {
        try (Connection connection = database.connection()) {
            insert(connection, hook, subject, "digest", null, body, clock.instant());
        }
    }

    /** The alerts the hook may receive: a cohort's, or those within its owner's role; empty when the owner is gone. */
    Optional<AlertQuery> scope(Webhook hook) {
        if (hook.cohortId() != null) {
            return Optional.of(new AlertQuery(null, hook.cohortId(), null, null, null, null, null, null));
        }
        return principals.apply(hook.owner()).map(AccessPolicy::roleScope);
    }

    private static void insert(Connection connection, Webhook hook, String subject, String kind, String alertId,
            String body, Instant now) throws SQLException {
        Jdbc.update(connection, "INSERT INTO notifications (webhook_id, subject, kind, alert_id, body, state, attempts, "
                + "next_attempt_ms, created_at, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?) "
                + "ON CONFLICT (webhook_id, subject) DO NOTHING", hook.webhookId(), subject, kind, alertId, body, PENDING,
                now.toEpochMilli(), now.toString(), now.toEpochMilli());
    }

    /** Claims up to {@code max} due notifications for {@code lease}: no other worker takes them meanwhile. */
    List<Delivery> claim(int max, Duration lease) throws SQLException {
        long now = clock.millis();
        String token = UUID.randomUUID().toString();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                List<Delivery> claimed = Jdbc.query(connection, "SELECT n.webhook_id, n.subject, n.kind, w.url, "
                        + "w.secret, n.body, n.attempts, n.created_at_ms FROM notifications n JOIN webhooks w "
                        + "ON w.webhook_id = n.webhook_id WHERE n.state = ? AND n.next_attempt_ms <= ? "
                        + "ORDER BY n.next_attempt_ms LIMIT ?" + (isPostgres(connection) ? " FOR UPDATE OF n SKIP LOCKED" : ""),
                        List.of(PENDING, now, max), rs -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getLong(8), token));
                for (Delivery delivery : claimed) {
                    Jdbc.update(connection, "UPDATE notifications SET next_attempt_ms = ?, claim_token = ? "
                            + "WHERE webhook_id = ? AND subject = ?", now + lease.toMillis(), token, delivery.webhookId(),
                            delivery.subject());
                }
                connection.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Records an acknowledged delivery (2xx): the notification is never sent again. */
    boolean delivered(Delivery delivery, int status) throws SQLException {
        return record(delivery, DELIVERED, status, null, clock.millis(), clock.instant().toString());
    }

    /** Records a failed attempt: due again at {@code nextAttemptMillis}, or given up when that is null. */
    boolean failed(Delivery delivery, Integer status, String error, Long nextAttemptMillis) throws SQLException {
        return nextAttemptMillis == null
                ? record(delivery, GIVEN_UP, status, error, clock.millis(), null)
                : record(delivery, PENDING, status, error, nextAttemptMillis, null);
    }

    private boolean record(Delivery delivery, String state, Integer status, String error, long nextAttemptMillis,
            String deliveredAt) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement update = connection.prepareStatement("UPDATE notifications SET state = ?, "
                        + "attempts = attempts + 1, last_status = ?, last_error = ?, next_attempt_ms = ?, "
                        + "delivered_at = ?, claim_token = NULL WHERE webhook_id = ? AND subject = ? AND claim_token = ?")) {
            update.setString(1, state);
            if (status == null) {
                update.setNull(2, Types.INTEGER);
            } else {
                update.setInt(2, status);
            }
            update.setString(3, error);
            update.setLong(4, nextAttemptMillis);
            update.setString(5, deliveredAt);
            update.setString(6, delivery.webhookId());
            update.setString(7, delivery.subject());
            update.setString(8, delivery.claimToken());
            return update.executeUpdate() == 1;
        }
    }

    /** The notifications of an alert that the principal may see (those of the webhooks it may see). */
    public List<Notification> notificationsOf(String alertId, Principal principal) {
        return Jdbc.query(database, "SELECT " + prefixed() + ", n.kind, n.state, n.attempts, n.last_status, "
                + "n.last_error, n.next_attempt_ms, n.delivered_at FROM notifications n JOIN webhooks w "
                + "ON w.webhook_id = n.webhook_id WHERE n.alert_id = ? ORDER BY w.created_at, w.webhook_id",
                List.of(alertId), rs -> {
                    Webhook hook = Webhooks.read(rs);
                    String state = rs.getString("state");
                    int lastStatus = rs.getInt("last_status");
                    Integer status = rs.wasNull() ? null : lastStatus;
                    String next = PENDING.equals(state)
                            ? Instant.ofEpochMilli(rs.getLong("next_attempt_ms")).toString() : null;
                    Notification notification = new Notification(hook.webhookId(), rs.getString("kind"), state,
                            rs.getInt("attempts"), status, rs.getString("last_error"), next, rs.getString("delivered_at"));
                    return WebhookAccess.canSee(principal, hook) ? notification : null;
                }).stream().filter(Objects::nonNull).toList();
    }

    /** How many notifications are in each state (for /metrics). */
    Map<String, Long> countByState() {
        Map<String, Long> counts = new TreeMap<>();
        Jdbc.query(database, "SELECT state, COUNT(*) FROM notifications GROUP BY state", List.of(),
                rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    private static String prefixed() {
        return "w." + Webhooks.COLUMNS.replace(", ", ", w.");
    }

    private boolean isPostgres(Connection connection) throws SQLException {
        if (postgres == null) {
            postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
        return postgres;
    }
}
