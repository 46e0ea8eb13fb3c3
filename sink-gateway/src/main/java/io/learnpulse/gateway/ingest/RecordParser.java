package io.learnpulse.gateway.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.DailyFigures;
import io.learnpulse.gateway.store.RiskScore;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.JsonFields;
import io.learnpulse.model.LearnerRisk;
import io.learnpulse.model.RiskFactor;
import io.learnpulse.model.Severity;

/**
 * Turns the job's JSON records into {@link Alert}s and {@link DailyFigures}, and the course calendar's
 * into {@link CalendarItem}s, checked with the wire
 * model's field rules ({@link JsonFields}); anything invalid is an {@link InvalidRecordException}
 * with its dead-letter reason. The gateway keeps more of a record than the model's reader would: an
 * alert's {@code metrics} as the job's JSON object, whatever its fields, and times as ISO text.
 */
final class RecordParser {

    private static final int MAX_ID_LENGTH = Alert.MAX_ID_LENGTH;
    private static final int DAY_LENGTH = "2026-11-24".length();

    private RecordParser() {
    }

    static Alert alert(byte[] value) throws InvalidRecordException {
        JsonNode node = JsonCodec.readObject(value);
        String eventTime = iso(JsonFields.requiredInstant(node, "eventTime"));
        String detectedAt = node.hasNonNull("detectedAt") ? iso(JsonFields.requiredInstant(node, "detectedAt")) : null;
        AlertType type = JsonFields.requiredConstant(node, "type", AlertType.class, DeadLetter.UNKNOWN_TYPE);
        Severity severity = JsonFields.requiredConstant(node, "severity", Severity.class, DeadLetter.INVALID_VALUE);
        AlertStatus status = JsonFields.optionalConstant(node, "status", AlertStatus.class, AlertStatus.OPEN);
        JsonNode metrics = node.get("metrics");
        if (metrics == null || metrics.isNull()) {
            metrics = JsonNodeFactory.instance.objectNode();
        } else if (!metrics.isObject()) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "field 'metrics' must be an object");
        }
        Alert alert = new Alert(id(JsonFields.requiredString(node, "alertId"), "alertId"),
                id(JsonFields.requiredString(node, "userId"), "userId"),
                id(JsonFields.optionalString(node, "courseId"), "courseId"),
                id(JsonFields.optionalString(node, "cohortId"), "cohortId"), type, severity, eventTime, detectedAt,
                status, metrics, text(JsonFields.optionalString(node, "message"), "message"),
                text(JsonFields.optionalString(node, "recommendation"), "recommendation"));
        id(alert.assessmentId(), "metrics.assessmentId"); // a column of its own, like the ids
        return alert;
    }

    static DailyFigures dailyFigures(byte[] value) throws InvalidRecordException {
        JsonNode node = JsonCodec.readObject(value);
        String day = JsonFields.requiredDate(node, "day");
        if (day.length() != DAY_LENGTH) {
            // LocalDate also reads years past 9999 ("+10000-01-01"), longer than the day column
            throw new InvalidRecordException(DeadLetter.OUT_OF_RANGE, "field 'day' must be a day of the years 0000 to 9999");
        }
        return new DailyFigures(id(JsonFields.requiredString(node, "userId"), "userId"),
                id(JsonFields.optionalString(node, "courseId"), "courseId"),
                id(JsonFields.optionalString(node, "cohortId"), "cohortId"), day, JsonFields.count(node, "events"),
                JsonFields.count(node, "assessments"), JsonFields.optionalNumber(node.get("meanScore"), "meanScore"),
                JsonFields.optionalNumber(node.get("progress"), "progress"),
                JsonFields.optionalNumber(node.get("consistency7d"), "consistency7d"));
    }

    /**
     * A course-calendar record, read by the model's reader (docs/events.md), with the store's bounds on its
     * ids and text.
     */
    static CalendarItem calendarItem(byte[] value) throws InvalidRecordException {
        CalendarItem item = JsonCodec.readCalendarItem(JsonCodec.readObject(value));
        id(item.courseId, "courseId");
        id(item.assessmentId, "assessmentId");
        text(item.title, "title");
        return item;
    }

    /**
     * A learner-risk record (docs/alerts.md), read by the model's reader, with the store's bounds on its ids and
     * the scoring moment as ISO text.
     */
    static RiskScore learnerRisk(byte[] value) throws InvalidRecordException {
        LearnerRisk risk = JsonCodec.readLearnerRisk(JsonCodec.readObject(value));
        List<RiskScore.Factor> factors = new ArrayList<>();
        for (RiskFactor factor : risk.factors) {
            factors.add(new RiskScore.Factor(id(factor.name, "factors.name"), factor.value, factor.contribution));
        }
        return new RiskScore(id(risk.userId, "userId"), id(risk.courseId, "courseId"), id(risk.cohortId, "cohortId"),
                iso(risk.at), risk.risk, risk.band, id(risk.modelVersion, "modelVersion"), factors);
    }

    /**
     * An id as the store keeps it: 1 to 256 characters (the REST parameters have the same bound), no
     * control character (PostgreSQL refuses a NUL in text; ids end up in URLs, keys and log lines).
     */
    private static String id(String value, String field) throws InvalidRecordException {
        if (value != null && (value.isEmpty() || value.length() > MAX_ID_LENGTH)) {
            throw new InvalidRecordException(DeadLetter.OUT_OF_RANGE,
                    "field '" + field + "' must have 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "field '" + field + "' holds a control character");
        }
        return value;
    }

    /** Free text (a message) may hold newlines, but not a NUL, which PostgreSQL cannot store in text. */
    private static String text(String value, String field) throws InvalidRecordException {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "field '" + field + "' holds a NUL character");
        }
        return value;
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
