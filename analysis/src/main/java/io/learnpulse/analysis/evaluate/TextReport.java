package io.learnpulse.analysis.evaluate;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The evaluation as a table per day, for the console. */
final class TextReport {
    private TextReport() {}

    static void print(Evaluation evaluation, PrintWriter out) {
        out.printf(Locale.ROOT, "evaluate: %,d learners with an outcome; %,d alerts read, %,d of them of learners"
                        + " without an outcome (ignored)%n",
                evaluation.learners(), evaluation.alerts(), evaluation.alertsOfUnknownLearners());
        evaluation.byDay().forEach((day, byType) -> {
            Evaluation.Population population = evaluation.population(day);
            out.printf(Locale.ROOT, "%nday %d: %,d learners not withdrawn before it, %,d of them positive (fail or withdrawn)%n",
                    day, population.learners(), population.positives());
            out.printf(Locale.ROOT, "  %-24s %9s %10s %7s %19s%n", "type", "flagged", "precision", "recall", "median lead (days)");
            for (Map.Entry<String, Figures> entry : byType.entrySet()) {
                Figures f = entry.getValue();
                out.printf(Locale.ROOT, "  %-24s %,9d %10s %7s %19s%n", entry.getKey(), f.flagged(),
                        format(f.precision(), "%.3f"), format(f.recall(), "%.3f"), format(f.medianLeadDays(), "%.1f"));
            }
        });
        out.println("\n(precision: - when none was flagged; recall: - without positives; ANY = every type but "
                + Evaluation.HIGH_PERFORMANCE + "; " + Evaluation.AT_RISK_HIGH + " = the AT_RISK alerts of severity HIGH)");
        out.println(riskLine(evaluation.riskAtDay()));
    }

    /** The ROC area of the risk score at day 60, in one sentence. */
    static String riskLine(Evaluation.RiskQuality q) {
        if (q == null) {
            return "risk score at day " + Evaluation.RISK_DAY + ": none read (no --risk FILE, no AT_RISK alert)";
        }
        return String.format(Locale.ROOT, "risk score at day %d, from %s: ROC area %s over %,d learners (%,d positive);"
                        + " at MISSED_DEADLINE's precision that day (%s) a cut-off of the score reaches recall %s",
                Evaluation.RISK_DAY, q.source(), format(q.auc(), "%.3f"), q.learners(), q.positives(),
                format(q.missedDeadlinePrecision(), "%.3f"), format(q.recallAtThatPrecision(), "%.3f"))
                + String.format(Locale.ROOT, "; in band high that day %,d learners, precision %s, recall %s;"
                        + " in band medium or high %,d, precision %s, recall %s", q.bandHigh().flagged(),
                        format(q.bandHigh().precision(), "%.3f"), format(q.bandHigh().recall(), "%.3f"),
                        q.bandMediumOrHigh().flagged(), format(q.bandMediumOrHigh().precision(), "%.3f"),
                        format(q.bandMediumOrHigh().recall(), "%.3f"));
    }

    static String format(Double value, String pattern) {
        return value == null ? "-" : String.format(Locale.ROOT, pattern, value);
    }
}
