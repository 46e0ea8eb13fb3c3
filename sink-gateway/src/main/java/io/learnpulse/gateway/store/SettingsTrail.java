package io.learnpulse.gateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit trail of the rule settings changed through the gateway (table {@code settings_changes}):
 * written once the broker acknowledged an override, so it lists exactly what was published; its
 * latest entry for a scope and id is that scope's current override.
 */
public final class SettingsTrail {

    /** Entries answered at most, newest first: a trail of years of weekly changes. */
    static final int MAX_ENTRIES = 200;

    private final Database database;
    private final ObjectMapper mapper;

    public SettingsTrail(Database database, ObjectMapper mapper) {
        this.database = database;
        this.mapper = mapper;
    }

    /** Records that {@code change} was published. */
    public void record(SettingsChange change) throws SQLException {
        try (Connection connection = database.connection()) {
            Jdbc.update(connection, "INSERT INTO settings_changes (change_id, scope, target_id, changed_at_ms, "
                    + "changed_by, changed_at, effective_from, rules) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID().toString(), change.scope(), change.id(),
                    Instant.parse(change.changedAt()).toEpochMilli(), change.changedBy(), change.changedAt(),
                    change.effectiveFrom(), change.rules().toString());
        }
    }

    /** The changes of one scope and id, newest first (at most {@link #MAX_ENTRIES}). */
    public List<SettingsChange> history(String scope, String id) {
        return Jdbc.query(database, "SELECT scope, target_id, rules, effective_from, changed_by, changed_at "
                + "FROM settings_changes WHERE scope = ? AND target_id = ? "
                + "ORDER BY changed_at_ms DESC, change_id DESC LIMIT ?", List.of(scope, id, MAX_ENTRIES), this::change);
    }

    private SettingsChange change(ResultSet rs) throws SQLException {
        try {
            return new SettingsChange(rs.getString("scope"), rs.getString("target_id"),
                    mapper.readTree(rs.getString("rules")), rs.getString("effective_from"), rs.getString("changed_by"),
                    rs.getString("changed_at"));
        } catch (JsonProcessingException e) {
            throw new SQLException("stored settings are not JSON", e);
        }
    }
}
