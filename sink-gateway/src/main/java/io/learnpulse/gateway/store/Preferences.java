package io.learnpulse.gateway.store;

import java.util.List;

import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/**
 * A principal's notification preferences: which alerts are pushed live to its dashboards (the others
 * stay in the history, and in {@code GET /api/alerts}), and whether it gets the daily digest.
 *
 * @param types the types pushed live, in the order of {@link AlertType}; null for every type (also those a
 *        later version adds)
 * @param minSeverity the least severity pushed live
 * @param updatedAt when they were saved, null for the defaults
 */
public record Preferences(List<AlertType> types, Severity minSeverity, boolean dailyDigest, String updatedAt) {

    /** What a principal that saved nothing has: every type, every severity, no digest. */
    public static final Preferences DEFAULTS = new Preferences(null, Severity.LOW, false, null);

    public Preferences {
        types = types == null ? null : types.stream().distinct().sorted().toList();
    }

    /** True when the alert is pushed live to this principal (Severity lists HIGH first). */
    public boolean pushes(Alert alert) {
        return (types == null || types.contains(alert.type())) && alert.severity().compareTo(minSeverity) <= 0;
    }
}
