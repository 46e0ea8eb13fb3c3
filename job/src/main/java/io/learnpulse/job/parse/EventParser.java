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
            event.raw = raw;
            return InputRecord.of(event);
        } catch (InvalidRecordException e) {
            return InputRecord.rejected(e.reason(), e.getMessage(), raw);
        }
    }

    protected abstract ActivityEvent toEvent(JsonNode object) throws InvalidRecordException;
}
