package io.learnpulse.analysis.evaluate;

import io.learnpulse.analysis.JsonLines;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.JsonFields;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code evaluate --alerts FILE --outcomes FILE [--report FILE] [--json FILE] [--course-days N]}
 * (docs/cli.md): reads the outcomes, then streams the alerts, and reports {@link Evaluation}'s
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
     * @param report     the HTML report to write, or null
     * @param json       the JSON figures to write, or null
     * @param courseDays course length for the lead time of outcomes that do not say when the course ends
     * @param out        where the table goes
     * @param err        where the names of the files written go
     */
    public static Evaluation run(Path alerts, Path outcomes, Path report, Path json, int courseDays,
            PrintWriter out, PrintWriter err) {
        Evaluation evaluation = new Evaluation(courseDays);
        JsonLines.read(outcomes, node -> evaluation.outcome(JsonCodec.readOutcome(node)));
        // Only who, which type and when: a type the model does not know yet is evaluated all the same.
        JsonLines.read(alerts, node -> evaluation.alert(JsonFields.requiredString(node, "userId"),
                JsonFields.requiredString(node, "type"), JsonFields.requiredInstant(node, "eventTime")));
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
