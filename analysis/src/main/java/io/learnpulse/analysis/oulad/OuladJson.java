package io.learnpulse.analysis.oulad;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;

/** TEMPORARY until the model codec lands. */
final class OuladJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    static String event(OuladEvent e) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("eventId", e.eventId());
        json.put("userId", e.userId());
        json.put("courseId", e.course().courseId());
        json.put("cohortId", e.course().courseId());
        json.put("type", e.type());
        json.put("timestamp", e.timestamp().toString());
        if (e.score() != null) {
            json.put("score", e.score());
            json.put("assessmentId", e.assessmentId());
        }
        return write(json);
    }

    static String calendarItem(CalendarLine c) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("courseId", c.courseId());
        json.put("assessmentId", c.assessmentId());
        json.put("dueAt", c.dueAt().toString());
        json.put("title", c.title());
        json.put("weight", c.weight());
        return write(json);
    }

    static String outcome(OutcomeLine o) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("userId", o.userId());
        json.put("courseId", o.course().courseId());
        json.put("cohortId", o.course().courseId());
        json.put("start", o.course().start().toString());
        json.put("end", o.course().end().toString());
        json.put("outcome", o.outcome());
        json.putPOJO("withdrawnAt", o.withdrawnAt() == null ? null : o.withdrawnAt().toString());
        return write(json);
    }

    private static String write(ObjectNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

record OuladEvent(String eventId, String userId, Presentation course, String type, Instant timestamp,
        Double score, String assessmentId) {}

record CalendarLine(String courseId, String assessmentId, Instant dueAt, String title, Double weight) {}

record OutcomeLine(String userId, Presentation course, String outcome, Instant withdrawnAt) {}
