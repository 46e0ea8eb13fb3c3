package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.firing;
import static io.learnpulse.job.testutils.RulesHarness.item;
import static io.learnpulse.job.testutils.RulesHarness.midnight;
import static io.learnpulse.model.AlertType.AT_RISK;
import static io.learnpulse.model.AlertType.MISSED_DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.learnpulse.job.testutils.RulesHarness;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.EventType;
import io.learnpulse.model.LearnerRisk;
import io.learnpulse.model.RiskFactor;
import io.learnpulse.model.Severity;
import io.learnpulse.risk.RiskModel;
import io.learnpulse.risk.RiskModelFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * AT_RISK (docs/rules.md) in the operator harness, with hand-written models whose every output the
 * test knows: the features before the first deadline, at missed deadlines, after a withdrawal, and
 * for a learner silent for weeks (forgotten by the activity rules, still scored while enrolled).
 * Day 0 is Monday 2 Nov; the grace is 24 h.
 */
class AtRiskTest {
    private static final double EXACT = 1e-12;

    private static RiskModel model(String name) throws Exception {
        return RiskModelFile.read(Path.of(AtRiskTest.class.getResource(name).toURI()));
    }

    private static RuleConfig config(String model) throws Exception {
        return RuleConfig.builder().riskModel(model(model)).build();
    }

    private static double logistic(double logit) {
        return 1.0 / (1.0 + Math.exp(-logit));
    }

    private static CalendarItem weighted(String id, long dueAt, double weight) {
        CalendarItem item = item("course-1", id, dueAt);
        item.weight = weight;
        return item;
    }

    /** "at band" of each risk score written, in order. */
    private static List<String> written(RulesHarness h) {
        return h.riskScores().stream().map(r -> Instant.ofEpochMilli(r.at) + " " + r.band).collect(Collectors.toList());
    }

    private static String score(long at, String band) {
        return Instant.ofEpochMilli(at) + " " + band;
    }

    /**
     * itemsMissed drives the risk: logit = -1.5 + 1.5 × missed, so 0.18 (low) before any miss, 0.5
     * (medium) at the first and 0.82 (high) at the second; meanScore and gradeShare weigh nothing but
     * show their values, undefined (null) before the first score and the first weight due.
     */
    @Test
    void scoredAtDayEndsAndMissedDeadlinesFiringWhenTheBandRisesUntilAWithdrawalClearsIt() throws Exception {
        try (RulesHarness h = new RulesHarness(config("items-model.json"))) {
            h.calendar(weighted("A1", at(2, "12:00"), 20)).calendar(weighted("A2", at(4, "12:00"), 30))
                    .calendar(weighted("A3", at(6, "12:00"), 50)).calendar(weighted("A4", at(10, "12:00"), 0));
            h.enrollment("u", "course-1", at(0, "09:00")).submission("u", "course-1", "A1", at(1, "10:00"));
            h.watermark(midnight(1));
            // before the first deadline: nothing due, no score yet
            assertThat(h.riskScores()).hasSize(1);
            LearnerRisk first = h.riskScores().get(0);
            assertThat(first.at).isEqualTo(midnight(1));
            assertThat(first.risk).isCloseTo(logistic(-1.5), within(EXACT));
            assertThat(first.band).isEqualTo("low");
            assertThat(first.modelVersion).isEqualTo("hand-items");
            assertThat(first.cohortId).isEqualTo("cohort-A");
            assertThat(first.factors).extracting(f -> f.name).containsExactly("itemsMissed", "meanScore", "gradeShare");
            assertThat(first.factors).extracting(f -> f.value).containsExactly(0.0, null, null);

            h.watermark(midnight(8));
            // A1 submitted, A2 and A3 missed; an unchanged risk is not written again
            assertThat(written(h)).containsExactly(score(midnight(1), "low"), score(at(5, "12:00"), "medium"),
                    score(at(7, "12:00"), "high"));
            assertThat(h.firingsOf(AT_RISK)).containsExactly(firing(AT_RISK, at(5, "12:00")),
                    firing(AT_RISK, at(7, "12:00")));
            assertThat(h.firingsOf(MISSED_DEADLINE)).containsExactly(firing(MISSED_DEADLINE, at(5, "12:00")),
                    firing(MISSED_DEADLINE, at(7, "12:00")));
            List<Alert> risk = h.allAlerts().stream().filter(a -> a.type == AT_RISK).collect(Collectors.toList());
            assertThat(risk).extracting(a -> a.severity).containsExactly(Severity.MEDIUM, Severity.HIGH);
            Alert high = risk.get(1);
            assertThat(high.alertId).isEqualTo(AlertFactory.alertId("u", AT_RISK, at(7, "12:00"), "course-1/risk"));
            assertThat(high.courseId).isEqualTo("course-1");
            assertThat(high.cohortId).isEqualTo("cohort-A");
            assertThat(high.metrics.risk).isCloseTo(logistic(1.5), within(EXACT));
            assertThat(high.metrics.band).isEqualTo("high");
            assertThat(high.metrics.modelVersion).isEqualTo("hand-items");
            assertThat(high.metrics.mediumThreshold).isEqualTo(0.5);
            assertThat(high.metrics.highThreshold).isEqualTo(0.75);
            assertThat(high.metrics.factors).containsExactly(new RiskFactor("itemsMissed", 2.0, 3.0),
                    new RiskFactor("meanScore", 0.75, 0.0), new RiskFactor("gradeShare", 0.15, 0.0));
            assertThat(high.message).isEqualTo("u is at high risk (0.82) in course-1: missed 2 of 3 assignments.");
            assertThat(high.recommendation).contains("missed 2 of 3 assignments");

            // withdrawn from the only course: forgotten at once, scored no more
            h.withdrawal("u", "course-1", at(8, "10:00")).watermark(midnight(12));
            assertThat(h.riskScores()).hasSize(3);
            assertThat(h.firingsOf(AT_RISK)).hasSize(2);
            h.assertNothingLeft();
        }
    }

