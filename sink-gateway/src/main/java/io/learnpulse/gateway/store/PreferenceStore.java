package io.learnpulse.gateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/** The notification preferences of each principal (table {@code preferences}), by its token's name. */
public final class PreferenceStore {

    private final Database database;
    private final Clock clock;

    public PreferenceStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The principal's saved preferences, or {@link Preferences#DEFAULTS}. */
    public Preferences of(String principal) {
        return Jdbc.query(database, "SELECT types, min_severity, daily_digest, updated_at FROM preferences "
                + "WHERE principal = ?", List.of(principal), PreferenceStore::preferences)
                .stream().findFirst().orElse(Preferences.DEFAULTS);
    }

    /** The principals that asked for the daily digest, in name order. */
    public List<String> digestSubscribers() {
        return Jdbc.query(database, "SELECT principal FROM preferences WHERE daily_digest = ? ORDER BY principal",
                List.of(true), rs -> rs.getString(1));
    }

    /** Saves the principal's preferences (replacing what it had); answers them as stored. */
    public Preferences save(String principal, List<AlertType> types, Severity minSeverity, boolean dailyDigest)
            throws SQLException {
        Preferences saved = new Preferences(types, minSeverity, dailyDigest, clock.instant().toString());
        String typeList = saved.types() == null ? null
                : saved.types().stream().map(Enum::name).collect(Collectors.joining(","));
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                Jdbc.update(connection, "DELETE FROM preferences WHERE principal = ?", principal);
                Jdbc.update(connection, "INSERT INTO preferences (principal, types, min_severity, daily_digest, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?)", principal, typeList, minSeverity.name(), dailyDigest,
                        saved.updatedAt());
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return saved;
    }

    private static Preferences preferences(ResultSet rs) throws SQLException {
        String types = rs.getString("types");
        List<AlertType> parsed = types == null ? null : types.isEmpty() ? List.of()
                : Arrays.stream(types.split(",")).filter(PreferenceStore::known).map(AlertType::valueOf).toList();
        return new Preferences(parsed, Severity.valueOf(rs.getString("min_severity")), rs.getBoolean("daily_digest"),
                rs.getString("updated_at"));
    }

    /** A type saved by a version that had it and that this one no longer has is left out, not an error. */
    private static boolean known(String type) {
        return Arrays.stream(AlertType.values()).anyMatch(t -> t.name().equals(type));
    }
}
