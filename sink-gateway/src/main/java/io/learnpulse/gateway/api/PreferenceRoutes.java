package io.learnpulse.gateway.api;

import java.sql.SQLException;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.auth.Principal;
import io.learnpulse.gateway.store.PreferenceStore;
import io.learnpulse.gateway.store.Preferences;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/**
 * {@code GET/PUT /api/me/preferences}: the caller's own notification preferences, for every role
 * (they narrow what is pushed to the caller, never widen what it may see).
 */
public final class PreferenceRoutes {

    private static final Set<String> FIELDS = Set.of("types", "minSeverity", "dailyDigest");

    /** The answer: whose preferences, and the preferences. */
    record Answer(String principal, @JsonUnwrapped Preferences preferences) {
    }

    private final PreferenceStore preferences;
    private final ObjectMapper mapper;

    public PreferenceRoutes(PreferenceStore preferences, ObjectMapper mapper) {
        this.preferences = preferences;
        this.mapper = mapper;
    }

    /** {@code GET /api/me/preferences} */
    public void get(Context ctx) {
        Principal principal = Authenticator.of(ctx);
        ctx.json(new Answer(principal.name(), preferences.of(principal.name())));
    }

    /**
     * {@code PUT /api/me/preferences} with {@code {"types": [...] or null, "minSeverity": "MEDIUM",
     * "dailyDigest": true}}: replaces them all; a field left out takes its default (every type, LOW, no digest).
     */
    public void put(Context ctx) throws SQLException {
        Principal principal = Authenticator.of(ctx);
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), mapper).allowOnly(FIELDS);
        Severity minSeverity = body.oneOf("minSeverity", Severity.class);
        Preferences saved = preferences.save(principal.name(), body.listOf("types", AlertType.class),
                minSeverity == null ? Preferences.DEFAULTS.minSeverity() : minSeverity,
                body.bool("dailyDigest", Preferences.DEFAULTS.dailyDigest()));
        ctx.json(new Answer(principal.name(), saved));
    }
}
