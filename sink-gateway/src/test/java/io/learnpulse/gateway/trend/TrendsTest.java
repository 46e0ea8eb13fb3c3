package io.learnpulse.gateway.trend;

import static io.learnpulse.gateway.trend.TrendFixtures.TO;
import static io.learnpulse.gateway.trend.TrendFixtures.day;
import static io.learnpulse.gateway.trend.TrendFixtures.steadyLearner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.learnpulse.gateway.store.DailyFigures;
import org.junit.jupiter.api.Test;

/** Trends over daily figures whose slopes, intervals and projections are worked out by hand below. */
class TrendsTest {

    @Test
    void scoreSlopeVelocityAndProjectionOfASteadyLearner() {
        LearnerTrend trend = Trends.learner("u1", steadyLearner(), TO, 14);

        assertThat(trend.from()).isEqualTo("2026-11-01");
        Slope score = trend.score().slope();
        assertThat(score.value()).isCloseTo(0.02, within(1e-12));
        assertThat(score.standardError()).isCloseTo(0.0, within(1e-12));
        assertThat(score.points()).isEqualTo(10);
        assertThat(score.direction()).isEqualTo("up");
        assertThat(trend.score().points()).first().satisfies(point -> {
            assertThat(point.day()).isEqualTo("2026-11-01");
            assertThat(point.dayIndex()).isZero();
        });

        assertThat(trend.velocity().progressPerActiveDay().value()).isCloseTo(0.04, within(1e-12));
        assertThat(trend.velocity().latestProgress()).isCloseTo(0.40, within(1e-12));
        assertThat(trend.velocity().points()).hasSize(10);

        // 0.6 left at 0.04 per active day: 15 active days; active 10 days in 14: 21 calendar days
        LearnerTrend.Completion completion = trend.completion();
        assertThat(completion.remainingProgress()).isCloseTo(0.6, within(1e-12));
        assertThat(completion.activeDaysNeeded()).isCloseTo(15.0, within(1e-9));
        assertThat(completion.activeDaysPerCalendarDay()).isCloseTo(10.0 / 14, within(1e-12));
        assertThat(completion.projected()).isEqualTo("2026-12-05");
        // an exact line has a zero-width interval
        assertThat(completion.earliest()).isEqualTo(completion.projected());
        assertThat(completion.latest()).isEqualTo(completion.projected());
        assertThat(completion.reason()).isNull();

        LearnerTrend.Engagement engagement = trend.engagement();
        assertThat(engagement.activeDays()).isEqualTo(10);
        assertThat(engagement.activeDaysPerWeek()).isCloseTo(5.0, within(1e-12));
        assertThat(engagement.weeks()).containsExactly(
                new LearnerTrend.Week("2026-11-01", "2026-11-07", 4),
                new LearnerTrend.Week("2026-11-08", "2026-11-14", 6));
        assertThat(engagement.slope().value()).isCloseTo(2.0, within(1e-12));
        assertThat(engagement.slope().standardError()).isNull(); // two weeks: a slope, no interval
        assertThat(engagement.slope().direction()).isEqualTo("up");
    }

