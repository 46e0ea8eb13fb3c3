package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.firing;
import static io.learnpulse.job.testutils.RulesHarness.item;
import static io.learnpulse.job.testutils.RulesHarness.midnight;
import static io.learnpulse.job.testutils.RulesHarness.override;
import static io.learnpulse.model.AlertType.COMPLETION_STAGNATION;
import static io.learnpulse.model.AlertType.CONSECUTIVE_LOW_SCORES;
import static io.learnpulse.model.AlertType.ENGAGEMENT_DROP;
import static io.learnpulse.model.AlertType.LOW_CONSISTENCY;
import static io.learnpulse.model.AlertType.MISSED_DEADLINE;
import static io.learnpulse.model.AlertType.PERFORMANCE_DECLINE;
import static io.learnpulse.model.SettingsOverride.Scope.COHORT;
import static io.learnpulse.model.SettingsOverride.Scope.LEARNER;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.EventType;
import io.learnpulse.model.SettingsOverride;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Settings per cohort and per learner (docs/rules.md) in the operator harness: applied by event time
 * ({@code effectiveFrom}), learner over cohort over the job's configuration, as the operator knew
 * them when its watermark passed each moment; the thresholds used in the alerts' metrics; an
 * episode open when its threshold changes. Every learner is in {@code cohort-A} unless said.
 */
class SettingsOverridesTest {

    private static List<String> firings(RulesHarness h, String user) {
        return h.alerts().stream().filter(a -> a.userId.equals(user))
                .map(a -> firing(a.type, a.eventTime)).collect(Collectors.toList());
    }

