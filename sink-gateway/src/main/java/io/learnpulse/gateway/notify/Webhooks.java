package io.learnpulse.gateway.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.Database;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/** The table of configured webhooks (migration V6). */
public final class Webhooks {

    static final String COLUMNS = "webhook_id, owner, cohort_id, url, secret, types, min_severity, body_format, "
            + "digest, created_at";

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
        try (Connection connection = database.connection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO webhooks (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, hook.webhookId());
            insert.setString(2, hook.owner());
            if (cohortId == null) {
                insert.setNull(3, Types.VARCHAR);
            } else {
                insert.setString(3, cohortId);
            }
            insert.setString(4, url);
            insert.setString(5, secret);
            if (types.isEmpty()) {
                insert.setNull(6, Types.VARCHAR);
            } else {
                insert.setString(6, new TreeSet<>(types.stream().map(Enum::name).toList()).stream()
                        .collect(Collectors.joining(",")));
            }
            insert.setString(7, minSeverity.name());
            insert.setString(8, format.name());
            insert.setInt(9, digest ? 1 : 0);
            insert.setString(10, hook.createdAt());
            insert.executeUpdate();
        }
        return hook;
    }

    /** Every webhook, oldest first. */
    public List<Webhook> all() {
        try (Connection connection = database.connection()) {
            return all(connection);
        } catch (SQLException e) {
            throw new AlertStore.StoreException("cannot read the webhooks: " + e.getMessage(), e);
        }
    }

    public Optional<Webhook> find(String webhookId) {
        return all().stream().filter(hook -> hook.webhookId().equals(webhookId)).findFirst();
    }

    /** Deletes the webhook and its notifications (sent or not) in one transaction. */
    public void delete(String webhookId) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                for (String table : List.of("notifications", "webhooks")) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM " + table + " WHERE webhook_id = ?")) {
                        delete.setString(1, webhookId);
                        delete.executeUpdate();
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Every webhook as seen by {@code connection}'s transaction, oldest first. */
    static List<Webhook> all(Connection connection) throws SQLException {
        List<Webhook> hooks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM webhooks ORDER BY created_at, webhook_id");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                hooks.add(read(rs));
            }
        }
        return hooks;
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
