package io.learnpulse.gateway.live;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.DailyFigures;

/** The WebSocket text frames of docs/http-api.md: one JSON object each, told apart by {@code kind}. */
final class Frames {

    private final ObjectMapper mapper;
    private final String heartbeat;

    Frames(ObjectMapper mapper) {
        this.mapper = mapper;
        this.heartbeat = write(Map.of("kind", "heartbeat"));
    }

    String alert(Alert alert) {
        return frame("alert", alert);
    }

    String figures(DailyFigures figures) {
        return frame("metrics", figures);
    }

    /** Tells a client that asked for a replay too long to send that it must reload the history over REST. */
    String reload(String reason) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("kind", "reload");
        frame.put("reason", reason);
        return write(frame);
    }

    String heartbeat() {
        return heartbeat;
    }

    private String frame(String kind, Object payload) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("kind", kind);
        frame.put(kind, payload);
        return write(frame);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a frame", e);
        }
    }
}
