package io.learnpulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The course calendar (docs/events.md), the outcomes (docs/cli.md) and an event's assessmentId in JSON. */
class CalendarAndOutcomeJsonTest {
    private static final long DUE = Instant.parse("2026-11-24T23:59:59Z").toEpochMilli();
    private static final long START = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();

    @Test
    void calendarItemsRoundTripAndLeaveTheirAbsentFieldsOut() throws Exception {
        CalendarItem item = new CalendarItem("AAA-2013J", "1753", DUE);
        item.title = "TMA 2";
        item.weight = 20.0;
        String json = JsonCodec.calendarItem(item);
        assertThat(json).isEqualTo("{\"courseId\":\"AAA-2013J\",\"assessmentId\":\"1753\","
                + "\"dueAt\":\"2026-11-24T23:59:59Z\",\"title\":\"TMA 2\",\"weight\":20.0}");
        assertThat(JsonCodec.readCalendarItem(json)).isEqualTo(item);
        assertThat(item.key()).isEqualTo("AAA-2013J/1753");
    }

    @Test
    void aDeletionNeedsNoDueAt() throws Exception {
        CalendarItem deletion = JsonCodec.readCalendarItem("{\"courseId\":\"c\",\"assessmentId\":\"a\",\"deleted\":true}");
        assertThat(deletion.deleted).isTrue();
        assertThat(deletion.dueAt).isNull();
        assertThat(JsonCodec.calendarItem(deletion)).isEqualTo("{\"courseId\":\"c\",\"assessmentId\":\"a\",\"deleted\":true}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'assessmentId':'a','dueAt':'T'}                           | missing_field | 'courseId'",
        "{'courseId':'c','dueAt':'T'}                               | missing_field | 'assessmentId'",
        "{'courseId':'c','assessmentId':7,'dueAt':'T'}              | invalid_value | 'assessmentId' must be a string",
        "{'courseId':'c','assessmentId':'a'}                        | missing_field | 'dueAt'",
        "{'courseId':'c','assessmentId':'a','deleted':false}        | missing_field | 'dueAt'",
        "{'courseId':'c','assessmentId':'a','dueAt':'Tuesday'}      | bad_timestamp | 'dueAt'",
        "{'courseId':'c','assessmentId':'a','dueAt':'T','weight':101} | out_of_range | 'weight' must be in [0, 100]",
        "{'courseId':'c','assessmentId':'a','dueAt':'T','deleted':'yes'} | invalid_value | 'deleted' must be true or false",
    })
    void invalidCalendarItemsAreRefusedWithTheirReason(String json, String reason, String detail) {
        String record = json.replace('\'', '"').replace("\"T\"", "\"2026-11-24T23:59:59Z\"");
        assertThatThrownBy(() -> JsonCodec.readCalendarItem(record))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(detail);
                });
    }

    @Test
    void outcomesRoundTripWithAnExplicitNullWithdrawal() throws Exception {
        Outcome outcome = new Outcome("AAA-2013J-11391", START, Outcome.Result.PASS);
        outcome.courseId = "AAA-2013J";
        outcome.cohortId = "AAA-2013J";
        String json = JsonCodec.outcome(outcome);
        assertThat(json).isEqualTo("{\"userId\":\"AAA-2013J-11391\",\"courseId\":\"AAA-2013J\",\"cohortId\":\"AAA-2013J\","
                + "\"start\":\"2026-10-01T00:00:00Z\",\"outcome\":\"pass\",\"withdrawnAt\":null}");
        assertThat(JsonCodec.readOutcome(json)).isEqualTo(outcome);
        outcome.outcome = Outcome.Result.WITHDRAWN;
        outcome.withdrawnAt = DUE;
        outcome.end = DUE + 1;
        assertThat(JsonCodec.readOutcome(JsonCodec.outcome(outcome))).isEqualTo(outcome);
    }

    @Test
    void anUnknownOutcomeIsRefused() {
        assertThatThrownBy(() -> JsonCodec.readOutcome("{\"userId\":\"u\",\"start\":\"2026-10-01T00:00:00Z\","
                + "\"outcome\":\"Pass\"}"))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeadLetter.INVALID_VALUE);
                    assertThat(e.getMessage()).contains("unknown outcome 'Pass'");
                });
    }

    @Test
    void anAssessmentCarriesItsAssessmentId() throws Exception {
        ActivityEvent event = new ActivityEvent("e1", "u1", EventType.ASSESSMENT, DUE);
        event.courseId = "c1";
        event.score = 0.7;
        event.assessmentId = "1753";
        String json = JsonCodec.event(event);
        assertThat(json).endsWith("\"score\":0.7,\"assessmentId\":\"1753\"}");
        assertThat(JsonCodec.readEvent(json)).isEqualTo(event);
        assertThat(event.copy()).isEqualTo(event);
    }

    @Test
    void aNonStringAssessmentIdIsRefused() {
        assertThatThrownBy(() -> JsonCodec.readEvent("{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"assessment\","
                + "\"timestamp\":\"2026-11-24T10:15:00Z\",\"score\":0.5,\"assessmentId\":3}"))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeadLetter.INVALID_VALUE);
                    assertThat(e.getMessage()).contains("'assessmentId' must be a string");
                });
    }
}
