package io.learnpulse.gateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.learnpulse.model.AlertType;

/**
 * The silences (table {@code silences}). The store checks each new alert against the silences active
 * when it stores it ({@link #active}, inside the batch's transaction); other parts of the gateway that
 * act on alerts (outgoing notifications) ask {@link #matches}. A silence expires by itself at its
 * {@code until}: nothing has to run for that, it simply stops matching.
 */
public final class Silences {

    private static final String COLUMNS = "silence_id, user_id, cohort_id, type, until, reason, created_by, "
            + "created_at, ended_by, ended_at";

    private final Database database;
    private final Clock clock;

    public Silences(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Creates a silence from now until {@code until}; at least one of userId and cohortId is given. */
    public Silence create(String userId, String cohortId, AlertType type, Instant until, String reason, String by)
            throws SQLException {
        if (userId == null && cohortId == null) {
            throw new IllegalArgumentException("a silence needs a userId or a cohortId");
        }
        Instant now = clock.instant();
        Silence silence = new Silence(UUID.randomUUID().toString(), userId, cohortId, type, until.toString(), reason,
                by, now.toString(), null, null);
        try (Connection connection = database.connection()) {
            Jdbc.update(connection, "INSERT INTO silences (" + COLUMNS + ", until_ms, created_at_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", silence.id(), userId, cohortId,
                    type == null ? null : type.name(), silence.until(), reason, by, silence.createdAt(), null, null,
                    until.toEpochMilli(), now.toEpochMilli());
        }
        return silence;
    }

    /**
     * The silences of the cohorts in {@code cohortScope} (null: all silences), newest first; with
     * {@code includeInactive} also those expired or ended.
     */
    public List<Silence> list(Set<String> cohortScope, boolean includeInactive) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM silences WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (!includeInactive) {
            sql.append(" AND ended_at IS NULL AND until_ms > ?");
            parameters.add(clock.millis());
        }
        if (cohortScope != null) {
            AlertQuery.inCohorts(sql, parameters, cohortScope);
        }
        sql.append(" ORDER BY created_at_ms DESC, silence_id");
        return Jdbc.query(database, sql.toString(), parameters, Silences::silence);
    }

    public Optional<Silence> find(String id) {
        return Jdbc.query(database, "SELECT " + COLUMNS + " FROM silences WHERE silence_id = ?", List.of(id),
                Silences::silence).stream().findFirst();
    }

    /** Ends an active silence now; false (nothing changed) when it had already expired or ended. */
    public boolean end(String id, String by) throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = database.connection()) {
            return Jdbc.update(connection, "UPDATE silences SET ended_by = ?, ended_at = ? "
                    + "WHERE silence_id = ? AND ended_at IS NULL AND until_ms > ?", by, now.toString(), id,
                    now.toEpochMilli()) == 1;
        }
    }

    /** True when a silence active at {@code now} matches the alert: it must not be notified. */
    public boolean matches(Alert alert, Instant now) {
        try (Connection connection = database.connection()) {
            return firstMatch(active(connection, now), alert, now) != null;
        } catch (SQLException e) {
            throw new AlertStore.StoreException("query failed: " + e.getMessage(), e);
        }
    }

    /** The silences active at {@code now}, read inside the caller's transaction. */
    static List<Silence> active(Connection connection, Instant now) throws SQLException {
        return Jdbc.query(connection, "SELECT " + COLUMNS + " FROM silences WHERE ended_at IS NULL AND until_ms > ?",
                List.of(now.toEpochMilli()), Silences::silence);
    }

    /** The first of {@code silences} that matches the alert at {@code now}, or null. */
    static Silence firstMatch(List<Silence> silences, Alert alert, Instant now) {
        for (Silence silence : silences) {
            if (silence.matches(alert, now)) {
                return silence;
            }
        }
        return null;
    }

    private static Silence silence(ResultSet rs) throws SQLException {
        String type = rs.getString("type");
        return new Silence(rs.getString("silence_id"), rs.getString("user_id"), rs.getString("cohort_id"),
                type == null ? null : AlertType.valueOf(type), rs.getString("until"), rs.getString("reason"),
                rs.getString("created_by"), rs.getString("created_at"), rs.getString("ended_by"),
                rs.getString("ended_at"));
    }
}
