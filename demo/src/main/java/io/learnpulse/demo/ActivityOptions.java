package io.learnpulse.demo;

import io.learnpulse.cli.UsageException;
import io.learnpulse.synthetic.SyntheticCourses;
import io.learnpulse.synthetic.SyntheticLearners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** What the demo and {@code publish} send: the events of a file, or synthetic learners in simulated time. */
final class ActivityOptions {
    static final int WEEKS = 12;

    @Option(names = "--events", paramLabel = "FILE",
            description = "Publish this file's lines (in file order, keyed by userId) instead of synthetic learners.")
    Path events;

    @Option(names = "--learners", paramLabel = "N", description = "Synthetic learners.")
    int learners = 60;

    @Option(names = "--speed", paramLabel = "X", description = "Simulated seconds per real second.")
    double speed = 3600;

    @Option(names = "--seed", paramLabel = "N", description = "The generator's seed.")
    long seed = 42;

    @Option(names = "--start", paramLabel = "ISO-INSTANT", showDefaultValue = Visibility.NEVER,
            description = {"Event time of the first simulated day.", "  Default: 14 days ago, 00:00 UTC"})
    Instant start;

    /** Refuses what cannot be published: an unreadable file, no learners, time standing still. */
    void check() {
        if (events != null && !Files.isReadable(events)) {
            throw new UsageException("cannot read events file " + events);
        }
        if (learners < 1 || speed <= 0) {
            throw new UsageException("--learners and --speed must be positive");
        }
    }

    Instant start() {
        return start != null ? start : LocalDate.now(ZoneOffset.UTC).minusDays(14).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The synthetic learners' courses: a deadline a week for {@value #WEEKS} weeks from the start. */
    SyntheticCourses courses() {
        return new SyntheticCourses(start(), WEEKS);
    }

    SyntheticLearners synthetic() {
        return new SyntheticLearners(seed, learners, start(), 0.0, 6.0).withCourses(courses());
    }
}
