package io.learnpulse.job.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.records.InputRecord;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The learnpulse JSON event format (docs/events.md): every field, and a dead-letter reason per defect. */
class EventParserTest {
    private static final EventParser PARSER = EventParser.forFormat(InputFormat.JSONL);

    static List<InputRecord> parse(EventParser parser, String raw) {
        List<InputRecord> out = new ArrayList<>();
        parser.parse(raw, out::add);
        return out;
    }

    @Test
    void parsesEveryField() {
        String raw = "{\"eventId\":\"e1\",\"userId\":\"u1\",\"courseId\":\"c1\",\"cohortId\":\"k1\",\"type\":\"assessment\","
                + "\"timestamp\":\"2026-11-24T10:15:00+01:00\",\"score\":0.6,\"durationSeconds\":42}";
        List<InputRecord> records = parse(PARSER, raw);
        assertThat(records).hasSize(1);
        ActivityEvent e = records.get(0).event;
        assertThat(e.eventId).isEqualTo("e1");
        assertThat(e.userId).isEqualTo("u1");
        assertThat(e.courseId).isEqualTo("c1");
        assertThat(e.cohortId).isEqualTo("k1");
        assertThat(e.type).isEqualTo(EventType.ASSESSMENT);
        assertThat(e.timestamp).isEqualTo(Instant.parse("2026-11-24T09:15:00Z").toEpochMilli());
        assertThat(e.score).isEqualTo(0.6);
        assertThat(e.durationSeconds).isEqualTo(42.0);
        assertThat(e.raw).isEqualTo(raw);
    }

    @Test
    void enrollmentsWithdrawalsAndAssessmentIds() {
        ActivityEvent enrollment = parse(PARSER, "{\"eventId\":\"e1\",\"userId\":\"u1\",\"courseId\":\"c1\","
                + "\"type\":\"enrollment\",\"timestamp\":\"2026-11-24T10:15:00Z\"}").get(0).event;
        assertThat(enrollment.type).isEqualTo(EventType.ENROLLMENT);
        assertThat(enrollment.type.isActivity()).isFalse();
        ActivityEvent withdrawal = parse(PARSER, "{\"eventId\":\"e2\",\"userId\":\"u1\",\"courseId\":\"c1\","
                + "\"type\":\"withdrawal\",\"timestamp\":\"2026-11-24T10:15:00Z\"}").get(0).event;
        assertThat(withdrawal.type).isEqualTo(EventType.WITHDRAWAL);
        assertThat(withdrawal.type.isActivity()).isFalse();
        ActivityEvent submission = parse(PARSER, "{\"eventId\":\"e3\",\"userId\":\"u1\",\"courseId\":\"c1\","
                + "\"type\":\"assessment\",\"timestamp\":\"2026-11-24T10:15:00Z\",\"score\":0.5,"
                + "\"assessmentId\":\"TMA-2\"}").get(0).event;
        assertThat(submission.assessmentId).isEqualTo("TMA-2");
        assertThat(submission.type.isActivity()).isTrue();
    }

    @Test
    void optionalFieldsMayBeAbsentOrNull() {
        ActivityEvent e = parse(PARSER, "{\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"session\","
                + "\"timestamp\":\"2026-11-24T10:15:00Z\",\"courseId\":null}").get(0).event;
        assertThat(e.courseId).isNull();
        assertThat(e.cohortId).isNull();
        assertThat(e.score).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{not json                                                                                         | malformed_json",
        "[1, 2]                                                                                            | malformed_json",
        "{\"userId\":\"u\",\"type\":\"activity\",\"timestamp\":\"2026-11-24T10:15:00Z\"}                      | missing_field",
        "{\"eventId\":\"e\",\"type\":\"activity\",\"timestamp\":\"2026-11-24T10:15:00Z\"}                     | missing_field",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"timestamp\":\"2026-11-24T10:15:00Z\"}                          | missing_field",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"activity\"}                                           | missing_field",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"assessment\",\"timestamp\":\"2026-11-24T10:15:00Z\"}  | missing_field",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"progress\",\"timestamp\":\"2026-11-24T10:15:00Z\"}    | missing_field",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"quiz\",\"timestamp\":\"2026-11-24T10:15:00Z\"}        | unknown_type",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"activity\",\"timestamp\":\"2026-11-24T10:15:00\"}     | bad_timestamp",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"activity\",\"timestamp\":\"yesterday\"}               | bad_timestamp",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"activity\",\"timestamp\":1764000000000}                | bad_timestamp",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"assessment\",\"timestamp\":\"2026-11-24T10:15:00Z\",\"score\":1.2}   | out_of_range",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"assessment\",\"timestamp\":\"2026-11-24T10:15:00Z\",\"score\":-0.1}  | out_of_range",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"progress\",\"timestamp\":\"2026-11-24T10:15:00Z\",\"progress\":2}    | out_of_range",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"activity\",\"timestamp\":\"2026-11-24T10:15:00Z\",\"durationSeconds\":-5} | out_of_range",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"assessment\",\"timestamp\":\"2026-11-24T10:15:00Z\",\"score\":\"high\"} | invalid_value",
        "{\"eventId\":{\"a\":1},\"userId\":\"u\",\"type\":\"activity\",\"timestamp\":\"2026-11-24T10:15:00Z\"} | invalid_value",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"enrollment\",\"timestamp\":\"2026-11-24T10:15:00Z\"}  | missing_field",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"withdrawal\",\"timestamp\":\"2026-11-24T10:15:00Z\",\"courseId\":null} | missing_field",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"assessment\",\"timestamp\":\"2026-11-24T10:15:00Z\",\"score\":0.5,\"assessmentId\":3} | invalid_value",
        "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"assessment\",\"timestamp\":\"2026-11-24T10:15:00Z\",\"score\":0.5,\"assessmentId\":\"a\\u0000\"} | invalid_value",
    })
    void rejectsWithAReason(String raw, String reason) {
        List<InputRecord> records = parse(PARSER, raw.trim());
        assertThat(records).hasSize(1);
        DeadLetter rejection = records.get(0).rejection;
        assertThat(rejection).as("rejection of %s", raw).isNotNull();
        assertThat(rejection.reason).isEqualTo(reason);
        assertThat(rejection.raw).isEqualTo(raw.trim());
        assertThat(rejection.detail).isNotBlank();
    }

    @Test
    void scoresAtTheEdgesOfTheRangeAreValid() {
        for (String score : new String[] {"0", "1", "1.0", "0.0"}) {
            assertThat(parse(PARSER, "{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"assessment\","
                    + "\"timestamp\":\"2026-11-24T10:15:00Z\",\"score\":" + score + "}").get(0).isEvent()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"eventId", "userId", "courseId", "cohortId"})
    void idsWithANulOrAnotherControlCharacterAreDeadLettered(String field) {
        for (String control : new String[] {"\\u0000", "\\n", "\\u001b"}) {
            String raw = ("{\"eventId\":\"e\",\"userId\":\"u\",\"courseId\":\"c\",\"cohortId\":\"k\","
                    + "\"type\":\"session\",\"timestamp\":\"2026-11-24T10:15:00Z\"}")
                    .replace("\"" + field + "\":\"", "\"" + field + "\":\"x" + control);
            DeadLetter rejection = parse(PARSER, raw).get(0).rejection;
            assertThat(rejection).as(raw).isNotNull();
            assertThat(rejection.reason).isEqualTo(DeadLetter.INVALID_VALUE);
            assertThat(rejection.detail).contains(field);
        }
    }
}
