package io.learnpulse.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The options of {@code learnpulse bench}; {@code --quick} changes the defaults to tiny sizes. */
final class BenchOptions {
    static final String USAGE = String.join("\n",
            "usage: learnpulse bench [--quick] [options]",
            "  --quick                     tiny sizes, 1 repeat, 2 s checkpoints: proves the harness in under 2 minutes",
            "  --learners N                learners of the workload (10000; quick 300)",
            "  --events N                  events of the workload (1000000; quick 20000)",
            "  --zipf S                    Zipf exponent of activity across learners (0.5)",
            "  --busiest-events-per-day N  mean events of the busiest learner on an active day (40)",
            "  --seed N                    seed of the workload (42)",
            "  --repeats N                 runs of each throughput measurement (2; quick 1)",
            "  --parallelism N             parallelism of the jobs and the replay (the number of cores)",
            "  --drain-seconds S           longest measurement of one throughput run (25)",
            "  --checkpoint-interval S     seconds between checkpoints of the live runs (10; quick 2)",
            "  --latency-out-of-orderness S watermark delay of the latency runs, seconds (2; quick 1)",
            "  --phase-seconds S           length of each measured latency phase (15; quick 2)",
            "  --state-learners N          learners per wave of the state run (the workload's; quick 100)",
            "  --fanout-clients A,B        WebSocket client counts of the fan-out runs (100,1000; quick 10,50)",
            "  --fanout-seconds S          length of each fan-out run (6; quick 1)",
            "  --fanout-deliveries N       offered deliveries per second in the fan-out runs (20000; quick 2000)",
            "  --cron-budget-seconds S     query time spent per cron cycle length (20; quick 2)",
            "  --budget-minutes M          fewer repeats and a smaller state run if the whole would take longer (14; quick: none)",
            "  --output FILE               where to write the table (bench/results/latest.md; quick: latest-quick.md)",
            "  --keep-workdir              keep the generated files, logs and databases");

    boolean quick;
    int learners = 10_000;
    long events = 1_000_000;
    double zipf = 0.5;
    double busiestEventsPerDay = 40;
    long seed = 42;
    int repeats = 2;
    int parallelism = Runtime.getRuntime().availableProcessors();
    int drainSeconds = 25;
    int checkpointSeconds = 10;
    int latencyOutOfOrdernessSeconds = 2;
    int warmupSeconds = 8;
    int phaseSeconds = 15;
    int stateLearners = -1;
    int stateWaveDays = 5;
    int stateWaves = 8;
    int stateForgetDays = 10;
    int stateCheckpointSeconds = 2;
    List<Integer> fanoutClients = List.of(100, 1000);
    int fanoutSeconds = 6;
    double fanoutDeliveries = 20_000;
    double cronBudgetSeconds = 20;
    double budgetMinutes = 14;
    Path output;
    boolean keepWorkdir;

    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                o.quick = true;
            }
        }
        if (o.quick) {
            o.learners = 300;
            o.events = 20_000;
            o.repeats = 1;
            o.checkpointSeconds = 2;
            o.latencyOutOfOrdernessSeconds = 1;
            o.warmupSeconds = 1;
            o.phaseSeconds = 2;
            o.stateLearners = 100;
            o.stateCheckpointSeconds = 1;
            o.stateWaves = 6;
            o.fanoutClients = List.of(10, 50);
            o.fanoutSeconds = 1;
            o.fanoutDeliveries = 2_000;
            o.cronBudgetSeconds = 2;
            o.budgetMinutes = 0;
        }
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--quick")) {
                continue;
            }
            if (name.equals("--keep-workdir")) {
                o.keepWorkdir = true;
                continue;
            }
            if (name.equals("-h") || name.equals("--help")) {
                throw new IllegalArgumentException("help");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            String value = args[++i];
            try {
                switch (name) {
                    case "--learners" -> o.learners = positive(name, Integer.parseInt(value));
                    case "--events" -> o.events = positive(name, Long.parseLong(value));
                    case "--zipf" -> o.zipf = Double.parseDouble(value);
                    case "--busiest-events-per-day" -> o.busiestEventsPerDay = Double.parseDouble(value);
                    case "--seed" -> o.seed = Long.parseLong(value);
                    case "--repeats" -> o.repeats = positive(name, Integer.parseInt(value));
                    case "--parallelism" -> o.parallelism = positive(name, Integer.parseInt(value));
                    case "--drain-seconds" -> o.drainSeconds = positive(name, Integer.parseInt(value));
                    case "--checkpoint-interval" -> o.checkpointSeconds = positive(name, Integer.parseInt(value));
                    case "--latency-out-of-orderness" -> o.latencyOutOfOrdernessSeconds = positive(name, Integer.parseInt(value));
                    case "--phase-seconds" -> o.phaseSeconds = positive(name, Integer.parseInt(value));
                    case "--state-learners" -> o.stateLearners = positive(name, Integer.parseInt(value));
                    case "--fanout-clients" -> {
                        List<Integer> counts = new ArrayList<>();
                        for (String c : value.split(",")) {
                            counts.add(positive(name, Integer.parseInt(c.trim())));
                        }
                        o.fanoutClients = counts;
                    }
                    case "--fanout-seconds" -> o.fanoutSeconds = positive(name, Integer.parseInt(value));
                    case "--fanout-deliveries" -> o.fanoutDeliveries = positive(name, (int) Double.parseDouble(value));
                    case "--cron-budget-seconds" -> o.cronBudgetSeconds = Double.parseDouble(value);
                    case "--budget-minutes" -> o.budgetMinutes = Double.parseDouble(value);
                    case "--output" -> o.output = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad value '" + value + "' for " + name);
            }
        }
        if (o.stateLearners < 0) {
            o.stateLearners = o.learners;
        }
        return o;
    }

    private static <N extends Number> N positive(String name, N value) {
        if (value.doubleValue() <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    String describe() {
        return String.format(Locale.ROOT,
                "%s: %,d learners, %,d events, Zipf %.2f, seed %d, %d repeat(s), parallelism %d",
                quick ? "quick" : "full", learners, events, zipf, seed, repeats, parallelism);
    }
}
