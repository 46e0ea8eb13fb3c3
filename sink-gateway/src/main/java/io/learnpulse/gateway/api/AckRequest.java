package io.learnpulse.gateway.api;

import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.store.Acknowledgement;

/** The body of {@code POST /api/alerts/{alertId}/ack}: {@code {"note": "...", "reason": "useful"}}, both optional. */
record AckRequest(String note, String reason) {

    static final int MAX_NOTE_LENGTH = 2000;

    static AckRequest parse(byte[] body, ObjectMapper mapper) {
        JsonBody json = JsonBody.parse(body, mapper);
        String note = json.text("note", MAX_NOTE_LENGTH);
        String reason = json.text("reason", Integer.MAX_VALUE);
        if (reason != null && !Acknowledgement.REASONS.contains(reason)) {
            throw JsonBody.field("reason", "must be one of " + new TreeSet<>(Acknowledgement.REASONS));
        }
        return new AckRequest(note, reason);
    }
}
