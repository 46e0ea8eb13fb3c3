package io.learnpulse.analysis;

import io.learnpulse.analysis.fit.FitRisk;
import io.learnpulse.cli.Cli;
import io.learnpulse.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnpulse fit-risk} (docs/cli.md): the fit's quality on stdout, what it read and wrote on stderr. */
@Command(name = "fit-risk", description = {
        "Fits the AT_RISK model on history: every learner's features at days 14, 30, 60, 90 and 120 of their"
                + " course, computed by the job's own code, and whether they failed or withdrew.",
        "Prints the fit's quality on the 20% of learners held out of it, and writes the model file."})
public final class FitRiskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "FILE", required = true,
            description = "The events, one JSON line each, in time order (import-oulad writes them so).")
    Path events;

    @Option(names = "--calendar", paramLabel = "FILE", required = true,
            description = "The course calendar, one JSON line per item.")
    Path calendar;

    @Option(names = "--outcomes", paramLabel = "FILE", required = true,
            description = "The outcomes, one JSON line per learner: the learners followed, and the truth.")
    Path outcomes;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the model file.")
    Path out;

    @Option(names = "--grace-hours", paramLabel = "HOURS",
            description = "MISSED_DEADLINE's grace; the job's rules.missed-deadline.grace. Default: 24.")
    double graceHours = 24;

    @Option(names = "--zone", paramLabel = "ZONE", description = "The job's rules.zone. Default: UTC.")
    String zone = "UTC";

    @Option(names = "--l2", paramLabel = "LAMBDA",
            description = "The L2 penalty on the standardised weights. Default: 0.001.")
    double l2 = 1e-3;

    @Option(names = "--model-version", paramLabel = "NAME",
            description = "The model's version. Default: fit- and a digest of the fitted numbers.")
    String version;

    @Override
    public Integer call() {
        for (Path file : new Path[] {events, calendar, outcomes}) {
            if (!Files.isReadable(file)) {
                throw new UsageException("cannot read " + file);
            }
        }
        if (!(graceHours >= 0)) {
            throw new UsageException("--grace-hours must be 0 or more, was " + graceHours);
        }
        if (!(l2 > 0)) {
            throw new UsageException("--l2 must be positive, was " + l2);
        }
        FitRisk.Settings settings = new FitRisk.Settings();
        settings.graceMillis = Math.round(graceHours * 3_600_000.0);
        settings.l2 = l2;
        settings.version = version;
        try {
            settings.zone = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new UsageException("--zone: " + e.getMessage(), e);
        }
        try {
            FitRisk.run(events, calendar, outcomes, out, settings, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return Cli.DONE;
    }
}
