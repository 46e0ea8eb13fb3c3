package io.learnpulse.gateway.api;

import java.io.IOException;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.store.Acknowledgement;

/** The body of {@code POST /api/alerts/{alertId}/ack}: {@code {"note": "...", "reason": "useful"}}, both optional. */
record AckRequest(String note, String reason) {

    static final int MAX_NOTE_LENGTH = 2000;

    static AckRequest parse(byte[] body, ObjectMapper mapper) {
        if (body.length == 0) {
            return new AckRequest(null, null);
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "invalid body: not JSON");
        }
        if (node == null || node.isNull()) {
            return new AckRequest(null, null);
        }
        if (!node.isObject()) {
            throw new ApiException(400, "invalid body: not a JSON object");
        }
        String note = field(node, "note");
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            throw new ApiException(400, "invalid field note: longer than " + MAX_NOTE_LENGTH + " characters");
        }
        String reason = field(node, "reason");
        if (reason != null && !Acknowledgement.REASONS.contains(reason)) {
            throw new ApiException(400, "invalid field reason: must be one of " + new TreeSet<>(Acknowledgement.REASONS));
        }
        return new AckRequest(note, reason);
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiException(400, "invalid field " + name + ": not a string");
        }
        return value.asText();
    }
}
