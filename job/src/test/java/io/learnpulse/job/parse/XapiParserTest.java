package io.learnpulse.job.parse;

import static io.learnpulse.job.parse.EventParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.records.InputRecord;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.EventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The xAPI mapping of docs/events.md, statement by statement. */
class XapiParserTest {
    private static final EventParser PARSER = EventParser.forFormat(InputFormat.XAPI);

    private static String statement(String actor, String verb, String result, String context) {
        return "{\"id\":\"s1\",\"actor\":" + actor + ",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/" + verb + "\"},"
                + "\"object\":{\"id\":\"https://lms.example/act/1\"},\"timestamp\":\"2026-11-24T10:15:00Z\""
                + (result != null ? ",\"result\":" + result : "")
                + (context != null ? ",\"context\":" + context : "") + "}";
    }

    private static final String ACCOUNT = "{\"account\":{\"homePage\":\"https://lms.example\",\"name\":\"u42\"}}";

    private static ActivityEvent event(String raw) {
        List<InputRecord> records = parse(PARSER, raw);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).rejection).isNull();
        return records.get(0).event;
    }

    @Test
    void aScaledScoreMakesAnAssessment() {
        ActivityEvent e = event(statement(ACCOUNT, "answered", "{\"score\":{\"scaled\":0.75}}",
                "{\"contextActivities\":{\"grouping\":[{\"id\":\"course-G\"}],\"parent\":[{\"id\":\"course-P\"}]},"
                        + "\"team\":{\"name\":\"cohort-7\"}}"));
        assertThat(e.eventId).isEqualTo("s1");
        assertThat(e.userId).isEqualTo("u42");
        assertThat(e.type).isEqualTo(EventType.ASSESSMENT);
        assertThat(e.score).isEqualTo(0.75);
        assertThat(e.courseId).isEqualTo("course-G");
        assertThat(e.cohortId).isEqualTo("cohort-7");
        assertThat(e.timestamp).isEqualTo(Instant.parse("2026-11-24T10:15:00Z").toEpochMilli());
        assertThat(e.assessmentId).as("the object.id of an assessment").isEqualTo("https://lms.example/act/1");
    }

    @Test
    void enrollmentAndWithdrawalVerbsWithTheirCourse() {
        String course = "{\"contextActivities\":{\"grouping\":[{\"id\":\"course-G\"}]}}";
        for (String verb : new String[] {"registered", "enrolled"}) {
            ActivityEvent e = event(statement(ACCOUNT, verb, null, course));
            assertThat(e.type).as(verb).isEqualTo(EventType.ENROLLMENT);
            assertThat(e.courseId).isEqualTo("course-G");
        }
        for (String verb : new String[] {"unregistered", "withdrew", "dropped"}) {
            assertThat(event(statement(ACCOUNT, verb, null, course)).type).as(verb).isEqualTo(EventType.WITHDRAWAL);
        }
        assertThat(event(statement(ACCOUNT, "experienced", null, course)).assessmentId)
                .as("only an assessment answers a calendar item").isNull();
    }

    @Test
    void anEnrollmentOrWithdrawalWithoutACourseIsDeadLettered() {
        for (String verb : new String[] {"registered", "dropped"}) {
            DeadLetter rejection = parse(PARSER, statement(ACCOUNT, verb, null, null)).get(0).rejection;
            assertThat(rejection.reason).as(verb).isEqualTo(DeadLetter.MISSING_FIELD);
            assertThat(rejection.detail).contains("needs its course");
        }
    }

    @Test
    void negativeScaledScoresCountAsZero() {
        assertThat(event(statement(ACCOUNT, "failed", "{\"score\":{\"scaled\":-0.5}}", null)).score).isEqualTo(0.0);
    }

    @Test
    void theParentIsTheCourseWithoutAGroupingAndMboxIsTheLearnerWithoutAnAccount() {
        ActivityEvent e = event(statement("{\"mbox\":\"mailto:ada@example.org\"}", "experienced", null,
                "{\"contextActivities\":{\"parent\":[{\"id\":\"course-P\"}]}}"));
        assertThat(e.userId).isEqualTo("ada@example.org");
        assertThat(e.courseId).isEqualTo("course-P");
        assertThat(e.cohortId).isNull();
        assertThat(e.type).isEqualTo(EventType.ACTIVITY);
    }

    @Test
    void progressFromTheCmi5ExtensionAndFromCompleted() {
        ActivityEvent progressed = event(statement(ACCOUNT, "progressed",
                "{\"extensions\":{\"https://w3id.org/xapi/cmi5/result/extensions/progress\":40}}", null));
        assertThat(progressed.type).isEqualTo(EventType.PROGRESS);
        assertThat(progressed.progress).isEqualTo(0.4);
        ActivityEvent completed = event(statement(ACCOUNT, "completed", null, null));
        assertThat(completed.type).isEqualTo(EventType.PROGRESS);
        assertThat(completed.progress).isEqualTo(1.0);
    }

    @Test
    void sessionVerbsAndDuration() {
        for (String verb : new String[] {"initialized", "launched", "terminated", "exited"}) {
            assertThat(event(statement(ACCOUNT, verb, null, null)).type).isEqualTo(EventType.SESSION);
        }
        assertThat(event(statement(ACCOUNT, "experienced", "{\"duration\":\"PT1M30.5S\"}", null)).durationSeconds)
                .isEqualTo(90.5);
    }

    @Test
    void anLrsArrayGivesOneRecordPerStatement() {
        String good = statement(ACCOUNT, "experienced", null, null);
        List<InputRecord> records = parse(PARSER, "[" + good + ",{\"id\":\"s2\"}]");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).isEvent()).isTrue();
        assertThat(records.get(1).rejection.reason).isEqualTo(DeadLetter.MISSING_FIELD);
        assertThat(records.get(1).rejection.raw).isEqualTo("{\"id\":\"s2\"}");
    }

    @Test
    void rejectsUnusableStatements() {
        assertThat(parse(PARSER, statement("{}", "experienced", null, null)).get(0).rejection.reason)
                .isEqualTo(DeadLetter.MISSING_FIELD);
        assertThat(parse(PARSER, statement(ACCOUNT, "answered", "{\"score\":{\"scaled\":1.5}}", null)).get(0).rejection.reason)
                .isEqualTo(DeadLetter.OUT_OF_RANGE);
        assertThat(parse(PARSER, statement(ACCOUNT, "answered", "{\"duration\":\"ten minutes\"}", null)).get(0).rejection.reason)
                .isEqualTo(DeadLetter.INVALID_VALUE);
        assertThat(parse(PARSER, "{\"id\":").get(0).rejection.reason).isEqualTo(DeadLetter.MALFORMED_JSON);
    }
}
