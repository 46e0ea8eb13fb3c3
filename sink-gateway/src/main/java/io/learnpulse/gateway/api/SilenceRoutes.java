package io.learnpulse.gateway.api;

import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.auth.Principal;
import io.learnpulse.gateway.store.Page;
import io.learnpulse.gateway.store.Silence;
import io.learnpulse.gateway.store.Silences;
import io.learnpulse.model.AlertType;

/** {@code POST /api/silences}, {@code GET /api/silences}, {@code DELETE /api/silences/{id}}. */
public final class SilenceRoutes {

    private static final Set<String> FIELDS = Set.of("userId", "cohortId", "type", "until", "reason");
    static final int MAX_REASON_LENGTH = 2000;

    /** A silence as the API answers it: with whether it is active now. */
    record Answer(@JsonUnwrapped Silence silence, boolean active) {
    }

    private final Silences silences;
    private final AccessPolicy access;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SilenceRoutes(Silences silences, AccessPolicy access, ObjectMapper mapper, Clock clock) {
        this.silences = silences;
        this.access = access;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * {@code POST /api/silences} with {@code {"userId", "cohortId", "type", "until", "reason"}}: userId
     * and/or cohortId, until an instant in the future; answers 201 and the silence.
     */
    public void create(Context ctx) throws SQLException {
        Principal principal = Authenticator.of(ctx);
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), mapper).allowOnly(FIELDS);
        String userId = body.text("userId", QueryParams.MAX_TEXT_LENGTH);
        String cohortId = body.text("cohortId", QueryParams.MAX_TEXT_LENGTH);
        AlertType type = body.oneOf("type", AlertType.class);
        String reason = body.text("reason", MAX_REASON_LENGTH);
        Instant until = until(body.text("until", QueryParams.MAX_TEXT_LENGTH));
        if (userId == null && cohortId == null) {
            throw new ApiException(400, "invalid body: give userId, cohortId or both");
        }
        access.checkCanSilence(principal, cohortId);
        Silence silence = silences.create(userId, cohortId, type, until, reason, principal.name());
        ctx.status(201).json(answer(silence));
    }

    /** {@code GET /api/silences?state=active|all}: newest first; by default the active ones only. */
    public void list(Context ctx) {
        Set<String> scope = access.silenceScope(Authenticator.of(ctx));
        String state = new QueryParams(ctx::queryParams).text("state");
        if (state != null && !state.equals("active") && !state.equals("all")) {
            throw ApiException.badParameter("state", "must be active or all");
        }
        ctx.json(new Page<>(silences.list(scope, "all".equals(state)).stream().map(this::answer).toList(), null));
    }

    /** {@code DELETE /api/silences/{id}}: ends the silence now (one already over stays as it was); answers it. */
    public void delete(Context ctx) throws SQLException {
        Principal principal = Authenticator.of(ctx);
        access.silenceScope(principal);
        String id = ctx.pathParam("id");
        Silence silence = silences.find(id).orElseThrow(() -> ApiException.notFound("silence " + id));
        access.checkCanSilence(principal, silence.cohortId());
        silences.end(id, principal.name());
        ctx.json(answer(silences.find(id).orElseThrow()));
    }

    private Answer answer(Silence silence) {
        return new Answer(silence, silence.isActiveAt(clock.instant()));
    }

    private Instant until(String text) {
        if (text == null) {
            throw JsonBody.field("until", "required (an ISO-8601 instant)");
        }
        Instant until;
        try {
            until = Instant.parse(text);
        } catch (DateTimeException e) {
            throw JsonBody.field("until", "not an ISO-8601 instant");
        }
        if (!until.isAfter(clock.instant())) {
            throw JsonBody.field("until", "not in the future");
        }
        return until;
    }
}
