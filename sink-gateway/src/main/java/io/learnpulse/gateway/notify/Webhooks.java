package io.learnpulse.gateway.notify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.learnpulse.gateway.store.Database;
import io.learnpulse.gateway.store.Jdbc;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/** The table of configured webhooks (migration V6). */
public final class Webhooks {

    static final String COLUMNS = "webhook_id, owner, cohort_id, url, secret, types, min_severity, body_format, "
            + "digest, created_at";
    private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM webhooks ORDER BY created_at, webhook_id";

    private final Database database;
    private final Clock clock;

    public Webhooks(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Stores a new webhook of {@code owner} and answers it with its new id. */
    public Webhook create(String owner, String cohortId, String url, String secret, Set<AlertType> types,
            Severity minSeverity, BodyFormat format, boolean digest) throws SQLException {
        Webhook hook = new Webhook(UUID.randomUUID().toString(), owner, cohortId, url, secret, types, minSeverity,
                format, digest, clock.instant().toString());
        String typeList = types.isEmpty() ? null
                : types.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        try (Connection connection = database.connection()) {
            Jdbc.update(connection, "INSERT INTO webhooks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    hook.webhookId(), owner, cohortId, url, secret, typeList, minSeverity.name(), format.name(),
                    digest ? 1 : 0, hook.createdAt());
        }
        return hook;
    }

    /** Every webhook, oldest first. */
    public List<Webhook> all() {
        return Jdbc.query(database, SELECT_ALL, List.of(), Webhooks::read);
    }

    public Optional<Webhook> find(String webhookId) {
        return all().stream().filter(hook -> hook.webhookId().equals(webhookId)).findFirst();
    }

    /** Deletes the webhook and its notifications (sent or not) in one transaction. */
    public void delete(String webhookId) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                Jdbc.update(connection, "DELETE FROM notifications WHERE webhook_id = ?", webhookId);
                Jdbc.update(connection, "DELETE FROM webhooks WHERE webhook_id = ?", webhookId);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Every webhook as seen by {@code connection}'s transaction, oldest first. */
    static List<Webhook> all(Connection connection) throws SQLException {
        return Jdbc.query(connection, SELECT_ALL, List.of(), Webhooks::read);
    }

    /** The webhook of a row that has {@link #COLUMNS}. */
    static Webhook read(ResultSet rs) throws SQLException {
        String types = rs.getString("types");
        Set<AlertType> parsed = EnumSet.noneOf(AlertType.class);
        if (types != null) {
            Arrays.stream(types.split(",")).map(AlertType::valueOf).forEach(parsed::add);
        }
        return new Webhook(rs.getString("webhook_id"), rs.getString("owner"), rs.getString("cohort_id"),
                rs.getString("url"), rs.getString("secret"), parsed, Severity.valueOf(rs.getString("min_severity")),
                BodyFormat.valueOf(rs.getString("body_format")), rs.getInt("digest") == 1, rs.getString("created_at"));
    }
}
