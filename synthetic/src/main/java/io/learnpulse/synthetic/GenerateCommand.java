package io.learnpulse.synthetic;

import io.learnpulse.cli.Cli;
import io.learnpulse.cli.UsageException;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnpulse generate}: writes a seeded synthetic activity file. */
@Command(name = "generate", description = "Writes a synthetic activity file: seeded learners of six kinds, one JSON event per line.")
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The file to write (required).")
    Path out;

    @Option(names = "--learners", paramLabel = "N", description = "Learners.")
    int learners = 300;

    @Option(names = "--days", paramLabel = "D", description = "Days of activity.")
    int days = 28;

    @Option(names = "--seed", paramLabel = "S", description = "Seed: the same options give the same file.")
    long seed = 42;

    @Option(names = "--start", paramLabel = "ISO-INSTANT", description = "Event time of the first day.")
    Instant start = Instant.parse("2026-09-07T00:00:00Z");

    @Option(names = "--zipf", paramLabel = "S", description = "Zipf exponent of activity across learners (0: all alike).")
    double zipf = 0;

    @Option(names = "--events-per-day", paramLabel = "N", description = "Mean events of a learner on an active day.")
    double eventsPerDay = 6;

    @Override
    public Integer call() throws Exception {
        if (learners < 1 || days < 1 || eventsPerDay <= 0) {
            throw new UsageException("--learners, --days and --events-per-day must be positive");
        }
        SyntheticLearners synthetic = new SyntheticLearners(seed, learners, start, zipf, eventsPerDay);
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            long n = synthetic.write(days, writer);
            spec.commandLine().getErr().println("wrote " + n + " events to " + out);
        }
        return Cli.DONE;
    }
}
