package io.learnpulse.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The JSON wire form of the job's outputs (DESIGN §2): one object per Kafka record or file line. */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private JsonCodec() {}

    public static String alert(Alert a) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("alertId", a.alertId);
        json.put("userId", a.userId);
        json.put("courseId", a.courseId);
        json.put("cohortId", a.cohortId);
        json.put("type", a.type.name());
        json.put("severity", a.severity.name());
        json.put("eventTime", Instant.ofEpochMilli(a.eventTime).toString());
        json.put("detectedAt", Instant.ofEpochMilli(a.detectedAt).toString());
        json.put("status", a.status == null ? null : a.status.name());
        json.set("metrics", MAPPER.valueToTree(a.metrics));
        json.put("message", a.message);
        json.put("recommendation", a.recommendation);
        return write(json);
    }

    public static String dailyFigures(DailyFigures f) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("userId", f.userId);
        json.put("courseId", f.courseId);
        json.put("cohortId", f.cohortId);
        json.put("day", f.day);
        json.put("events", f.events);
        json.put("assessments", f.assessments);
        json.put("meanScore", f.meanScore);
        json.put("progress", f.progress);
        json.put("consistency7d", f.consistency7d);
        return write(json);
    }

    /** An event in the input format of DESIGN §1. */
    public static String event(ActivityEvent e) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("eventId", e.eventId);
        json.put("userId", e.userId);
        json.put("courseId", e.courseId);
        json.put("cohortId", e.cohortId);
        json.put("type", e.type.wireName());
        json.put("timestamp", Instant.ofEpochMilli(e.timestamp).toString());
        json.put("score", e.score);
        json.put("progress", e.progress);
        json.put("durationSeconds", e.durationSeconds);
        return write(json);
    }

    public static String deadLetter(DeadLetter d) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("reason", d.reason);
        json.put("detail", d.detail);
        json.put("raw", d.raw);
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
