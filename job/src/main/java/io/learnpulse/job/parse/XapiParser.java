package io.learnpulse.job.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.EventType;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonFields;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Consumer;

/** xAPI statements mapped onto learnpulse events, per the table in docs/events.md. */
final class XapiParser extends EventParser {
    private static final long serialVersionUID = 1L;
    static final String PROGRESS_EXTENSION = "https://w3id.org/xapi/cmi5/result/extensions/progress";
    private static final Set<String> SESSION_VERBS = Set.of("initialized", "launched", "terminated", "exited");
    private static final Set<String> ENROLLMENT_VERBS = Set.of("registered", "enrolled");
    private static final Set<String> WITHDRAWAL_VERBS = Set.of("unregistered", "withdrew", "dropped");

    /** An LRS export is a JSON array of statements: each element is one input of its own. */
    @Override
    public void parseNode(JsonNode node, String raw, Consumer<InputRecord> out) {
        if (node.isArray()) {
            for (JsonNode statement : node) {
                out.accept(parseObject(statement, statement.toString()));
            }
        } else {
            out.accept(parseObject(node, raw));
        }
    }

    @Override
    protected ActivityEvent toEvent(JsonNode statement) throws InvalidRecordException {
        ActivityEvent event = new ActivityEvent();
        event.eventId = JsonFields.requiredText(statement, "id");
        event.userId = learner(statement.path("actor"));
        event.timestamp = JsonFields.requiredInstant(statement, "timestamp");
        JsonNode context = statement.path("context");
        JsonNode activities = context.path("contextActivities");
        event.courseId = JsonFields.optionalText(activities.path("grouping").path(0), "id");
        if (event.courseId == null) {
            event.courseId = JsonFields.optionalText(activities.path("parent").path(0), "id");
        }
        event.cohortId = JsonFields.optionalText(context.path("team"), "name");

        JsonNode result = statement.path("result");
        String verb = verbName(statement);
        Double scaled = JsonFields.optionalNumber(result.path("score").get("scaled"), "result.score.scaled");
        Double progressPercent = JsonFields.optionalNumber(result.path("extensions").get(PROGRESS_EXTENSION),
                "result.extensions[progress]");
        if (scaled != null) {
            if (scaled < -1.0 || scaled > 1.0) {
                throw new InvalidRecordException(DeadLetter.OUT_OF_RANGE, "result.score.scaled must be in [-1, 1], was " + scaled);
            }
            event.type = EventType.ASSESSMENT;
            event.score = Math.max(0.0, scaled);
            event.assessmentId = JsonFields.optionalString(statement.path("object"), "id");
        } else if (progressPercent != null || "completed".equals(verb)) {
            event.type = EventType.PROGRESS;
            if (progressPercent != null && (progressPercent < 0.0 || progressPercent > 100.0)) {
                throw new InvalidRecordException(DeadLetter.OUT_OF_RANGE, "progress extension must be in [0, 100], was " + progressPercent);
            }
            event.progress = "completed".equals(verb) ? 1.0 : progressPercent / 100.0;
        } else if (SESSION_VERBS.contains(verb)) {
            event.type = EventType.SESSION;
        } else if (ENROLLMENT_VERBS.contains(verb) || WITHDRAWAL_VERBS.contains(verb)) {
            event.type = ENROLLMENT_VERBS.contains(verb) ? EventType.ENROLLMENT : EventType.WITHDRAWAL;
            if (event.courseId == null) {
                throw new InvalidRecordException(DeadLetter.MISSING_FIELD, "a statement with verb '" + verb
                        + "' needs its course: context.contextActivities.grouping[0].id or parent[0].id");
            }
        } else {
            event.type = EventType.ACTIVITY;
        }
        event.durationSeconds = durationSeconds(result);
        return event;
    }

    private static String learner(JsonNode actor) throws InvalidRecordException {
        String name = JsonFields.optionalText(actor.path("account"), "name");
        if (name != null && !name.isBlank()) {
            return name;
        }
        String mbox = JsonFields.optionalText(actor, "mbox");
        if (mbox != null && !mbox.isBlank()) {
            return mbox.startsWith("mailto:") ? mbox.substring("mailto:".length()) : mbox;
        }
        throw new InvalidRecordException(DeadLetter.MISSING_FIELD, "missing required field 'actor.account.name' or 'actor.mbox'");
    }

    /** The last path segment of the verb IRI ({@code .../verbs/completed} gives {@code completed}). */
    private static String verbName(JsonNode statement) throws InvalidRecordException {
        String id = JsonFields.optionalText(statement.path("verb"), "id");
        if (id == null) {
            return "";
        }
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private static Double durationSeconds(JsonNode result) throws InvalidRecordException {
        String text = JsonFields.optionalText(result, "duration");
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text).toMillis() / 1000.0;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "result.duration is not an ISO-8601 duration: " + text);
        }
    }
}