    private static Alert only(RulesHarness h, String user) {
        List<Alert> alerts = h.alerts().stream().filter(a -> a.userId.equals(user)).collect(Collectors.toList());
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    @Test
    void anOverrideBetweenTwoAssessmentsOfAStreakJudgesTheLaterOnes() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            // published before any event: known at every moment; effective from 10:30
            h.settings(override(COHORT, "cohort-A", at(0, "10:30"), "low-score.threshold", 0.5));
            h.assessment("u", at(0, "09:00"), 0.55).assessment("u", at(0, "10:00"), 0.55)
                    .assessment("u", at(0, "11:00"), 0.55) // not below 0.5: breaks the streak
                    .assessment("u", at(0, "12:00"), 0.45).assessment("u", at(0, "13:00"), 0.45)
                    .assessment("u", at(0, "14:00"), 0.45);
            h.settings(override(LEARNER, "v", at(0, "10:30"), "low-score.count", 2));
            h.assessment("v", at(0, "09:00"), 0.4).assessment("v", at(0, "10:00"), 0.4) // 2 of 3
                    .assessment("v", at(0, "11:00"), 0.4) // a streak of 3, count now 2: fires
                    .assessment("v", at(0, "12:00"), 0.4); // open: no second alert
            h.watermark(at(0, "15:00"));

            assertThat(firings(h, "u")).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "14:00")));
            assertThat(only(h, "u").metrics.threshold).isEqualTo(0.5);
            assertThat(only(h, "u").metrics.count).isEqualTo(3);
            assertThat(firings(h, "v")).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "11:00")));
            assertThat(only(h, "v").metrics.count).isEqualTo(2);
            assertThat(only(h, "v").metrics.threshold).as("the cohort's, in effect at 11:00").isEqualTo(0.5);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aCohortOverrideIsShadowedByTheLearnersOwnKeyByKey() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.settings(override(COHORT, "cohort-A", at(0, "00:00"), "low-score.threshold", 0.5, "low-score.count", 2));
            h.settings(override(LEARNER, "u", at(0, "00:00"), "low-score.threshold", 0.7));
            h.assessment("u", at(0, "09:00"), 0.65).assessment("u", at(0, "10:00"), 0.65);
            h.assessment("v", at(0, "09:00"), 0.55).assessment("v", at(0, "10:00"), 0.55)
                    .assessment("v", at(0, "11:00"), 0.55)
                    .assessment("v", at(0, "12:00"), 0.45).assessment("v", at(0, "13:00"), 0.45);
            for (int i = 0; i < 3; i++) {
                ActivityEvent e = h.event("w", EventType.ASSESSMENT, at(0, (10 + i) + ":00"));
                e.cohortId = "cohort-B";
                e.score = 0.55;
                h.send(e);
            }
            h.watermark(at(0, "15:00"));

            // u: the learner's threshold, the cohort's count
            assertThat(firings(h, "u")).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "10:00")));
            assertThat(only(h, "u").metrics.threshold).isEqualTo(0.7);
            assertThat(only(h, "u").metrics.count).isEqualTo(2);
            // v: the cohort's
            assertThat(firings(h, "v")).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "13:00")));
            assertThat(only(h, "v").metrics.threshold).isEqualTo(0.5);
            // w, of another cohort: the job's
            assertThat(firings(h, "w")).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "12:00")));
            assertThat(only(h, "w").metrics.threshold).isEqualTo(0.6);
            assertThat(only(h, "w").metrics.count).isEqualTo(3);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aLearnersOverrideThatDoesNotFitTheirCohortsAppliesAlone() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            // each fits the job's bands (0.5, 0.75), but medium 0.6 above high 0.55 does not
            h.settings(override(COHORT, "cohort-A", at(0, "00:00"), "risk.medium", 0.6, "low-score.threshold", 0.7));
            h.settings(override(LEARNER, "u", at(0, "00:00"), "risk.high", 0.55, "low-score.count", 2));
            h.assessment("u", at(0, "09:00"), 0.65).assessment("u", at(0, "10:00"), 0.65) // not low by the job's 0.6
                    .assessment("u", at(0, "11:00"), 0.55).assessment("u", at(0, "12:00"), 0.55);
            h.watermark(at(0, "13:00"));
            assertThat(firings(h, "u")).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "12:00")));
            assertThat(only(h, "u").metrics.threshold).isEqualTo(0.6);
            assertThat(only(h, "u").metrics.count).isEqualTo(2);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void anEmptyOverrideRemovesTheLearnersFromItsEffectiveFrom() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.settings(override(LEARNER, "u", at(0, "00:00"), "low-score.threshold", 0.7));
            h.settings(new SettingsOverride(LEARNER, "u", at(1, "00:00"), java.util.Map.of()));
            h.assessment("u", at(0, "09:00"), 0.65).assessment("u", at(0, "10:00"), 0.65)
                    .assessment("u", at(0, "11:00"), 0.65) // below the learner's 0.7: fires
                    .assessment("u", at(1, "09:00"), 0.65) // 0.6 again: not low, clears
                    .assessment("u", at(1, "10:00"), 0.65).assessment("u", at(1, "11:00"), 0.65)
                    .assessment("u", at(1, "12:00"), 0.65);
            h.watermark(at(1, "13:00"));
            assertThat(firings(h, "u")).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "11:00")));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void anOverrideEffectiveInTheFutureAppliesFromThen() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.65).watermark(at(0, "09:30"));
            h.settings(override(LEARNER, "u", at(1, "00:00"), "low-score.threshold", 0.7));
            h.assessment("u", at(0, "10:00"), 0.65).assessment("u", at(0, "11:00"), 0.65)
                    .assessment("u", at(1, "09:00"), 0.65).assessment("u", at(1, "10:00"), 0.65)
                    .assessment("u", at(1, "11:00"), 0.65);
            h.watermark(at(1, "12:00"));
            assertThat(firings(h, "u")).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(1, "11:00")));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void anOverrideArrivingAfterTheWatermarkPassedItsEffectiveFromAppliesFromItsArrival() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.65).assessment("u", at(0, "10:00"), 0.65).watermark(at(0, "12:00"));
            // effective from 08:00, but the watermark has passed 09:00 and 10:00: they were judged by 0.6
            h.settings(override(LEARNER, "u", at(0, "08:00"), "low-score.threshold", 0.7));
            h.assessment("u", at(0, "13:00"), 0.65).assessment("u", at(0, "14:00"), 0.65)
                    .assessment("u", at(0, "15:00"), 0.65);
            h.watermark(at(0, "16:00"));
            assertThat(firings(h, "u")).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "15:00")));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void anOpenEpisodeStaysOpenAndClearsByTheThresholdInEffectWhenItClears() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.55).assessment("u", at(0, "10:00"), 0.55)
                    .assessment("u", at(0, "11:00"), 0.55); // fires at 11:00 by 0.6
            h.watermark(at(0, "11:30"));
            // raised while open: the episode stays open and does not fire again
            h.settings(override(LEARNER, "u", at(0, "11:30"), "low-score.threshold", 0.8, "low-score.count", 4));
            h.assessment("u", at(0, "12:00"), 0.75).assessment("u", at(0, "13:00"), 0.75);
            h.watermark(at(0, "13:30"));
            // lowered while open: a score not below the new 0.5 clears it, by the threshold of that moment
            h.settings(override(LEARNER, "u", at(0, "13:30"), "low-score.threshold", 0.5));
            h.assessment("u", at(0, "14:00"), 0.55) // clears (0.55 is below the first 0.6, not below 0.5)
                    .assessment("u", at(0, "15:00"), 0.45).assessment("u", at(0, "16:00"), 0.45)
                    .assessment("u", at(0, "17:00"), 0.45); // a new episode
            h.watermark(at(0, "18:00"));
            assertThat(firings(h, "u")).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "11:00")),
                    firing(CONSECUTIVE_LOW_SCORES, at(0, "17:00")));
            assertThat(h.alerts().get(1).metrics.threshold).isEqualTo(0.5);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void dayEndRulesReadTheSettingsOfEachDayEnd() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.settings(override(COHORT, "cohort-A", at(1, "00:01"), "decline.threshold", 0.5));
            // day 0: mean 0.55, low by 0.6 at its end; day 1: mean 0.55, not low by 0.5 (in effect at its end)
            h.assessment("u", at(0, "09:00"), 0.55).assessment("u", at(1, "09:00"), 0.55)
                    .assessment("u", at(2, "09:00"), 0.45).assessment("u", at(3, "09:00"), 0.45);
            h.activity("u", at(4, "09:00")).watermark(midnight(5));
            assertThat(h.firingsOf(PERFORMANCE_DECLINE)).containsExactly(firing(PERFORMANCE_DECLINE, midnight(4)));
            Alert decline = h.alerts().stream().filter(a -> a.type == PERFORMANCE_DECLINE).findFirst().orElseThrow();
            assertThat(decline.metrics.threshold).isEqualTo(0.5);
            assertThat(decline.metrics.days).containsExactly("2026-11-04", "2026-11-05");
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void anAbsenceIsJudgedWithTheSettingsInEffectWhenItBegan() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.settings(override(LEARNER, "u", at(0, "00:00"), "engagement.empty-days", 2));
            h.activity("u", at(0, "10:00")).watermark(at(1, "12:00"));
            // during the silence: applies to the next one; this one keeps its 2 days
            h.settings(override(LEARNER, "u", at(1, "12:00"), "engagement.empty-days", 5));
            h.activity("u", at(4, "10:00")).watermark(midnight(11));
            assertThat(h.firingsOf(ENGAGEMENT_DROP)).containsExactly(firing(ENGAGEMENT_DROP, midnight(3)),
                    firing(ENGAGEMENT_DROP, midnight(10)));
            assertThat(h.alerts().stream().filter(a -> a.type == ENGAGEMENT_DROP).map(a -> a.metrics.emptyDays))
                    .containsExactly(2, 5);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void stagnationAndGraceOverridesAreRecordedInTheirMetrics() throws Exception {
        long due = at(3, "12:00");
        try (RulesHarness h = new RulesHarness()) {
            h.settings(override(COHORT, "cohort-A", at(0, "00:00"), "stagnation.after", "48 h",
                    "stagnation.complete-progress", 0.9, "missed-deadline.grace", "PT2H"));
            h.calendar(item("course-1", "A1", due));
            h.enrollment("u", "course-1", at(0, "08:00")).progress("u", at(0, "09:00"), 0.5);
            h.progress("v", at(0, "09:00"), 0.95); // complete by the cohort's 0.9: never stagnates
            h.watermark(due + 2 * 3_600_000L + 1);
            assertThat(firings(h, "u")).contains(firing(COMPLETION_STAGNATION, at(2, "09:00")),
                    firing(MISSED_DEADLINE, due + 2 * 3_600_000L));
            assertThat(firings(h, "v")).doesNotContain(firing(COMPLETION_STAGNATION, at(2, "09:00")));
            Alert stagnation = h.alerts().stream().filter(a -> a.type == COMPLETION_STAGNATION).findFirst().orElseThrow();
            assertThat(stagnation.metrics.stagnationHours).isEqualTo(48.0);
            assertThat(stagnation.metrics.completeProgress).isEqualTo(0.9);
            Alert missed = h.alerts().stream().filter(a -> a.type == MISSED_DEADLINE).findFirst().orElseThrow();
            assertThat(missed.metrics.graceHours).isEqualTo(2.0);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aReplaysSettingsAreKnownFromTheStartAndLiveOnesLayerOverThem() throws Exception {
        List<SettingsOverride> file = List.of(override(COHORT, "cohort-A", at(0, "00:00"), "consistency.min-fraction", 0.9));
        try (RulesHarness h = new RulesHarness(io.learnpulse.job.rules.RuleConfig.defaults(), List.of(), file, null)) {
            for (int d = 0; d < 7; d += 2) {
                h.activity("u", at(d, "10:00"));
            }
            h.watermark(midnight(7));
            // 4 of 7 days: low by the file's 0.9, not by the job's 0.5
            assertThat(h.firingsOf(LOW_CONSISTENCY)).containsExactly(firing(LOW_CONSISTENCY, midnight(7)));
            assertThat(h.alerts().get(0).metrics.minFraction).isEqualTo(0.9);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void settingsSurviveASnapshotAndRestore() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (RulesHarness h = new RulesHarness()) {
            h.settings(override(LEARNER, "u", at(0, "00:00"), "low-score.count", 2));
            h.assessment("u", at(0, "09:00"), 0.4).watermark(at(0, "09:30"));
            snapshot = h.snapshot();
        }
        try (RulesHarness h = new RulesHarness(io.learnpulse.job.rules.RuleConfig.defaults(), List.of(), List.of(),
                snapshot)) {
            ActivityEvent e = h.event("u", EventType.ASSESSMENT, at(0, "10:00"));
            e.eventId = "after-the-restore"; // the new harness numbers its events afresh
            e.score = 0.4;
            h.send(e).watermark(at(0, "11:00"));
            assertThat(firings(h, "u")).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "10:00")));
            assertThat(only(h, "u").metrics.count).isEqualTo(2);
            h.assertNothingLeftAfterEndOfInput();
        }
    }
}
