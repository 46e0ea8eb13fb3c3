package io.learnpulse.analysis;

import io.learnpulse.analysis.oulad.OuladImport;
import io.learnpulse.cli.Cli;
import io.learnpulse.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnpulse import-oulad} (docs/cli.md); progress and the summary on stderr, as the replay's. */
@Command(name = "import-oulad", description = {
        "Turns the Open University Learning Analytics Dataset's CSVs into events.jsonl, calendar.jsonl and"
                + " outcomes.jsonl.",
        "Prints what it wrote and what it left out, and why."})
public final class ImportOuladCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "The directory of the OULAD CSVs (courses.csv, assessments.csv, studentInfo.csv, ...).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where to write the three files; created if missing, its files replaced.")
    Path out;

    @Override
    public Integer call() {
        if (!Files.isDirectory(data)) {
            throw new UsageException("--data " + data + " is not a directory");
        }
        try {
            OuladImport.run(data, out, spec.commandLine().getErr());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return Cli.DONE;
    }
}
