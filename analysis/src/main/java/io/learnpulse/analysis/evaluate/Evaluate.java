package io.learnpulse.analysis.evaluate;

import io.learnpulse.analysis.JsonLines;
import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.LearnerRisk;
import io.learnpulse.model.JsonFields;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code evaluate --alerts FILE --outcomes FILE [--risk FILE] [--report FILE] [--json FILE] [--course-days N]}
 * (docs/cli.md): reads the outcomes, then streams the alerts (and the risk scores), and reports {@link Evaluation}'s
 * figures: a table on stdout, and if asked as HTML and as JSON. A line that is not an outcome or an alert stops it
 * with the file, the line number and what is wrong: figures over a partly read file would mislead.
 */
public final class Evaluate {
    /** Course length for outcomes without an {@code end}: OULAD's presentations run 234-269 days. */
    public static final int DEFAULT_COURSE_DAYS = 270;

    private Evaluate() {}

    /**
     * Runs the evaluation and writes what was asked for.
     *
     * @param risk       the risk scores (a replay's {@code --risk} file) for the ROC area, or null: then the
     *                   AT_RISK alerts' {@code metrics.risk}
     * @param report     the HTML report to write, or null
     * @param json       the JSON figures to write, or null
     * @param courseDays course length for the lead time of outcomes that do not say when the course ends
     * @param out        where the table goes
     * @param err        where the names of the files written go
     */
    public static Evaluation run(Path alerts, Path outcomes, Path risk, Path report, Path json, int courseDays,
            PrintWriter out, PrintWriter err) {
        Evaluation evaluation = new Evaluation(courseDays);
        JsonLines.read(outcomes, node -> evaluation.outcome(JsonCodec.readOutcome(node)));
        String fromAlerts = "the AT_RISK alerts' metrics.risk (coarse: a learner is scored only when an alert"
                + " fires, and counts as 0 without one; give --risk FILE for every score)";
        // Only who, which type and when: a type the model does not know yet is evaluated all the same.
        JsonLines.read(alerts, node -> {
            String userId = JsonFields.requiredString(node, "userId");
            String type = JsonFields.requiredString(node, "type");
            long eventTime = JsonFields.requiredInstant(node, "eventTime");
            evaluation.alert(userId, type, JsonFields.optionalString(node, "severity"), eventTime);
            if (AlertType.AT_RISK.name().equals(type)) {
                JsonNode metrics = node.get("metrics");
                Double score = metrics == null ? null : JsonFields.optionalNumber(metrics.get("risk"), "metrics.risk");
                if (risk == null && score != null) {
                    evaluation.risk(userId, eventTime, score, JsonFields.optionalString(metrics, "band"), fromAlerts, true);
                }
            }
        });
        if (risk != null) {
            JsonLines.read(risk, node -> {
                LearnerRisk r = JsonCodec.readLearnerRisk(node);
                evaluation.risk(r.userId, r.at, r.risk, r.band, "the risk scores of " + risk, false);
            });
        }
        TextReport.print(evaluation, out);
        out.flush();
        if (report != null) {
            HtmlReport.write(evaluation, report);
            err.println("evaluate: wrote " + report);
        }
        if (json != null) {
            JsonReport.write(evaluation, json);
            err.println("evaluate: wrote " + json);
        }
        return evaluation;
    }
}
