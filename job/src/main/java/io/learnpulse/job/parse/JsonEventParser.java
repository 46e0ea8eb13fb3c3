package io.learnpulse.job.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.EventType;

/** The learnpulse event format of DESIGN §1. */
final class JsonEventParser extends EventParser {
    private static final long serialVersionUID = 1L;

    @Override
    protected ActivityEvent toEvent(JsonNode json) throws Rejection {
        ActivityEvent event = new ActivityEvent();
        event.eventId = Fields.requiredText(json, "eventId");
        event.userId = Fields.requiredText(json, "userId");
        String type = Fields.requiredText(json, "type");
        event.type = EventType.fromWireName(type);
        if (event.type == null) {
            throw new Rejection(DeadLetter.UNKNOWN_TYPE,
                    "unknown type '" + type + "' (expected assessment, activity, progress or session)");
        }
        event.timestamp = Fields.requiredInstant(json, "timestamp");
        event.courseId = Fields.optionalText(json, "courseId");
        event.cohortId = Fields.optionalText(json, "cohortId");
        event.score = event.type == EventType.ASSESSMENT
                ? Fields.requiredFraction(json.get("score"), "score", "an assessment")
                : Fields.optionalFraction(json.get("score"), "score");
        event.progress = event.type == EventType.PROGRESS
                ? Fields.requiredFraction(json.get("progress"), "progress", "a progress event")
                : Fields.optionalFraction(json.get("progress"), "progress");
        event.durationSeconds = Fields.optionalNonNegative(json.get("durationSeconds"), "durationSeconds");
        return event;
    }
}
