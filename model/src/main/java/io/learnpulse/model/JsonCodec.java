package io.learnpulse.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON wire form of learnpulse's records (docs/events.md and docs/alerts.md): one object per Kafka record or file
 * line. Writing and reading live here together, so a field is added in one place.
 *
 * <p>Written as today's consumers expect: an alert's, daily figures' and dead letter's absent
 * fields are written as JSON null, an alert's {@code metrics} leave out the figures its rule does
 * not use, and an event leaves out its absent optional fields (as in the input format). Times are
 * ISO-8601 instants, event types their wire names, alert types, severities and statuses their names.
 *
 * <p>Reading validates: whatever is not a valid record throws an {@link InvalidRecordException}
 * with a dead-letter reason and a sentence saying what is wrong; nothing is dropped silently.
 * Fields the model does not know are ignored, so an older reader accepts a newer writer's records.
 */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonCodec() {}

    public static String alert(Alert a) {
        return written(g -> {
            g.writeStringField("alertId", a.alertId);
            g.writeStringField("userId", a.userId);
            g.writeStringField("courseId", a.courseId);
            g.writeStringField("cohortId", a.cohortId);
            g.writeStringField("type", a.type.name());
            g.writeStringField("severity", a.severity.name());
            g.writeStringField("eventTime", Instant.ofEpochMilli(a.eventTime).toString());
            g.writeStringField("detectedAt", Instant.ofEpochMilli(a.detectedAt).toString());
            g.writeStringField("status", a.status == null ? null : a.status.name());
            g.writeFieldName("metrics");
            MAPPER.writeValue(g, a.metrics);
            g.writeStringField("message", a.message);
            g.writeStringField("recommendation", a.recommendation);
        });
    }

    public static String dailyFigures(DailyFigures f) {
        return written(g -> {
            g.writeStringField("userId", f.userId);
            g.writeStringField("courseId", f.courseId);
            g.writeStringField("cohortId", f.cohortId);
            g.writeStringField("day", f.day);
            g.writeNumberField("events", f.events);
            g.writeNumberField("assessments", f.assessments);
            number(g, "meanScore", f.meanScore);
            number(g, "progress", f.progress);
            g.writeNumberField("consistency7d", f.consistency7d);
        });
    }

    /** A learner's risk score (docs/alerts.md); {@code cohortId} and a factor's undefined value are written as null. */
    public static String learnerRisk(LearnerRisk r) {
        return written(g -> {
            g.writeStringField("userId", r.userId);
            g.writeStringField("courseId", r.courseId);
            g.writeStringField("cohortId", r.cohortId);
            g.writeStringField("at", Instant.ofEpochMilli(r.at).toString());
            g.writeNumberField("risk", r.risk);
            g.writeStringField("band", r.band);
            g.writeStringField("modelVersion", r.modelVersion);
            g.writeArrayFieldStart("factors");
            for (RiskFactor f : r.factors) {
                g.writeStartObject();
                g.writeStringField("name", f.name);
                number(g, "value", f.value);
                g.writeNumberField("contribution", f.contribution);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** An event in the input format of docs/events.md (without its raw text). */
    public static String event(ActivityEvent e) {
        return written(g -> {
            g.writeStringField("eventId", e.eventId);
            g.writeStringField("userId", e.userId);
            stringIfPresent(g, "courseId", e.courseId);
            stringIfPresent(g, "cohortId", e.cohortId);
            g.writeStringField("type", e.type.wireName());
            g.writeStringField("timestamp", Instant.ofEpochMilli(e.timestamp).toString());
            numberIfPresent(g, "score", e.score);
            numberIfPresent(g, "progress", e.progress);
            numberIfPresent(g, "durationSeconds", e.durationSeconds);
            stringIfPresent(g, "assessmentId", e.assessmentId);
        });
    }

    /** A course-calendar item (docs/events.md); absent title and weight are left out, deleted only when true. */
    public static String calendarItem(CalendarItem c) {
        return written(g -> {
            g.writeStringField("courseId", c.courseId);
            g.writeStringField("assessmentId", c.assessmentId);
            if (c.dueAt != null) {
                g.writeStringField("dueAt", Instant.ofEpochMilli(c.dueAt).toString());
            }
            stringIfPresent(g, "title", c.title);
            numberIfPresent(g, "weight", c.weight);
            if (c.deleted) {
                g.writeBooleanField("deleted", true);
            }
        });
    }

    /**
     * A settings override (docs/events.md): {@code scope} as its wire name, {@code effectiveFrom} an
     * ISO instant, {@code rules} in their JSON form ({@link RuleSettings#json}), durations as in the
     * README's option tables ({@code "5 d"}).
     */
    public static String settingsOverride(SettingsOverride o) {
        return written(g -> {
            g.writeStringField("scope", o.scope.wireName());
            g.writeStringField("id", o.id);
            g.writeStringField("effectiveFrom", Instant.ofEpochMilli(o.effectiveFrom).toString());
            g.writeFieldName("rules");
            MAPPER.writeValue(g, RuleSettings.json(o.rules));
        });
    }

    /** A learner's outcome (docs/cli.md); {@code withdrawnAt} is always written, null if none. */
    public static String outcome(Outcome o) {
        return written(g -> {
            g.writeStringField("userId", o.userId);
            g.writeStringField("courseId", o.courseId);
            g.writeStringField("cohortId", o.cohortId);
            g.writeStringField("start", Instant.ofEpochMilli(o.start).toString());
            if (o.end != null) {
                g.writeStringField("end", Instant.ofEpochMilli(o.end).toString());
            }
            g.writeStringField("outcome", o.outcome.wireName());
            g.writeStringField("withdrawnAt", o.withdrawnAt == null ? null : Instant.ofEpochMilli(o.withdrawnAt).toString());
        });
    }

    public static String deadLetter(DeadLetter d) {
        return written(g -> {
            g.writeStringField("reason", d.reason);
            g.writeStringField("detail", d.detail);
            g.writeStringField("raw", d.raw);
        });
    }

    public static Alert readAlert(String json) throws InvalidRecordException {
        return readAlert(readObject(json));
    }

    /**
     * An alert from its JSON object. Required: {@code alertId}, {@code userId}, {@code type},
     * {@code severity}, {@code eventTime}, {@code detectedAt}; an absent {@code status} is
     * {@code OPEN}; absent {@code metrics} are null.
     */
    public static Alert readAlert(JsonNode json) throws InvalidRecordException {
        Alert a = new Alert();
        a.alertId = JsonFields.requiredString(json, "alertId");
        a.userId = JsonFields.requiredString(json, "userId");
        a.courseId = JsonFields.optionalString(json, "courseId");
        a.cohortId = JsonFields.optionalString(json, "cohortId");
        a.type = JsonFields.requiredConstant(json, "type", AlertType.class, DeadLetter.UNKNOWN_TYPE);
        a.severity = JsonFields.requiredConstant(json, "severity", Severity.class, DeadLetter.INVALID_VALUE);
        a.eventTime = JsonFields.requiredInstant(json, "eventTime");
        a.detectedAt = JsonFields.requiredInstant(json, "detectedAt");
        a.status = JsonFields.optionalConstant(json, "status", AlertStatus.class, AlertStatus.OPEN);
        a.metrics = metrics(json.get("metrics"));
        a.message = JsonFields.optionalString(json, "message");
        a.recommendation = JsonFields.optionalString(json, "recommendation");
        return a;
    }

    public static DailyFigures readDailyFigures(String json) throws InvalidRecordException {
        return readDailyFigures(readObject(json));
    }

    /** Daily figures from their JSON object; absent counts are 0, absent mean score and progress null. */
    public static DailyFigures readDailyFigures(JsonNode json) throws InvalidRecordException {
        DailyFigures f = new DailyFigures();
        f.userId = JsonFields.requiredString(json, "userId");
        f.courseId = JsonFields.optionalString(json, "courseId");
        f.cohortId = JsonFields.optionalString(json, "cohortId");
        f.day = JsonFields.requiredDate(json, "day");
        f.events = JsonFields.count(json, "events");
        f.assessments = JsonFields.count(json, "assessments");
        f.meanScore = JsonFields.optionalNumber(json.get("meanScore"), "meanScore");
        f.progress = JsonFields.optionalNumber(json.get("progress"), "progress");
        f.consistency7d = JsonFields.requiredNumber(json, "consistency7d");
        return f;
    }

    public static ActivityEvent readEvent(String json) throws InvalidRecordException {
        return readEvent(readObject(json));
    }

    /**
     * An event from its JSON object in the input format of docs/events.md, validated as the job accepts
     * it: ids may be numbers (taken as their text), scores and progress are fractions, required for
     * assessments and progress events; an enrollment or withdrawal needs its {@code courseId}; an
     * {@code assessmentId} must be a string. Its {@code raw} is left to the caller.
     */
    public static ActivityEvent readEvent(JsonNode json) throws InvalidRecordException {
        ActivityEvent event = new ActivityEvent();
        event.eventId = JsonFields.requiredText(json, "eventId");
        event.userId = JsonFields.requiredText(json, "userId");
        String type = JsonFields.requiredText(json, "type");
        event.type = EventType.fromWireName(type);
        if (event.type == null) {
            throw new InvalidRecordException(DeadLetter.UNKNOWN_TYPE,
                    "unknown type '" + type + "' (expected " + EventType.wireNames() + ")");
        }
        event.timestamp = JsonFields.requiredInstant(json, "timestamp");
        event.courseId = JsonFields.optionalText(json, "courseId");
        if (!event.type.isActivity() && event.courseId == null) {
            throw new InvalidRecordException(DeadLetter.MISSING_FIELD, "missing field 'courseId' required for "
                    + (event.type == EventType.ENROLLMENT ? "an enrollment" : "a withdrawal"));
        }
        event.cohortId = JsonFields.optionalText(json, "cohortId");
        event.score = event.type == EventType.ASSESSMENT
                ? JsonFields.requiredFraction(json.get("score"), "score", "an assessment")
                : JsonFields.optionalFraction(json.get("score"), "score");
        event.progress = event.type == EventType.PROGRESS
                ? JsonFields.requiredFraction(json.get("progress"), "progress", "a progress event")
                : JsonFields.optionalFraction(json.get("progress"), "progress");
        event.durationSeconds = JsonFields.optionalNonNegative(json.get("durationSeconds"), "durationSeconds");
        event.assessmentId = JsonFields.optionalString(json, "assessmentId");
        return event;
    }

    public static LearnerRisk readLearnerRisk(String json) throws InvalidRecordException {
        return readLearnerRisk(readObject(json));
    }

    /**
     * A learner's risk score: {@code userId}, {@code courseId}, {@code at}, {@code modelVersion}
     * required; {@code risk} in [0, 1]; {@code band} {@code low}, {@code medium} or {@code high};
     * {@code factors} an array (absent: none) of objects with a {@code name}, a {@code value} number
     * or null and a {@code contribution} number.
     */
    public static LearnerRisk readLearnerRisk(JsonNode json) throws InvalidRecordException {
        LearnerRisk r = new LearnerRisk();
        r.userId = JsonFields.requiredString(json, "userId");
        r.courseId = JsonFields.requiredString(json, "courseId");
        r.cohortId = JsonFields.optionalString(json, "cohortId");
        r.at = JsonFields.requiredInstant(json, "at");
        r.risk = JsonFields.requiredFraction(json.get("risk"), "risk", "a risk score");
        r.band = JsonFields.requiredString(json, "band");
        if (!LearnerRisk.BANDS.contains(r.band)) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE,
                    "unknown band '" + r.band + "' (expected low, medium or high)");
        }
        r.modelVersion = JsonFields.requiredString(json, "modelVersion");
        JsonNode factors = json.get("factors");
        if (factors != null && !factors.isNull()) {
            if (!factors.isArray()) {
                throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "field 'factors' must be an array");
            }
            for (JsonNode factor : factors) {
                if (!factor.isObject()) {
                    throw new InvalidRecordException(DeadLetter.INVALID_VALUE,
                            "field 'factors' must hold objects {\"name\", \"value\", \"contribution\"}");
                }
                r.factors.add(new RiskFactor(JsonFields.requiredString(factor, "name"),
                        JsonFields.optionalNumber(factor.get("value"), "value"),
                        JsonFields.requiredNumber(factor, "contribution")));
            }
        }
        return r;
    }

    public static CalendarItem readCalendarItem(String json) throws InvalidRecordException {
        return readCalendarItem(readObject(json));
    }

    /**
     * A course-calendar item: {@code courseId} and {@code assessmentId} strings, {@code dueAt}
     * required but on a deletion, {@code weight} in [0, 100].
     */
    public static CalendarItem readCalendarItem(JsonNode json) throws InvalidRecordException {
        CalendarItem item = new CalendarItem();
        item.courseId = JsonFields.requiredString(json, "courseId");
        item.assessmentId = JsonFields.requiredString(json, "assessmentId");
        item.deleted = JsonFields.optionalBoolean(json, "deleted");
        item.dueAt = item.deleted ? JsonFields.optionalInstant(json, "dueAt")
                : Long.valueOf(JsonFields.requiredInstant(json, "dueAt"));
        item.title = JsonFields.optionalString(json, "title");
        item.weight = JsonFields.optionalNumber(json.get("weight"), "weight");
        if (item.weight != null && (item.weight < 0 || item.weight > 100)) {
            throw new InvalidRecordException(DeadLetter.OUT_OF_RANGE, "field 'weight' must be in [0, 100], was "
                    + item.weight);
        }
        return item;
    }

    public static SettingsOverride readSettingsOverride(String json) throws InvalidRecordException {
        return readSettingsOverride(readObject(json));
    }

    /**
     * A settings override: {@code scope} {@code cohort} or {@code learner}, {@code id} a string,
     * {@code effectiveFrom} an ISO-8601 instant with a zone, {@code rules} an object whose every key
     * and value {@link RuleSettings#validate} accepts (the first problem gives the reason, the detail
     * names them all).
     */
    public static SettingsOverride readSettingsOverride(JsonNode json) throws InvalidRecordException {
        SettingsOverride o = new SettingsOverride();
        String scope = JsonFields.requiredString(json, "scope");
        o.scope = SCOPES.get(scope);
        if (o.scope == null) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE,
                    "unknown scope '" + scope + "' (expected cohort or learner)");
        }
        o.id = JsonFields.requiredString(json, "id");
        o.effectiveFrom = JsonFields.requiredInstant(json, "effectiveFrom");
        JsonNode rules = json.get("rules");
        if (rules == null || rules.isNull()) {
            throw new InvalidRecordException(DeadLetter.MISSING_FIELD,
                    "missing required field 'rules' (an empty object removes the override)");
        }
        if (!rules.isObject()) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "field 'rules' must be an object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        rules.fields().forEachRemaining(field -> values.put(field.getKey(), jsonValue(field.getValue())));
        List<RuleSettings.Problem> problems = RuleSettings.validate(values);
        if (!problems.isEmpty()) {
            throw new InvalidRecordException(problems.get(0).reason(), RuleSettings.describe(problems));
        }
        o.rules = RuleSettings.read(values);
        return o;
    }

    private static final Map<String, SettingsOverride.Scope> SCOPES = Map.of(
            SettingsOverride.Scope.COHORT.wireName(), SettingsOverride.Scope.COHORT,
            SettingsOverride.Scope.LEARNER.wireName(), SettingsOverride.Scope.LEARNER);

    /** A JSON value as {@link RuleSettings} takes it: numbers and strings as Java's, anything else as its node. */
    private static Object jsonValue(JsonNode value) {
        if (value.isNumber()) {
            return value.numberValue();
        }
        return value.isTextual() ? value.asText() : value;
    }

    public static Outcome readOutcome(String json) throws InvalidRecordException {
        return readOutcome(readObject(json));
    }

    /**
     * A learner's outcome: {@code userId}, {@code start} and {@code outcome} ({@code pass},
     * {@code distinction}, {@code fail} or {@code withdrawn}) required; {@code end} and
     * {@code withdrawnAt} instants or null.
     */
    public static Outcome readOutcome(JsonNode json) throws InvalidRecordException {
        Outcome o = new Outcome();
        o.userId = JsonFields.requiredString(json, "userId");
        o.courseId = JsonFields.optionalString(json, "courseId");
        o.cohortId = JsonFields.optionalString(json, "cohortId");
        o.start = JsonFields.requiredInstant(json, "start");
        o.end = JsonFields.optionalInstant(json, "end");
        String result = JsonFields.requiredString(json, "outcome");
        o.outcome = Outcome.Result.fromWireName(result);
        if (o.outcome == null) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE,
                    "unknown outcome '" + result + "' (expected pass, distinction, fail or withdrawn)");
        }
        o.withdrawnAt = JsonFields.optionalInstant(json, "withdrawnAt");
        return o;
    }

    public static DeadLetter readDeadLetter(String json) throws InvalidRecordException {
        JsonNode node = readObject(json);
        return new DeadLetter(JsonFields.requiredString(node, "reason"), JsonFields.optionalString(node, "detail"),
                JsonFields.optionalString(node, "raw"));
    }

    /** Any JSON value; malformed or empty input is {@link DeadLetter#MALFORMED_JSON}. */
    public static JsonNode readTree(String json) throws InvalidRecordException {
        if (json == null) {
            throw emptyInput();
        }
        try {
            return present(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(DeadLetter.MALFORMED_JSON, e.getOriginalMessage());
        }
    }

    /** A JSON object, for readers that keep a part of it as it is (say, an alert's metrics). */
    public static JsonNode readObject(String json) throws InvalidRecordException {
        return object(readTree(json));
    }

    public static JsonNode readObject(byte[] json) throws InvalidRecordException {
        if (json == null) {
            throw emptyInput();
        }
        try {
            return object(present(MAPPER.readTree(json)));
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(DeadLetter.MALFORMED_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does no I/O
        }
    }

    /** A streaming parser with the codec's configuration, for input too large to read whole (an LRS export). */
    public static JsonParser parser(Reader text) throws IOException {
        return MAPPER.createParser(text);
    }

    /**
     * The learner a raw input names, for keying it: the {@code userId} of a JSON object when it is
     * a non-empty string, else null. Never throws, as the input may be anything. Streams over the
     * object instead of building its tree: producers key every record with it.
     */
    public static String userIdOf(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try (JsonParser json = MAPPER.createParser(raw)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String userId = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                boolean isUserId = "userId".equals(json.currentName());
                JsonToken value = json.nextToken();
                if (isUserId) {
                    // the last one counts, as when the object is read whole
                    userId = value == JsonToken.VALUE_STRING ? json.getText() : null;
                } else {
                    json.skipChildren();
                }
            }
            return userId == null || userId.isEmpty() ? null : userId;
        } catch (IOException e) {
            return null; // not JSON
        }
    }

    private static AlertMetrics metrics(JsonNode json) throws InvalidRecordException {
        if (json == null || json.isNull()) {
            return null;
        }
        if (!json.isObject()) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "field 'metrics' must be an object");
        }
        try {
            return MAPPER.treeToValue(json, AlertMetrics.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "field 'metrics': " + e.getOriginalMessage());
        }
    }

    private static JsonNode present(JsonNode node) throws InvalidRecordException {
        if (node == null || node.isMissingNode()) {
            throw emptyInput();
        }
        return node;
    }

    private static JsonNode object(JsonNode node) throws InvalidRecordException {
        if (!node.isObject()) {
            throw new InvalidRecordException(DeadLetter.MALFORMED_JSON, "not a JSON object");
        }
        return node;
    }

    private static InvalidRecordException emptyInput() {
        return new InvalidRecordException(DeadLetter.MALFORMED_JSON, "empty input");
    }

    /** The fields of one JSON object, written in order. */
    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * One JSON object, written field by field straight to text: the job writes one per record it
     * outputs (daily figures, risk scores, alerts), and building a tree of nodes first cost about
     * half of that (bench/results/profile.md). A string field that is null is written as null.
     */
    private static String written(Fields fields) {
        SegmentedStringWriter text = new SegmentedStringWriter(MAPPER.getFactory()._getBufferRecycler());
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(text)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
            g.flush();
            return text.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number field that is written as null when absent. */
    private static void number(JsonGenerator g, String field, Double value) throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void numberIfPresent(JsonGenerator g, String field, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }

    private static void stringIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }
}
