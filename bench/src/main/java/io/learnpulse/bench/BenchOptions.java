package io.learnpulse.bench;

import io.learnpulse.cli.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The options of {@code learnpulse bench}; {@code --quick} changes the defaults of the options not
 * given to tiny sizes ({@link #resolve}).
 */
final class BenchOptions {
    @Option(names = "--quick", description = "Tiny sizes, 1 repeat, 2 s checkpoints: proves the harness in a few minutes;"
            + " the defaults of the options not given become their quick ones.")
    boolean quick;

    @Option(names = "--rows", paramLabel = "ROW", split = ",", showDefaultValue = Visibility.NEVER, description = {
            "The rows to run, comma-separated: ceiling, replay, oulad, rocksdb-exactly-once, hashmap-exactly-once,"
                    + " rocksdb-at-least-once, latency, state, fanout, cron. latency also runs rocksdb-at-least-once"
                    + " and rocksdb-exactly-once (its loads are 50%% and 80%% of their drain rates); cron also runs replay"
                    + " (its latency is simulated on the replay's alerts). A ratio to the ceiling needs ceiling among them.",
            "  Default: all (the table of a partial run goes to bench/results/latest-rows.md)"})
    List<String> rowNames;

    /** The rows to run ({@link #resolve}): those of {@code --rows} and the rows they need. */
    Set<Row> rows;

    @Option(names = "--oulad", paramLabel = "DIR", showDefaultValue = Visibility.NEVER, description = {
            "The real OULAD history for row 2b, as bin/learnpulse import-oulad --out DIR wrote it (events.jsonl and"
                    + " calendar.jsonl).",
            "  Default: none (row 2b is skipped and says why)"})
    Path oulad;

    @Option(names = "--learners", paramLabel = "N", description = "Learners of the workload (quick: 300).")
    int learners = 10_000;

    @Option(names = "--events", paramLabel = "N", description = "Events of the workload (quick: 20000).")
    long events = 1_000_000;

    @Option(names = "--backlog-events", paramLabel = "N", showDefaultValue = Visibility.NEVER, description = {
            "Events of the backlog the throughput rows (ceiling, live) drain: the workload's learners generated on for"
                    + " more days.", "  Default: twice --events"})
    long backlogEvents = -1;

    @Option(names = "--zipf", paramLabel = "S", description = "Zipf exponent of activity across learners.")
    double zipf = 0.5;

    @Option(names = "--busiest-events-per-day", paramLabel = "N",
            description = "Mean events of the busiest learner on an active day.")
    double busiestEventsPerDay = 40;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the workload.")
    long seed = 42;

    @Option(names = "--repeats", paramLabel = "N", description = "Measured runs of each throughput row, after the warm-up"
            + " (quick: 1).")
    int repeats = 3;

    @Option(names = "--warm-up-runs", paramLabel = "N", description = "Most unmeasured drains of each throughput row's job"
            + " before the measured runs; it stops earlier once two in a row agree within 10%%, or, from the third run"
            + " on, once the next would end more than 120 s after the first began"
            + " (0: no warm-up; quick: 1).")
    int warmUpRuns = 6;

    @Option(names = "--parallelism", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = {"Parallelism of the jobs and the replay.", "  Default: the number of cores"})
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Option(names = "--drain-seconds", paramLabel = "S", description = "Longest measurement of one throughput run.")
    int drainSeconds = 25;

    @Option(names = "--checkpoint-interval", paramLabel = "S",
            description = "Seconds between checkpoints of the live runs (quick: 2).")
    int checkpointSeconds = 10;

    @Option(names = "--latency-out-of-orderness", paramLabel = "S",
            description = "Watermark delay of the latency runs, seconds (quick: 1).")
    int latencyOutOfOrdernessSeconds = 2;

    int warmupSeconds = 8;

    @Option(names = "--phase-seconds", paramLabel = "S", description = "Length of each measured latency phase (quick: 2).")
    int phaseSeconds = 15;

    @Option(names = "--state-learners", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = {"Learners per wave of the state run.", "  Default: the workload's (quick: 100)"})
    int stateLearners = -1;

    int stateWaveDays = 5;
    /** Enough for two halves of 6 and 7 checkpoints once learners are being forgotten (from the fourth wave on). */
    int stateWaves = 16;
    int stateForgetDays = 10;
    int stateCheckpointSeconds = 2;

    @Option(names = "--fanout-clients", paramLabel = "N", split = ",", showDefaultValue = Visibility.NEVER,
            description = {"WebSocket client counts of the fan-out runs.", "  Default: 100,1000 (quick: 10,50)"})
    List<Integer> fanoutClients;

    @Option(names = "--fanout-seconds", paramLabel = "S", description = "Length of each fan-out run (quick: 1); with a stalled client, on until"
            + " the gateway cuts it off, at most 60 s (quick: 5).")
    int fanoutSeconds = 6;

    /** The longest a fan-out run with a stalled client goes on waiting for its cut-off. */
    int fanoutStallSeconds = 60;

    @Option(names = "--fanout-deliveries", paramLabel = "N",
            description = "Offered deliveries per second in the fan-out runs (quick: 2000).")
    double fanoutDeliveries = 20_000;

    @Option(names = "--cron-budget-seconds", paramLabel = "S", description = "Query time spent per cron cycle length (quick: 2).")
    double cronBudgetSeconds = 20;

    @Option(names = "--budget-minutes", paramLabel = "M",
            description = "Fewer repeats and a smaller state run if the whole would take longer (quick: none).")
    double budgetMinutes = 30;

    @Option(names = "--output", paramLabel = "FILE", showDefaultValue = Visibility.NEVER,
            description = {"Where to write the table.", "  Default: bench/results/latest.md (quick: latest-quick.md)"})
    Path output;

    @Option(names = "--keep-workdir", description = "Keep the generated files, logs and databases.")
    boolean keepWorkdir;

    /**
     * Gives the options not on the command line their quick values if {@code --quick} is, and checks
     * the values; once the arguments are parsed.
     */
    BenchOptions resolve(ParseResult given) {
        if (quick) {
            unless(given, "--learners", () -> learners = 300);
            unless(given, "--events", () -> events = 20_000);
            unless(given, "--repeats", () -> repeats = 1);
            unless(given, "--warm-up-runs", () -> warmUpRuns = 1);
            unless(given, "--checkpoint-interval", () -> checkpointSeconds = 2);
            unless(given, "--latency-out-of-orderness", () -> latencyOutOfOrdernessSeconds = 1);
            unless(given, "--phase-seconds", () -> phaseSeconds = 2);
            unless(given, "--state-learners", () -> stateLearners = 100);
            unless(given, "--fanout-clients", () -> fanoutClients = List.of(10, 50));
            unless(given, "--fanout-seconds", () -> fanoutSeconds = 1);
            unless(given, "--fanout-deliveries", () -> fanoutDeliveries = 2_000);
            unless(given, "--cron-budget-seconds", () -> cronBudgetSeconds = 2);
            unless(given, "--budget-minutes", () -> budgetMinutes = 0);
            warmupSeconds = 1;
            stateCheckpointSeconds = 1;
            stateWaves = 7;
            fanoutStallSeconds = 5;
        }
        rows = Row.chosen(rowNames);
        if (fanoutClients == null) {
            fanoutClients = List.of(100, 1000);
        }
        if (!given.hasMatchedOption("--state-learners") && stateLearners == -1) {
            stateLearners = learners;
        }
        if (backlogEvents == -1) {
            backlogEvents = 2 * events;
        }
        positive("--learners", learners);
        positive("--events", events);
        positive("--backlog-events", backlogEvents);
        positive("--repeats", repeats);
        if (warmUpRuns < 0) {
            throw new UsageException("--warm-up-runs must not be negative");
        }
        positive("--parallelism", parallelism);
        positive("--drain-seconds", drainSeconds);
        positive("--checkpoint-interval", checkpointSeconds);
        positive("--latency-out-of-orderness", latencyOutOfOrdernessSeconds);
        positive("--phase-seconds", phaseSeconds);
        positive("--state-learners", stateLearners);
        fanoutClients.forEach(clients -> positive("--fanout-clients", clients));
        positive("--fanout-seconds", fanoutSeconds);
        positive("--fanout-deliveries", fanoutDeliveries);
        return this;
    }

    private static void positive(String option, double value) {
        if (value <= 0) {
            throw new UsageException(option + " must be positive");
        }
    }

    private static void unless(ParseResult given, String option, Runnable quickDefault) {
        if (!given.hasMatchedOption(option)) {
            quickDefault.run();
        }
    }

    /** Whether it runs every row. */
    boolean allRows() {
        return rows.size() == Row.values().length;
    }

    String describe() {
        return String.format(Locale.ROOT,
                "%s: %,d learners, %,d events (throughput backlog %,d), Zipf %.2f, seed %d, %d repeat(s) after at most %d "
                        + "warm-up run(s) each, parallelism %d%s",
                quick ? "quick" : "full", learners, events, backlogEvents, zipf, seed, repeats, warmUpRuns, parallelism,
                allRows() ? "" : "; rows: " + Row.ids(rows));
    }
}
