package io.learnpulse.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.DailyFigures;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.InvalidRecordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing the job's records, and rejecting the ones that are not valid. */
class RecordParserTest {

    @Test
    void parsesAnAlertWithNullCohortAndNestedMetrics() throws Exception {
        Alert alert = RecordParser.alert(bytes("{\"alertId\":\"5f0c\",\"userId\":\"u1\",\"courseId\":null,"
                + "\"type\":\"CONSECUTIVE_LOW_SCORES\",\"severity\":\"HIGH\",\"eventTime\":\"2026-11-24T10:15:00Z\","
                + "\"detectedAt\":\"2026-11-24T10:15:01.123Z\",\"status\":\"OPEN\","
                + "\"metrics\":{\"scores\":[0.5,0.4,0.3],\"threshold\":0.6},\"message\":\"m\",\"recommendation\":\"r\"}"));
        assertThat(alert.alertId()).isEqualTo("5f0c");
        assertThat(alert.cohortId()).isNull();
        assertThat(alert.courseId()).isNull();
        assertThat(alert.metrics().path("threshold").asDouble()).isEqualTo(0.6);
        assertThat(alert.eventTimeMillis()).isEqualTo(java.time.Instant.parse("2026-11-24T10:15:00Z").toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "[1,2]",
        "{\"userId\":\"u1\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\"}",
        "{\"alertId\":\"a\",\"userId\":\"u1\",\"type\":\"NOPE\",\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\"}",
        "{\"alertId\":\"a\",\"userId\":\"u1\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"URGENT\",\"eventTime\":\"2026-11-24T10:15:00Z\"}",
        "{\"alertId\":\"a\",\"userId\":\"u1\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"LOW\",\"eventTime\":\"yesterday\"}",
        "{\"alertId\":\"a\",\"userId\":\"u1\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\",\"metrics\":[1]}",
        "{\"alertId\":\"\",\"userId\":\"u1\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\"}",
        "{\"alertId\":7,\"userId\":\"u1\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\"}",
        // values a database cannot hold (issue 11, defect 1): refused here, before they stall a batch
        "{\"alertId\":\"a\",\"userId\":\"u1\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"LOW\",\"eventTime\":\"+300000000-01-01T00:00:00Z\"}",
        "{\"alertId\":\"a\\u0000\",\"userId\":\"u1\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\"}",
        "{\"alertId\":\"a\",\"userId\":\"u\\u00001\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\"}",
        "{\"alertId\":\"a\",\"userId\":\"u1\\n\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\"}",
        "{\"alertId\":\"a\",\"userId\":\"u1\",\"courseId\":\"c\\u0000\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\"}",
        "{\"alertId\":\"a\",\"userId\":\"u1\",\"cohortId\":\"k\\u0000\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\"}",
        "{\"alertId\":\"a\",\"userId\":\"u1\",\"type\":\"HIGH_PERFORMANCE\",\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\",\"message\":\"m\\u0000\"}",
        // the calendar item of a missed deadline is a column too
        "{\"alertId\":\"a\",\"userId\":\"u1\",\"type\":\"MISSED_DEADLINE\",\"severity\":\"HIGH\",\"eventTime\":\"2026-11-24T10:15:00Z\",\"metrics\":{\"assessmentId\":\"A\\u0000\"}}"
    })
    void rejectsInvalidAlerts(String value) {
        assertThatThrownBy(() -> RecordParser.alert(bytes(value))).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void anUnknownTypeCarriesItsDeadLetterReason() {
        assertThatThrownBy(() -> RecordParser.alert(bytes("{\"alertId\":\"a\",\"userId\":\"u1\",\"type\":\"NOPE\","
                + "\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\"}")))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeadLetter.UNKNOWN_TYPE);
                    assertThat(e.getMessage()).contains("NOPE");
                });
    }

    @Test
    void aMissedDeadlineIsKnownWithItsCalendarItem() throws Exception {
        Alert alert = RecordParser.alert(bytes("{\"alertId\":\"a\",\"userId\":\"u1\",\"courseId\":\"c1\","
                + "\"type\":\"MISSED_DEADLINE\",\"severity\":\"HIGH\",\"eventTime\":\"2026-11-25T23:59:00Z\","
                + "\"metrics\":{\"assessmentId\":\"TMA 2\",\"title\":\"Assignment 2\",\"dueAt\":\"2026-11-24T23:59:00Z\","
                + "\"graceHours\":24.0,\"missedInCourse\":1}}"));
        assertThat(alert.type()).isEqualTo(AlertType.MISSED_DEADLINE);
        assertThat(alert.assessmentId()).isEqualTo("TMA 2");
    }

    @Test
    void aCalendarItemIsReadWithTheStoresBounds() throws Exception {
        CalendarItem item = RecordParser.calendarItem(bytes("{\"courseId\":\"c1\",\"assessmentId\":\"A1\","
                + "\"dueAt\":\"2026-11-24T23:59:00+01:00\",\"title\":\"Assignment 1\"}"));
        assertThat(item.key()).isEqualTo("c1/A1");
        assertThat(item.dueAt).isEqualTo(java.time.Instant.parse("2026-11-24T22:59:00Z").toEpochMilli());
        assertThat(RecordParser.calendarItem(bytes("{\"courseId\":\"c1\",\"assessmentId\":\"A1\",\"deleted\":true}"))
                .deleted).isTrue();
        for (String invalid : new String[] {"{\"courseId\":\"c1\",\"assessmentId\":\"A1\"}",
            "{\"courseId\":\"c1\",\"assessmentId\":\"" + "a".repeat(257) + "\",\"dueAt\":\"2026-11-24T23:59:00Z\"}",
            "{\"courseId\":\"c1\",\"assessmentId\":\"A1\",\"dueAt\":\"2026-11-24T23:59:00Z\",\"title\":\"t\\u0000\"}"}) {
            assertThatThrownBy(() -> RecordParser.calendarItem(bytes(invalid))).as(invalid)
                    .isInstanceOf(InvalidRecordException.class);
        }
        assertThatThrownBy(() -> RecordParser.calendarItem(null)).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void rejectsAMissingValue() {
        assertThatThrownBy(() -> RecordParser.alert(null)).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void aMessageMayHoldNewlines() throws Exception {
        Alert alert = RecordParser.alert(bytes("{\"alertId\":\"a\",\"userId\":\"u1\",\"type\":\"HIGH_PERFORMANCE\","
                + "\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T10:15:00Z\",\"message\":\"two\\nlines\"}"));
        assertThat(alert.message()).isEqualTo("two\nlines");
    }

    @Test
    void parsesDailyFiguresWithNulls() throws Exception {
        DailyFigures figures = RecordParser.dailyFigures(bytes("{\"userId\":\"u1\",\"courseId\":\"c1\",\"cohortId\":\"k1\","
                + "\"day\":\"2026-11-24\",\"events\":12,\"assessments\":3,\"meanScore\":null,\"progress\":0.4,"
                + "\"consistency7d\":0.43}"));
        assertThat(figures).isEqualTo(new DailyFigures("u1", "c1", "k1", "2026-11-24", 12, 3, null, 0.4, 0.43));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"userId\":\"u1\",\"day\":\"24/11/2026\",\"events\":1}",
        "{\"day\":\"2026-11-24\",\"events\":1}",
        "{\"userId\":\"u1\",\"day\":\"2026-11-24\",\"events\":-1}",
        "{\"userId\":\"u1\",\"day\":\"2026-11-24\",\"events\":1.5}",
        "{\"userId\":\"u1\",\"day\":\"2026-11-24\",\"events\":1,\"meanScore\":\"high\"}",
        "{\"userId\":\"u1\",\"day\":\"+10000-01-01\",\"events\":1}",
        "{\"userId\":\"u\\u00001\",\"day\":\"2026-11-24\",\"events\":1}"
    })
    void rejectsInvalidDailyFigures(String value) {
        assertThatThrownBy(() -> RecordParser.dailyFigures(bytes(value))).isInstanceOf(InvalidRecordException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
