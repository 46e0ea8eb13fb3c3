package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K2;
import static io.learnpulse.gateway.Fixtures.LEARNER_U1;
import static io.learnpulse.gateway.Fixtures.calendarItem;
import static io.learnpulse.gateway.Fixtures.missedDeadline;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/courses/{courseId}/calendar} on the app over a store: the calendar as its records
 * leave it (replaced, moved, deleted), earliest due first, and per item how many of the learners the
 * caller may see missed it. The auth matrix rows are in {@link GatewayAuthTest}.
 */
class CourseCalendarTest {

    @RegisterExtension
    static final AppHarness APP = AppHarness.perClass();

    @BeforeAll
    static void prepare() throws Exception {
        APP.storeCalendar(
                calendarItem("math", "A2", "Assignment 2", "2026-11-17T23:59:00Z"),
                calendarItem("math", "A1", "Assignment 1", "2026-11-10T23:59:00Z"),
                calendarItem("math", "A3", "Assignment 3", "2026-11-24T23:59:00Z"),
                calendarItem("math", "A4", "Assignment 4", "2026-12-01T23:59:00Z"),
                // an item of another course with the same id
                calendarItem("art", "A1", "Portfolio", "2026-11-12T12:00:00Z"));
        APP.storeCalendar(
                calendarItem("math", "A3", "Assignment 3 (extended)", "2026-11-26T23:59:00Z"),
                "{\"courseId\":\"math\",\"assessmentId\":\"A4\",\"deleted\":true}");
        APP.storeAlerts(
                missedDeadline("m1", "u1", "k1", "math", "A1", "Assignment 1", "2026-11-10T23:59:00Z", "2026-11-11T23:59:00Z"),
                missedDeadline("m2", "u2", "k2", "math", "A1", "Assignment 1", "2026-11-10T23:59:00Z", "2026-11-11T23:59:00Z"),
                missedDeadline("m3", "u3", "k2", "math", "A2", "Assignment 2", "2026-11-17T23:59:00Z", "2026-11-18T23:59:00Z"),
                missedDeadline("m4", "u4", "k3", "art", "A1", "Portfolio", "2026-11-12T12:00:00Z", "2026-11-13T12:00:00Z"));
    }

    @Test
    void anAdminSeesTheCalendarAsItsRecordsLeftItWithEveryLearnersMisses() {
        JsonNode answer = json(APP.get("/api/courses/math/calendar", ADMIN));

        assertThat(rows(answer)).containsExactly(
                "A1 Assignment 1 2026-11-10T23:59:00Z missed 2",
                "A2 Assignment 2 2026-11-17T23:59:00Z missed 1",
                "A3 Assignment 3 (extended) 2026-11-26T23:59:00Z missed 0");
        assertThat(answer.path("items").get(0).path("weight").asDouble()).isEqualTo(10.0);
        assertThat(answer.path("nextCursor").isNull()).isTrue();
        assertThat(rows(json(APP.get("/api/courses/art/calendar", ADMIN))))
                .containsExactly("A1 Portfolio 2026-11-12T12:00:00Z missed 1");
        assertThat(rows(json(APP.get("/api/courses/no-such-course/calendar", ADMIN)))).isEmpty();
    }

    @Test
    void instructorsAndLearnersCountOnlyTheLearnersTheyMaySee() {
        assertThat(rows(json(APP.get("/api/courses/math/calendar", INSTRUCTOR_K1)))).containsExactly(
                "A1 Assignment 1 2026-11-10T23:59:00Z missed 1",
                "A2 Assignment 2 2026-11-17T23:59:00Z missed 0",
                "A3 Assignment 3 (extended) 2026-11-26T23:59:00Z missed 0");
        assertThat(rows(json(APP.get("/api/courses/math/calendar", INSTRUCTOR_K2)))).containsExactly(
                "A1 Assignment 1 2026-11-10T23:59:00Z missed 1",
                "A2 Assignment 2 2026-11-17T23:59:00Z missed 1",
                "A3 Assignment 3 (extended) 2026-11-26T23:59:00Z missed 0");
        assertThat(rows(json(APP.get("/api/courses/art/calendar", INSTRUCTOR_K2))))
                .containsExactly("A1 Portfolio 2026-11-12T12:00:00Z missed 1");
        assertThat(rows(json(APP.get("/api/courses/math/calendar", LEARNER_U1)))).containsExactly(
                "A1 Assignment 1 2026-11-10T23:59:00Z missed 1",
                "A2 Assignment 2 2026-11-17T23:59:00Z missed 0",
                "A3 Assignment 3 (extended) 2026-11-26T23:59:00Z missed 0");
    }

    @Test
    void aCourseOutsideTheRoleIsForbiddenAndAnOverlongIdUnknown() {
        assertThat(APP.get("/api/courses/art/calendar", INSTRUCTOR_K1).statusCode()).isEqualTo(403);
        assertThat(APP.get("/api/courses/art/calendar", LEARNER_U1).statusCode()).isEqualTo(403);
        assertThat(APP.get("/api/courses/" + "c".repeat(257) + "/calendar", ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void missedDeadlinesCountInTheStatsAndFilterLikeEveryType() {
        JsonNode stats = json(APP.get("/api/alerts/stats", ADMIN));
        assertThat(stats.path("byType").path("MISSED_DEADLINE").asLong()).isEqualTo(4);
        JsonNode page = json(APP.get("/api/alerts?type=MISSED_DEADLINE&cohortId=k2", ADMIN));
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("items").get(0).path("metrics").path("title").asText()).isEqualTo("Assignment 2");
    }

    private static List<String> rows(JsonNode answer) {
        List<String> rows = new ArrayList<>();
        answer.path("items").forEach(item -> rows.add(item.path("assessmentId").asText() + " "
                + item.path("title").asText() + " " + item.path("dueAt").asText() + " missed "
                + item.path("missed").asLong()));
        return rows;
    }
}