    /**
     * Three active days in a 7-day window, progress 0.1, 0.3, 0.3 on active days 1, 2, 3: slope 0.1,
     * residuals -1/30, 1/15, -1/30, so s² = (1/150)/1 and SE = sqrt(s²/Sxx) = sqrt(1/300) = 0.0577350;
     * t(0.975, 1 df) = 12.7062047, interval 0.1 ± 0.7335931. 0.7 left: at 0.1 per active day 7 active
     * days, at 3 active days in 7 that is 16.33 calendar days (17); at the upper bound 0.8335931 it is
     * 0.8397 active days, 1.959 calendar days (2); the lower bound is below zero: no latest date.
     */
    @Test
    void projectionUncertaintyFromTheVelocitysInterval() {
        List<DailyFigures> days = List.of(day("u2", "2026-11-08", 0.6, 0.1), day("u2", "2026-11-10", 0.5, 0.3),
                day("u2", "2026-11-14", 0.4, 0.3));
        LearnerTrend trend = Trends.learner("u2", days, TO, 7);

        Slope velocity = trend.velocity().progressPerActiveDay();
        assertThat(velocity.value()).isCloseTo(0.1, within(1e-12));
        assertThat(velocity.standardError()).isCloseTo(Math.sqrt(1.0 / 300), within(1e-9));
        assertThat(velocity.high()).isCloseTo(0.1 + 0.7335931, within(1e-6));
        assertThat(velocity.low()).isCloseTo(0.1 - 0.7335931, within(1e-6));
        assertThat(velocity.direction()).isEqualTo("flat");

        assertThat(trend.completion().projected()).isEqualTo("2026-12-01");
        assertThat(trend.completion().earliest()).isEqualTo("2026-11-16");
        assertThat(trend.completion().latest()).isNull();

        // mean score 0.6, 0.5, 0.4 on days 0, 2, 6 of the window: falling, but three points do not show it
        assertThat(trend.score().slope().value()).isNegative();
        assertThat(trend.score().slope().direction()).isEqualTo("flat");
        assertThat(trend.engagement().weeks()).containsExactly(
                new LearnerTrend.Week("2026-11-08", "2026-11-14", 3));
        assertThat(trend.engagement().slope().direction()).isEqualTo("unknown");
    }

    @Test
    void noProjectionWithoutProgressOrOnceComplete() {
        LearnerTrend none = Trends.learner("u3", List.of(day("u3", "2026-11-13", 0.5, null)), TO, 14);
        assertThat(none.completion().projected()).isNull();
        assertThat(none.completion().reason()).isEqualTo("no progress in the window");
        assertThat(none.score().slope().direction()).isEqualTo("unknown");

        LearnerTrend stalled = Trends.learner("u3", List.of(day("u3", "2026-11-12", 0.5, 0.3),
                day("u3", "2026-11-13", 0.5, 0.3)), TO, 14);
        assertThat(stalled.completion().reason()).isEqualTo("no progress gained in the window");

        LearnerTrend done = Trends.learner("u3", List.of(day("u3", "2026-11-12", 0.5, 0.9),
                day("u3", "2026-11-13", 0.5, 1.0), day("u3", "2026-11-14", 0.5, 1.0)), TO, 14);
        assertThat(done.completion().completedOn()).isEqualTo("2026-11-13");
        assertThat(done.completion().reason()).isEqualTo("completed");
    }

    @Test
    void cohortDistributionOverItsLearners() {
        List<DailyFigures> figures = new ArrayList<>(steadyLearner());
        figures.addAll(List.of(day("u2", "2026-11-08", 0.6, 0.1), day("u2", "2026-11-10", 0.5, 0.3),
                day("u2", "2026-11-14", 0.4, 0.3)));
        figures.add(day("u3", "2026-11-13", 0.5, null));
        CohortTrend cohort = Trends.cohort("k1", figures, TO, 14);

        assertThat(cohort.learners()).isEqualTo(3);
        assertThat(cohort.items()).extracting(CohortTrend.Learner::userId).containsExactly("u1", "u2", "u3");
        assertThat(cohort.scoreDirections()).isEqualTo(Map.of("up", 1, "flat", 1, "down", 0, "unknown", 1));
        assertThat(cohort.scoreSlope().learners()).isEqualTo(2);
        assertThat(cohort.scoreSlope().max()).isCloseTo(0.02, within(1e-12));
        assertThat(cohort.activeDaysPerWeek().learners()).isEqualTo(3);
        assertThat(cohort.activeDaysPerWeek().max()).isCloseTo(5.0, within(1e-12));
        // u1 2026-12-05; u2 over 14 days: 3 active days in 14, 7 active days needed, 32.67 calendar days
        assertThat(cohort.completion().projected()).isEqualTo(2);
        assertThat(cohort.completion().earliest()).isEqualTo("2026-12-05");
        assertThat(cohort.completion().latest()).isEqualTo("2026-12-17");
        assertThat(cohort.completion().notProjected()).isEqualTo(Map.of("no progress in the window", 1));
    }
}
