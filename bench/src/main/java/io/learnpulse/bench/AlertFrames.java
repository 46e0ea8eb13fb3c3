package io.learnpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.model.Alert;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;

/** The alerts of the gateway's WebSocket frames, as the bench's clients receive them. */
final class AlertFrames {
    private AlertFrames() {}

    /** The alert of an alert frame ({@code {"kind":"alert","alert":{...}}}), or null for the other frames. */
    static Alert alertOf(String frame) {
        try {
            JsonNode json = JsonCodec.readObject(frame);
            return "alert".equals(json.path("kind").asText()) ? JsonCodec.readAlert(json.path("alert")) : null;
        } catch (InvalidRecordException e) {
            throw new IllegalStateException("the gateway sent an invalid frame (" + e.getMessage() + "): " + frame);
        }
    }
}
