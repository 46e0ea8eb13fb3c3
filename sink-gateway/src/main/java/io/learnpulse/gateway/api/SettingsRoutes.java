package io.learnpulse.gateway.api;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.auth.Principal;
import io.learnpulse.gateway.settings.SettingsPublisher;
import io.learnpulse.gateway.store.SettingsChange;
import io.learnpulse.gateway.store.SettingsTrail;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.RuleSettings;
import io.learnpulse.model.SettingsOverride;
import io.learnpulse.model.SettingsOverride.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET/PUT /api/cohorts/{cohortId}/settings} and {@code GET/PUT /api/users/{userId}/settings}:
 * a cohort's or a learner's rule-settings override (docs/rules.md). {@code PUT} takes the
 * {@code rules} object, validates every key and value with the model's {@link RuleSettings} (the
 * job's own definitions), publishes the override effective now, waits for the broker's
 * acknowledgement (503 without one: nothing is recorded) and then records it in the audit trail.
 */
public final class SettingsRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsRoutes.class);

    /** One overridable setting as the dashboard shows it: its built-in default, range and meaning. */
    record Default(String key, RuleSettings.Kind kind, @JsonProperty("default")
            Object value, String range, String description) {
    }

    /** The answer: the current override (null: none), the defaults, and the trail newest first. */
    record Answer(String scope, String id, SettingsChange override, List<Default> defaults,
            List<SettingsChange> history) {
    }

    private static final List<Default> DEFAULTS = RuleSettings.all().stream()
            .map(s -> new Default(s.key(), s.kind(), s.json(s.defaultValue()), s.range(), s.description())).toList();

    private final SettingsTrail trail;
    private final SettingsPublisher publisher;
    private final AccessPolicy access;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SettingsRoutes(SettingsTrail trail, SettingsPublisher publisher, AccessPolicy access, ObjectMapper mapper,
            Clock clock) {
        this.trail = trail;
        this.publisher = publisher;
        this.access = access;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** {@code GET /api/cohorts/{cohortId}/settings} */
    public void getCohort(Context ctx) {
        get(ctx, Scope.COHORT, id(ctx, "cohortId"));
    }

    /** {@code PUT /api/cohorts/{cohortId}/settings} */
    public void putCohort(Context ctx) throws SQLException {
        put(ctx, Scope.COHORT, id(ctx, "cohortId"));
    }

    /** {@code GET /api/users/{userId}/settings} */
    public void getLearner(Context ctx) {
        get(ctx, Scope.LEARNER, id(ctx, "userId"));
    }

    /** {@code PUT /api/users/{userId}/settings} */
    public void putLearner(Context ctx) throws SQLException {
        put(ctx, Scope.LEARNER, id(ctx, "userId"));
    }

    private void get(Context ctx, Scope scope, String id) {
        access.checkCanReadSettings(Authenticator.of(ctx), scope == Scope.LEARNER, id);
        ctx.json(answer(scope, id));
    }

    private void put(Context ctx, Scope scope, String id) throws SQLException {
        Principal principal = Authenticator.of(ctx);
        access.checkCanChangeSettings(principal, scope == Scope.LEARNER, id);
        Map<String, Double> rules = rules(JsonBody.parse(ctx.bodyAsBytes(), mapper).node());
        Instant now = clock.instant();
        SettingsOverride override = new SettingsOverride(scope, id, now.toEpochMilli(), rules);
        try {
            publisher.publish(override);
        } catch (SettingsPublisher.Unavailable e) {
            LOG.warn("settings of {} not published: {}", override.key(), e.getMessage());
            throw new ApiException(503, "Kafka unavailable: the settings were not published, try again");
        }
        try {
            trail.record(new SettingsChange(scope.wireName(), id, mapper.valueToTree(RuleSettings.json(rules)),
                    now.toString(), principal.name(), now.toString()));
        } catch (SQLException e) {
            LOG.error("settings of {} by {} published (in effect) but not recorded in the trail: {}", override.key(),
                    principal.name(), JsonCodec.settingsOverride(override));
            throw e;
        }
        ctx.json(answer(scope, id));
    }

    /** The body's settings held as numbers; 400 naming every unknown key and every bad value. */
    private static Map<String, Double> rules(JsonNode body) {
        Map<String, Object> values = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            values.put(field.getKey(), value.isNumber() ? value.numberValue() : value.isTextual() ? value.asText()
                    : value);
        });
        List<RuleSettings.Problem> problems = RuleSettings.validate(values);
        if (!problems.isEmpty()) {
            throw new ApiException(400, "invalid settings: " + RuleSettings.describe(problems));
        }
        return RuleSettings.read(values);
    }

    private Answer answer(Scope scope, String id) {
        List<SettingsChange> history = trail.history(scope.wireName(), id);
        SettingsChange current = history.isEmpty() || history.get(0).rules().isEmpty() ? null : history.get(0);
        return new Answer(scope.wireName(), id, current, DEFAULTS, history);
    }

    private static String id(Context ctx, String name) {
        return QueryParams.pathId(ctx.pathParam(name), name);
    }
}
