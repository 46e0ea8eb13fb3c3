package io.learnpulse.analysis.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} on hand-made outcomes and alerts whose figures are worked out below. */
class EvaluateTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final int COURSE_DAYS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Evaluation evaluation;
    String console;

    /*
     * Six learners, all starting on START:
     *   A fail,        course ends at day 100    MISSED_DEADLINE day 10, ENGAGEMENT_DROP day 40
     *   B withdrawn at exactly day 30            ENGAGEMENT_DROP day 20
     *   C pass                                   HIGH_PERFORMANCE day 3, ENGAGEMENT_DROP day 5, AT_RISK day 7
     *   D distinction                            HIGH_PERFORMANCE day 2 (not part of ANY)
     *   E withdrawn before the start (day -5)    ENGAGEMENT_DROP day 1 (never in the population)
     *   F fail, no end: --course-days 200        MISSED_DEADLINE at exactly day 30
     * and one alert of Z, who has no outcome.
     */
    @BeforeEach
    void evaluateHandMadeFiles() throws IOException {
        Path outcomes = dir.resolve("outcomes.jsonl");
        Files.write(outcomes, java.util.List.of(
                outcome("A", "fail", null, "\"end\":\"" + day(100) + "\","),
                outcome("B", "withdrawn", day(30), ""),
                outcome("C", "pass", null, ""),
                outcome("D", "distinction", null, ""),
                outcome("E", "withdrawn", day(-5), ""),
                outcome("F", "fail", null, "")));
        Path alerts = dir.resolve("alerts.jsonl");
        Files.write(alerts, java.util.List.of(
                alert("D", "HIGH_PERFORMANCE", day(2)),
                alert("E", "ENGAGEMENT_DROP", day(1)),
                alert("C", "HIGH_PERFORMANCE", day(3)),
                alert("C", "ENGAGEMENT_DROP", day(5)),
                alert("C", "AT_RISK", day(7)),
                alert("A", "MISSED_DEADLINE", day(10)),
                alert("Z", "ENGAGEMENT_DROP", day(12)),
                alert("B", "ENGAGEMENT_DROP", day(20)),
                alert("F", "MISSED_DEADLINE", day(30)),
                alert("A", "ENGAGEMENT_DROP", day(40))));
        StringWriter printed = new StringWriter();
        evaluation = Evaluate.run(alerts, outcomes, null, dir.resolve("report.html"), dir.resolve("figures.json"),
                COURSE_DAYS, new PrintWriter(printed, true), new PrintWriter(new StringWriter()));
        console = printed.toString();
    }

    @Test
    void leavesOutLearnersWithdrawnBeforeTheDay() {
        // E withdrew before the start; B at exactly day 30, so B counts on day 30 but not on day 60.
        assertThat(evaluation.population(14)).isEqualTo(new Evaluation.Population(5, 3));
        assertThat(evaluation.population(30)).isEqualTo(new Evaluation.Population(5, 3));
        assertThat(evaluation.population(60)).isEqualTo(new Evaluation.Population(4, 2));
    }

    @Test
    void day14() {
        Map<String, Figures> day = evaluation.byDay().get(14);
        // ANY: A (day 10) and C (day 5); D's HIGH_PERFORMANCE does not count. Lead of A: 100 - 10.
        assertThat(day.get("ANY")).isEqualTo(new Figures(2, 1, 0.5, 1.0 / 3, 90.0));
        assertThat(day.get("MISSED_DEADLINE")).isEqualTo(new Figures(1, 1, 1.0, 1.0 / 3, 90.0));
        assertThat(day.get("ENGAGEMENT_DROP")).isEqualTo(new Figures(1, 0, 0.0, 0.0, null));
        assertThat(day.get("HIGH_PERFORMANCE")).isEqualTo(new Figures(2, 0, 0.0, 0.0, null));
        assertThat(day.get("AT_RISK")).isEqualTo(new Figures(1, 0, 0.0, 0.0, null));
        // A type without alerts is reported, with precision undefined.
        assertThat(day.get("CONSECUTIVE_LOW_SCORES")).isEqualTo(new Figures(0, 0, null, 0.0, null));
    }

    @Test
    void day30CountsOnlyAlertsBeforeTheDay() {
        Map<String, Figures> day = evaluation.byDay().get(30);
        // F's alert at exactly day 30 is not before it. Leads: A 90, B 30 - 20 = 10; median 50.
        assertThat(day.get("ANY")).isEqualTo(new Figures(3, 2, 2.0 / 3, 2.0 / 3, 50.0));
        assertThat(day.get("ENGAGEMENT_DROP")).isEqualTo(new Figures(2, 1, 0.5, 1.0 / 3, 10.0));
        assertThat(day.get("MISSED_DEADLINE")).isEqualTo(new Figures(1, 1, 1.0, 1.0 / 3, 90.0));
    }

    @Test
    void day60To120WithoutTheWithdrawnLearner() {
        for (int n : new int[] {60, 90, 120}) {
            Map<String, Figures> day = evaluation.byDay().get(n);
            // Leads: A 90, F 200 (course days) - 30 = 170; median 130.
            assertThat(day.get("ANY")).isEqualTo(new Figures(3, 2, 2.0 / 3, 1.0, 130.0));
            assertThat(day.get("MISSED_DEADLINE")).isEqualTo(new Figures(2, 2, 1.0, 1.0, 130.0));
            // A's first ENGAGEMENT_DROP is on day 40: lead 100 - 40.
            assertThat(day.get("ENGAGEMENT_DROP")).isEqualTo(new Figures(2, 1, 0.5, 0.5, 60.0));
        }
    }

    @Test
    void countsTheAlertsOfLearnersWithoutAnOutcome() {
        assertThat(evaluation.alerts()).isEqualTo(10);
        assertThat(evaluation.alertsOfUnknownLearners()).isEqualTo(1);
        assertThat(console).contains("10 alerts read, 1 of them of learners without an outcome (ignored)");
    }

    @Test
    void writesTheFiguresAsJson() throws IOException {
        JsonNode json = JSON.readTree(dir.resolve("figures.json").toFile());
        JsonNode any60 = json.at("/byDay/60/ANY");
        assertThat(any60.get("flagged").asLong()).isEqualTo(3);
        assertThat(any60.get("precision").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(any60.get("recall").asDouble()).isEqualTo(1.0);
        assertThat(any60.get("medianLeadDays").asDouble()).isEqualTo(130.0);
        assertThat(json.at("/byDay/14/CONSECUTIVE_LOW_SCORES/precision").isNull()).isTrue();
        assertThat(json.get("byDay").fieldNames()).toIterable().containsExactly("14", "30", "60", "90", "120");
    }

    @Test
    void writesASelfContainedHtmlReportWithAChart() throws IOException {
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<svg", "<polyline", "MISSED_DEADLINE", "<h2>Day 120</h2>")
                .doesNotContain("<script", "<link", "src=", "@import");
    }

    @Test
    void theAtRiskAlertsOfSeverityHighAreAlsoCountedOnTheirOwn() {
        assertThat(evaluation.byDay().get(14).get(Evaluation.AT_RISK_HIGH)).isEqualTo(new Figures(1, 0, 0.0, 0.0, null));
    }

    /**
     * The ROC area of the scores at day 60 from a --risk file: per learner the latest score at or
     * before day 60 (A: 0.9, its 0.1 after day 60 does not count; C: 0.7; D: 0.2; F: 0.6; B withdrew
     * before day 60, E before the start). Positives A, F (0.9, 0.6) against C, D (0.7, 0.2): of the
     * four pairs 3 are ordered right, so 0.75; MISSED_DEADLINE's precision on day 60 is 1.0, which only
     * the cut-off 0.9 reaches: recall 0.5.
     */
    @Test
    void theRocAreaOfTheRiskScoresAtDay60() throws IOException {
        Path risk = dir.resolve("risk.jsonl");
        Files.write(risk, java.util.List.of(risk("A", day(10), 0.3), risk("A", day(59), 0.9), risk("A", day(61), 0.1),
                risk("B", day(20), 0.99), risk("C", day(60), 0.7), risk("D", day(1), 0.2), risk("F", day(30), 0.6),
                risk("Z", day(30), 0.6)));
        // bands: A high, C medium, D low, F medium
        StringWriter printed = new StringWriter();
        Evaluation withRisk = Evaluate.run(dir.resolve("alerts.jsonl"), dir.resolve("outcomes.jsonl"), risk, null,
                dir.resolve("risk-figures.json"), COURSE_DAYS, new PrintWriter(printed, true),
                new PrintWriter(new StringWriter()));
        Evaluation.RiskQuality q = withRisk.riskAtDay();
        assertThat(q.learners()).isEqualTo(4);
        assertThat(q.positives()).isEqualTo(2);
        assertThat(q.auc()).isCloseTo(0.75, within(1e-12));
        assertThat(q.missedDeadlinePrecision()).isEqualTo(1.0);
        assertThat(q.recallAtThatPrecision()).isEqualTo(0.5);
        assertThat(q.fromAlerts()).isFalse();
        // the band that day: A high (positive); A, C, F medium or high (2 of 3 positive)
        assertThat(q.bandHigh()).isEqualTo(new Figures(1, 1, 1.0, 0.5, null));
        assertThat(q.bandMediumOrHigh()).isEqualTo(new Figures(3, 2, 2.0 / 3, 1.0, null));
        assertThat(printed.toString()).contains("risk score at day 60, from the risk scores of " + risk
                + ": ROC area 0.750 over 4 learners (2 positive)");
        assertThat(JSON.readTree(dir.resolve("risk-figures.json").toFile()).at("/riskAtDay60/auc").asDouble())
                .isCloseTo(0.75, within(1e-12));
    }

    /** Without --risk, the AT_RISK alerts' metrics.risk, everyone else at 0, and the output says it is coarse. */
    @Test
    void withoutRiskScoresTheAtRiskAlertsGiveACoarseRocArea() throws IOException {
        Path alerts = dir.resolve("risk-alerts.jsonl");
        Files.write(alerts, java.util.List.of(
                alert("A", "AT_RISK", day(40)).replace("\"severity\":\"HIGH\"", "\"severity\":\"HIGH\",\"metrics\":{\"risk\":0.8}"),
                alert("C", "AT_RISK", day(50)).replace("\"severity\":\"HIGH\"", "\"severity\":\"MEDIUM\",\"metrics\":{\"risk\":0.6}")));
        StringWriter printed = new StringWriter();
        Evaluation coarse = Evaluate.run(alerts, dir.resolve("outcomes.jsonl"), null, null, null, COURSE_DAYS,
                new PrintWriter(printed, true), new PrintWriter(new StringWriter()));
        Evaluation.RiskQuality q = coarse.riskAtDay();
        // A 0.8 and F 0 (positives) against C 0.6 and D 0: pairs A>C, A>D, F<C, F=D: 2.5 / 4
        assertThat(q.learners()).isEqualTo(4);
        assertThat(q.fromAlerts()).isTrue();
        assertThat(q.auc()).isCloseTo(0.625, within(1e-12));
        assertThat(printed.toString()).contains("coarse");
        assertThat(coarse.byDay().get(60).get(Evaluation.AT_RISK_HIGH).flagged()).isEqualTo(1);
    }

    @Test
    void refusesASecondOutcomeForTheSameLearner() throws IOException {
        Path outcomes = dir.resolve("twice.jsonl");
        Files.write(outcomes, java.util.List.of(outcome("A", "fail", null, ""), outcome("A", "pass", null, "")));
        Path alerts = Files.writeString(dir.resolve("none.jsonl"), "");
        assertThatThrownBy(() -> Evaluate.run(alerts, outcomes, null, null, null, COURSE_DAYS,
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))
                .hasMessageContaining("line 2").hasMessageContaining("more than one outcome");
    }

    private static String risk(String user, String at, double risk) {
        String band = risk >= 0.75 ? "high" : risk >= 0.5 ? "medium" : "low";
        return "{\"userId\":\"" + user + "\",\"courseId\":\"C1\",\"cohortId\":\"C1\",\"at\":\"" + at + "\",\"risk\":"
                + risk + ",\"band\":\"" + band + "\",\"modelVersion\":\"m\",\"factors\":[]}";
    }

    private static String day(int n) {
        return START.plus(Duration.ofDays(n)).toString();
    }

    private static String outcome(String user, String outcome, String withdrawnAt, String extra) {
        return "{\"userId\":\"" + user + "\",\"courseId\":\"C1\",\"cohortId\":\"C1\",\"start\":\"" + START + "\","
                + extra + "\"outcome\":\"" + outcome + "\",\"withdrawnAt\":"
                + (withdrawnAt == null ? "null" : "\"" + withdrawnAt + "\"") + "}";
    }

    private static String alert(String user, String type, String eventTime) {
        return "{\"alertId\":\"" + user + "-" + type + "\",\"userId\":\"" + user + "\",\"courseId\":\"C1\",\"type\":\""
                + type + "\",\"severity\":\"HIGH\",\"eventTime\":\"" + eventTime
                + "\",\"detectedAt\":\"2026-12-01T00:00:00Z\",\"status\":\"OPEN\"}";
    }
}