    /**
     * daysSinceActivity drives the risk: logit = -2 + days / 10, medium from 20 silent days, high from
     * 31.0; the learner's only activity is at day 0 10:00. The activity rules forget them after 30 days,
     * AT_RISK keeps scoring them while enrolled (until the course's last item), and an activity clears
     * the episode, so the next rise fires again.
     */
    @Test
    void aLearnerSilentForWeeksRisesToMediumThenHighAndAnActivityClearsTheEpisode() throws Exception {
        try (RulesHarness h = new RulesHarness(config("silence-model.json"))) {
            h.calendar(item("course-1", "B1", at(60, "12:00")));
            h.activity("u", "course-1", at(0, "10:00")).watermark(midnight(40));
            assertThat(h.firingsOf(AT_RISK)).containsExactly(firing(AT_RISK, midnight(21)), firing(AT_RISK, midnight(32)));
            assertThat(h.stateEntries()).as("forgotten by the activity rules, still enrolled").isPositive();

            h.activity("u", "course-1", at(40, "10:00")).watermark(midnight(70));
            assertThat(h.firingsOf(AT_RISK)).containsExactly(firing(AT_RISK, midnight(21)), firing(AT_RISK, midnight(32)),
                    firing(AT_RISK, midnight(61)));
            assertThat(h.allAlerts().stream().filter(a -> a.type == AT_RISK)).extracting(a -> a.metrics.band)
                    .containsExactly("medium", "high", "medium");
            assertThat(h.firingsOf(MISSED_DEADLINE)).containsExactly(firing(MISSED_DEADLINE, at(61, "12:00")));

            // written at the first scoring, then at each band change or move of 0.05 or more: not every day
            List<LearnerRisk> scores = h.riskScores();
            assertThat(scores.get(0).at).isEqualTo(midnight(1));
            assertThat(scores.get(0).risk).isCloseTo(logistic(-2 + (14.0 / 24) / 10), within(EXACT));
            for (int i = 1; i < scores.size(); i++) {
                LearnerRisk before = scores.get(i - 1);
                LearnerRisk now = scores.get(i);
                assertThat(!now.band.equals(before.band) || Math.abs(now.risk - before.risk) >= 0.05)
                        .as("score %d moved enough to be written", i).isTrue();
            }
            assertThat(scores.size()).isBetween(10, 40);
            assertThat(scores).filteredOn(r -> r.at == midnight(41)).singleElement()
                    .satisfies(r -> assertThat(r.band).isEqualTo("low"));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void theBandLimitsAreOptionsAndTheAlertSaysWhichItUsed() throws Exception {
        RuleConfig lower = RuleConfig.builder().riskModel(model("silence-model.json")).riskMedium(0.3).riskHigh(0.4)
                .build();
        try (RulesHarness h = new RulesHarness(lower)) {
            h.calendar(item("course-1", "B1", at(60, "12:00")));
            // medium from logit -0.847: 11.5 silent days; high from logit -0.405: 16.0 days
            h.activity("u", "course-1", at(0, "10:00")).watermark(midnight(20));
            assertThat(h.firingsOf(AT_RISK)).containsExactly(firing(AT_RISK, midnight(12)), firing(AT_RISK, midnight(17)));
            Alert medium = h.allAlerts().stream().filter(a -> a.type == AT_RISK).findFirst().orElseThrow();
            assertThat(medium.severity).isEqualTo(Severity.MEDIUM);
            assertThat(medium.metrics.mediumThreshold).isEqualTo(0.3);
            assertThat(medium.metrics.highThreshold).isEqualTo(0.4);
        }
    }

    /** risk.medium and risk.high are settings a cohort or learner may override (docs/rules.md), kept in order. */
    @Test
    void theBandLimitsCanBeOverriddenButNotOutOfOrder() {
        RuleConfig overridden = RuleConfig.defaults().with(Map.of("risk.medium", 0.6, "risk.high", 0.9));
        assertThat(overridden.riskMedium).isEqualTo(0.6);
        assertThat(overridden.riskHigh).isEqualTo(0.9);
        assertThat(overridden.riskModel).isSameAs(RuleConfig.defaults().riskModel);
        assertThatThrownBy(() -> RuleConfig.defaults().with(Map.of("risk.medium", 0.8)))
                .hasMessageContaining("risk bands must satisfy 0 < medium <= high < 1");
    }

    @Test
    void aLearnerInNoCourseIsNotScored() throws Exception {
        try (RulesHarness h = new RulesHarness(config("silence-model.json"))) {
            ActivityEvent e = h.event("u", EventType.ACTIVITY, at(0, "10:00"));
            e.courseId = null;
            h.send(e).watermark(midnight(40));
            assertThat(h.riskScores()).isEmpty();
            assertThat(h.firingsOf(AT_RISK)).isEmpty();
            h.assertNothingLeftAfterEndOfInput();
        }
    }
}
