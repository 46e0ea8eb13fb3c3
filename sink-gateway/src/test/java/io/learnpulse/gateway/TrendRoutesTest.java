package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K2;
import static io.learnpulse.gateway.Fixtures.LEARNER_U1;
import static io.learnpulse.gateway.Fixtures.UNKNOWN;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.store.DailyFigures;
import io.learnpulse.gateway.trend.TrendFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code GET /api/users/{u}/trend} and {@code GET /api/cohorts/{k}/trend} on the app over a store: figures and roles. */
class TrendRoutesTest {

    private static final String WINDOW = "?days=14&to=2026-11-14";

    @RegisterExtension
    static final AppHarness APP = AppHarness.perClass();

    @BeforeAll
    static void prepare() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (DailyFigures day : TrendFixtures.steadyLearner()) {
            APP.storeFigures(mapper.writeValueAsString(day));
        }
        // u2 in cohort k2, outside instructor k1's cohorts
        APP.storeFigures(mapper.writeValueAsString(
                new DailyFigures("u2", "c1", "k2", "2026-11-10", 3, 1, 0.7, 0.2, 0.4)));
    }

    @Test
    void learnerTrendCarriesTheFiguresBehindIt() {
        JsonNode trend = json(APP.get("/api/users/u1/trend" + WINDOW, ADMIN));

        assertThat(trend.path("from").asText()).isEqualTo("2026-11-01");
        assertThat(trend.path("score").path("slope").path("value").asDouble()).isCloseTo(0.02, within(1e-9));
        assertThat(trend.path("score").path("slope").path("direction").asText()).isEqualTo("up");
        assertThat(trend.path("score").path("points")).hasSize(10);
        assertThat(trend.path("velocity").path("progressPerActiveDay").path("value").asDouble())
                .isCloseTo(0.04, within(1e-9));
        assertThat(trend.path("completion").path("projected").asText()).isEqualTo("2026-12-05");
        assertThat(trend.path("completion").path("latest").asText()).isEqualTo("2026-12-05");
        assertThat(trend.path("engagement").path("activeDaysPerWeek").asDouble()).isCloseTo(5.0, within(1e-9));
        assertThat(trend.path("engagement").path("weeks").path(1).path("activeDays").asInt()).isEqualTo(6);
        // no interval from two weeks: null, not NaN
        assertThat(trend.path("engagement").path("slope").path("standardError").isNull()).isTrue();
    }

    @Test
    void cohortTrendIsTheDistributionOverItsLearners() {
        JsonNode trend = json(APP.get("/api/cohorts/k1/trend" + WINDOW, INSTRUCTOR_K1));

        assertThat(trend.path("learners").asInt()).isEqualTo(1);
        assertThat(trend.path("items").path(0).path("userId").asText()).isEqualTo("u1");
        assertThat(trend.path("items").path(0).path("projectedCompletion").asText()).isEqualTo("2026-12-05");
        assertThat(trend.path("scoreDirections").path("up").asInt()).isEqualTo(1);
        assertThat(trend.path("scoreSlope").path("median").asDouble()).isCloseTo(0.02, within(1e-9));
        assertThat(trend.path("completion").path("median").asText()).isEqualTo("2026-12-05");
    }

    @Test
    void aWindowOutsideTheFiguresIsEmptyNotAnError() {
        JsonNode trend = json(APP.get("/api/users/u1/trend?days=7&to=2026-01-07", LEARNER_U1));
        assertThat(trend.path("score").path("points")).isEmpty();
        assertThat(trend.path("completion").path("reason").asText()).isEqualTo("no progress in the window");
        assertThat(trend.path("engagement").path("activeDays").asInt()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badParameters")
    void badParametersAre400(String query, String parameter) {
        HttpResponse<String> response = APP.get("/api/users/u1/trend" + query, ADMIN);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains(parameter);
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(Arguments.of("?days=0", "days"), Arguments.of("?days=367", "days"),
                Arguments.of("?days=x", "days"), Arguments.of("?to=2026-13-01", "to"),
                Arguments.of("?days=7&days=14", "days"));
    }

    /** endpoint, token, expected status */
    static Stream<Arguments> roles() {
        return Stream.of(
                Arguments.of("/api/users/u1/trend", null, 401),
                Arguments.of("/api/users/u1/trend", UNKNOWN, 401),
                Arguments.of("/api/users/u2/trend", LEARNER_U1, 403),
                Arguments.of("/api/users/u2/trend", INSTRUCTOR_K1, 403),
                Arguments.of("/api/users/u1/trend", INSTRUCTOR_K2, 403),
                Arguments.of("/api/users/u1/trend", LEARNER_U1, 200),
                Arguments.of("/api/users/u1/trend", INSTRUCTOR_K1, 200),
                Arguments.of("/api/users/u2/trend", ADMIN, 200),
                Arguments.of("/api/cohorts/k1/trend", null, 401),
                Arguments.of("/api/cohorts/k1/trend", UNKNOWN, 401),
                Arguments.of("/api/cohorts/k1/trend", LEARNER_U1, 403),
                Arguments.of("/api/cohorts/k2/trend", INSTRUCTOR_K1, 403),
                Arguments.of("/api/cohorts/k1/trend", INSTRUCTOR_K1, 200),
                Arguments.of("/api/cohorts/k2/trend", INSTRUCTOR_K2, 200),
                Arguments.of("/api/cohorts/k2/trend", ADMIN, 200));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("roles")
    void roles(String path, String token, int expected) {
        HttpResponse<String> response = APP.get(path + WINDOW, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(json(response).path("error").asText()).isNotBlank();
        }
    }
}
