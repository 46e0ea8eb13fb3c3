package io.learnpulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every record survives writing and reading; what is not a valid record is refused with its reason. */
class JsonCodecTest {
    private static final long TEN_FIFTEEN = Instant.parse("2026-11-24T10:15:00Z").toEpochMilli();

    @Test
    void alertsRoundTrip() throws Exception {
        Alert alert = alert();
        assertThat(JsonCodec.readAlert(JsonCodec.alert(alert))).isEqualTo(alert);
        byte[] bytes = JsonCodec.alert(alert).getBytes(StandardCharsets.UTF_8);
        assertThat(JsonCodec.readAlert(JsonCodec.readObject(bytes))).isEqualTo(alert);
    }

    @Test
    void aMissedDeadlineRoundTripsWithItsCalendarFigures() throws Exception {
        Alert alert = alert();
        alert.type = AlertType.MISSED_DEADLINE;
        alert.metrics = new AlertMetrics();
        alert.metrics.assessmentId = "tma-3";
        alert.metrics.title = "Assignment 3";
        alert.metrics.dueAt = "2026-11-24T12:00:00Z";
        alert.metrics.graceHours = 24.0;
        alert.metrics.missedInCourse = 2;
        String json = JsonCodec.alert(alert);
        assertThat(json).contains("\"metrics\":{\"assessmentId\":\"tma-3\",\"title\":\"Assignment 3\","
                + "\"dueAt\":\"2026-11-24T12:00:00Z\",\"graceHours\":24.0,\"missedInCourse\":2}");
        assertThat(JsonCodec.readAlert(json)).isEqualTo(alert);
        assertThat(AlertType.MISSED_DEADLINE.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void alertsWriteTheirAbsentFieldsAsNullButLeaveUnusedMetricsOut() {
        Alert alert = alert();
        alert.courseId = null;
        assertThat(JsonCodec.alert(alert)).isEqualTo("{\"alertId\":\"a1\",\"userId\":\"u1\",\"courseId\":null,"
                + "\"cohortId\":\"k1\",\"type\":\"CONSECUTIVE_LOW_SCORES\",\"severity\":\"HIGH\","
                + "\"eventTime\":\"2026-11-24T10:15:00Z\",\"detectedAt\":\"2026-11-24T10:15:01.123Z\",\"status\":\"OPEN\","
                + "\"metrics\":{\"scores\":[0.5,0.4,0.3],\"threshold\":0.6,\"count\":3},"
                + "\"message\":\"three low scores\",\"recommendation\":\"talk to them\"}");
    }

    @Test
    void anAlertWithoutStatusIsOpenAndUnknownFieldsAreIgnored() throws Exception {
        Alert alert = JsonCodec.readAlert("{\"alertId\":\"a\",\"userId\":\"u\",\"type\":\"HIGH_PERFORMANCE\","
                + "\"severity\":\"LOW\",\"eventTime\":\"2026-11-24T11:15:00+01:00\",\"detectedAt\":\"2026-11-24T10:15:00Z\","
                + "\"metrics\":{\"count\":3,\"later\":true},\"later\":1}");
        assertThat(alert.status).isEqualTo(AlertStatus.OPEN);
        assertThat(alert.type).isEqualTo(AlertType.HIGH_PERFORMANCE);
        assertThat(alert.severity).isEqualTo(Severity.LOW);
        assertThat(alert.eventTime).isEqualTo(TEN_FIFTEEN);
        assertThat(alert.metrics.count).isEqualTo(3);
        assertThat(alert.courseId).isNull();
        assertThat(alert.metrics.scores).isNull();
    }

    @Test
    void dailyFiguresRoundTripWithANullMeanScore() throws Exception {
        DailyFigures figures = new DailyFigures();
        figures.userId = "u1";
        figures.courseId = "c1";
        figures.day = "2026-11-24";
        figures.events = 12;
        figures.progress = 0.4;
        figures.consistency7d = 3 / 7.0;
        String json = JsonCodec.dailyFigures(figures);
        assertThat(json).contains("\"cohortId\":null").contains("\"meanScore\":null");
        assertThat(JsonCodec.readDailyFigures(json)).isEqualTo(figures);
    }

    @Test
    void eventsRoundTripAndLeaveTheirAbsentFieldsOut() throws Exception {
        ActivityEvent event = new ActivityEvent("e1", "u1", EventType.ASSESSMENT, TEN_FIFTEEN);
        event.courseId = "c1";
        event.score = 0.55;
        event.durationSeconds = 42.0;
        String json = JsonCodec.event(event);
        assertThat(json).isEqualTo("{\"eventId\":\"e1\",\"userId\":\"u1\",\"courseId\":\"c1\",\"type\":\"assessment\","
                + "\"timestamp\":\"2026-11-24T10:15:00Z\",\"score\":0.55,\"durationSeconds\":42.0}");
        assertThat(JsonCodec.readEvent(json)).isEqualTo(event);
    }

    @Test
    void deadLettersRoundTrip() throws Exception {
        DeadLetter dead = new DeadLetter(DeadLetter.MALFORMED_JSON, "Unexpected character", "{userId: u7");
        assertThat(JsonCodec.readDeadLetter(JsonCodec.deadLetter(dead))).isEqualTo(dead);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                                                                   | malformed_json | empty input",
        "not json                                                                             | malformed_json | Unrecognized token",
        "[1,2]                                                                                | malformed_json | not a JSON object",
        "{'userId':'u','type':'HIGH_PERFORMANCE','severity':'LOW','eventTime':'T','detectedAt':'T'} | missing_field | 'alertId'",
        "{'alertId':7,'userId':'u','type':'HIGH_PERFORMANCE','severity':'LOW','eventTime':'T','detectedAt':'T'} | invalid_value | 'alertId' must be a string",
        "{'alertId':'a','userId':'u','type':'NOPE','severity':'LOW','eventTime':'T','detectedAt':'T'} | unknown_type | unknown type 'NOPE'",
        "{'alertId':'a','userId':'u','type':'HIGH_PERFORMANCE','severity':'URGENT','eventTime':'T','detectedAt':'T'} | invalid_value | unknown severity 'URGENT'",
        "{'alertId':'a','userId':'u','type':'HIGH_PERFORMANCE','severity':'LOW','eventTime':'T','detectedAt':'T','status':'DONE'} | invalid_value | unknown status 'DONE'",
        "{'alertId':'a','userId':'u','type':'HIGH_PERFORMANCE','severity':'LOW','eventTime':'yesterday','detectedAt':'T'} | bad_timestamp | 'eventTime'",
        "{'alertId':'a','userId':'u','type':'HIGH_PERFORMANCE','severity':'LOW','eventTime':'T'}  | missing_field | 'detectedAt'",
        "{'alertId':'a','userId':'u','type':'HIGH_PERFORMANCE','severity':'LOW','eventTime':'T','detectedAt':'T','metrics':[1]} | invalid_value | 'metrics' must be an object",
        "{'alertId':'a','userId':'u','type':'HIGH_PERFORMANCE','severity':'LOW','eventTime':'T','detectedAt':'T','metrics':{'count':'many'}} | invalid_value | 'metrics'",
    })
    void invalidAlertsAreRefusedWithTheirReason(String json, String reason, String detail) {
        String record = json.replace('\'', '"').replace("\"T\"", "\"2026-11-24T10:15:00Z\"");
        assertThatThrownBy(() -> JsonCodec.readAlert(record))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(detail);
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'day':'2026-11-24','consistency7d':0.5}                                  | missing_field | 'userId'",
        "{'userId':'u','day':'24/11/2026','consistency7d':0.5}                     | invalid_value | 'day' is not an ISO date",
        "{'userId':'u','day':'2026-11-24','events':-1,'consistency7d':0.5}         | invalid_value | 'events'",
        "{'userId':'u','day':'2026-11-24','events':1.5,'consistency7d':0.5}        | invalid_value | 'events'",
        "{'userId':'u','day':'2026-11-24','meanScore':'high','consistency7d':0.5}  | invalid_value | 'meanScore' must be a number",
        "{'userId':'u','day':'2026-11-24'}                                         | missing_field | 'consistency7d'",
    })
    void invalidDailyFiguresAreRefusedWithTheirReason(String json, String reason, String detail) {
        assertThatThrownBy(() -> JsonCodec.readDailyFigures(json.replace('\'', '"')))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(detail);
                });
    }

    @Test
    void anUnknownEventTypeNamesTheKnownOnes() {
        assertThatThrownBy(() -> JsonCodec.readEvent("{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"quiz\","
                + "\"timestamp\":\"2026-11-24T10:15:00Z\"}"))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeadLetter.UNKNOWN_TYPE);
                    assertThat(e.getMessage())
                            .isEqualTo("unknown type 'quiz' (expected assessment, activity, progress, session, enrollment or withdrawal)");
                });
    }

    @Test
    void emptyBytesAreMalformed() {
        assertThatThrownBy(() -> JsonCodec.readObject((byte[]) null))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetter.MALFORMED_JSON));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "{'eventId':'e','userId':'u7','nested':{'userId':'x'}} | u7",
        "{'nested':{'userId':'x'},'list':[{'userId':'y'}]}     | null",
        "{'userId':'a','userId':'b'}                           | b",
        "{'userId':''}                                         | null",
        "{'userId':42}                                         | null",
        "{'userId':'u7','broken'                               | null",
        "{userId: u7                                           | null",
        "['u7']                                                | null",
        "''                                                    | null",
    })
    void theUserIdOfRawInputIsItsTopLevelNonEmptyString(String raw, String userId) {
        assertThat(JsonCodec.userIdOf(raw.replace('\'', '"'))).isEqualTo(userId);
    }

    private static Alert alert() {
        Alert alert = new Alert();
        alert.alertId = "a1";
        alert.userId = "u1";
        alert.courseId = "c1";
        alert.cohortId = "k1";
        alert.type = AlertType.CONSECUTIVE_LOW_SCORES;
        alert.severity = Severity.HIGH;
        alert.eventTime = TEN_FIFTEEN;
        alert.detectedAt = TEN_FIFTEEN + 1_123;
        alert.status = AlertStatus.OPEN;
        alert.metrics = new AlertMetrics();
        alert.metrics.scores = List.of(0.5, 0.4, 0.3);
        alert.metrics.threshold = 0.6;
        alert.metrics.count = 3;
        alert.message = "three low scores";
        alert.recommendation = "talk to them";
        return alert;
    }
}
