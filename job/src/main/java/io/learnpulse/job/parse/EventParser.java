package io.learnpulse.job.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * Turns one raw input (a Kafka record value or a line of a file) into input records. Never throws:
 * whatever cannot be used becomes a rejection carrying the raw text and a reason.
 */
public abstract class EventParser implements Serializable {
    private static final long serialVersionUID = 1L;

    public static EventParser forFormat(InputFormat format) {
        return format == InputFormat.XAPI ? new XapiParser() : new JsonEventParser();
    }

    /** Parses one raw input, which may hold several events (an xAPI array). */
    public void parse(String raw, Consumer<InputRecord> out) {
        JsonNode node;
        try {
            node = JsonCodec.readTree(raw);
        } catch (InvalidRecordException e) {
            out.accept(InputRecord.rejected(e.reason(), e.getMessage(), raw));
            return;
        }
        parseNode(node, raw, out);
    }

    /** Parses an already-read JSON value whose text is {@code raw}. */
    public void parseNode(JsonNode node, String raw, Consumer<InputRecord> out) {
        out.accept(parseObject(node, raw));
    }

    /** One JSON value that should be one event. */
    protected InputRecord parseObject(JsonNode node, String raw) {
        if (!node.isObject()) {
            return InputRecord.rejected(DeadLetter.MALFORMED_JSON, "not a JSON object", raw);
        }
        try {
            ActivityEvent event = toEvent(node);
            checkIds(event);
            event.raw = raw;
            return InputRecord.of(event);
        } catch (InvalidRecordException e) {
            return InputRecord.rejected(e.reason(), e.getMessage(), raw);
        }
    }

    protected abstract ActivityEvent toEvent(JsonNode object) throws InvalidRecordException;

    /**
     * Ids travel on into alerts, keys and the gateway's database, where a NUL or another control character
     * breaks things (PostgreSQL refuses 0x00 in text), so such an event is dead-lettered here.
     */
    private static void checkIds(ActivityEvent event) throws InvalidRecordException {
        checkId("eventId", event.eventId);
        checkId("userId", event.userId);
        checkId("courseId", event.courseId);
        checkId("cohortId", event.cohortId);
        checkId("assessmentId", event.assessmentId);
    }

    private static void checkId(String field, String value) throws InvalidRecordException {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "field '" + field + "' holds a control character");
        }
    }
}
