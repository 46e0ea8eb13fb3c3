package io.learnpulse.analysis;

import io.learnpulse.analysis.evaluate.Evaluate;
import io.learnpulse.cli.Cli;
import io.learnpulse.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnpulse evaluate} (docs/cli.md): the table on stdout, the files written named on stderr. */
@Command(name = "evaluate", description = {
        "How early and how well alerts find the learners who fail or withdraw: by days 14, 30, 60, 90 and 120,"
                + " per alert type and for ANY (all but HIGH_PERFORMANCE), the learners flagged, precision,"
                + " recall and the median lead time; and the ROC area of the risk score at day 60."})
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--alerts", paramLabel = "FILE", required = true,
            description = "The alerts, one JSON line each (a replay's output).")
    Path alerts;

    @Option(names = "--outcomes", paramLabel = "FILE", required = true,
            description = "The outcomes, one JSON line per learner (import-oulad writes one).")
    Path outcomes;

    @Option(names = "--risk", paramLabel = "FILE",
            description = "The risk scores (a replay's --risk file), for the ROC area of the score at day 60;"
                    + " without it, the AT_RISK alerts' metrics.risk (coarse).")
    Path risk;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Where to write a self-contained HTML report with a precision and recall by day chart.")
    Path report;

    @Option(names = "--json", paramLabel = "FILE", description = "Where to write the figures as JSON.")
    Path json;

    @Option(names = "--course-days", paramLabel = "DAYS",
            description = "The course length for outcomes without an `end`: a positive learner who does not"
                    + " withdraw has a lead time up to start + this.")
    int courseDays = Evaluate.DEFAULT_COURSE_DAYS;

    @Override
    public Integer call() {
        for (Path file : new Path[] {alerts, outcomes, risk}) {
            if (file != null && !Files.isReadable(file)) {
                throw new UsageException("cannot read " + file);
            }
        }
        if (courseDays <= 0) {
            throw new UsageException("--course-days must be positive, was " + courseDays);
        }
        try {
            Evaluate.run(alerts, outcomes, risk, report, json, courseDays, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return Cli.DONE;
    }
}
