package io.learnpulse.job.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;

/** The learnpulse event format of docs/events.md, read by the model's codec. */
final class JsonEventParser extends EventParser {
    private static final long serialVersionUID = 1L;

    @Override
    protected ActivityEvent toEvent(JsonNode json) throws InvalidRecordException {
        return JsonCodec.readEvent(json);
    }
}
