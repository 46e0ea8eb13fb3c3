package io.learnpulse.analysis.oulad;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The JSON of an {@code enrollment} or {@code withdrawal} event (DESIGN §1), written here only
 * until the model's EventType has these two types: they come together with the job's handling of
 * them (issue 10 item 1), and then this is {@code JsonCodec.event} like every other event.
 */
final class LifecycleEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LifecycleEvents() {}

    static String json(String eventId, String userId, String courseId, String type, Instant at) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("eventId", eventId);
        json.put("userId", userId);
        json.put("courseId", courseId);
        json.put("cohortId", courseId);
        json.put("type", type);
        json.put("timestamp", at.toString());
        return json.toString();
    }
}
