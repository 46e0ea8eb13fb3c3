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
                + Evaluation.HIGH_PERFORMANCE + ")");
    }

    static String format(Double value, String pattern) {
        return value == null ? "-" : String.format(Locale.ROOT, pattern, value);
    }
}
