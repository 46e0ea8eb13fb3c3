package io.learnpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import io.learnpulse.testkit.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code learnpulse bench [--quick]} (issue 6): generates a seeded workload, runs every measurement
 * in one invocation, prints one table and writes it to {@code bench/results/latest.md}.
 *
 * <p>The parts run in their own processes so that each one's CPU time can be read from
 * {@code /proc/<pid>/stat}: the Kafka broker, a local Flink cluster for each kind of job measured on
 * one ({@link FlinkClusters}; its jobs are submitted to it one after the other), the gateway, each
 * replay and the cron baseline. This process generates the workload, produces the load, and is the
 * WebSocket client.
 */
public final class BenchMain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant WORKLOAD_START = Instant.parse("2026-01-05T00:00:00Z");
    private static final String TOKEN = "bench-admin-token";
    /** A generous estimate of the minutes the measurements after the throughput runs take (full sizes). */
    private static final double REST_OF_THE_BENCH_MINUTES = 8;
    /**
     * How long the warm-up of each kind of job may go on once it made two runs (see {@link WarmUp}),
     * the same for the ceiling and the live rows. A run of the 2 M-event backlog takes about 30 s
     * cold and 15-30 s warm (job start, a drain of at most --drain-seconds, the exactly-once cancel),
     * so up to 4 or 5 runs, as many events as 8 or more of the 1 M backlog before; with 60 s the
     * ceiling would stop after two runs, still cold (a ceiling too slow favours the live rows), and a
     * minute stopped every live row after two runs of the 1 M backlog, unsettled, its first measured
     * repeat still speeding up.
     */
    private static final Duration WARM_UP_BOUND = Duration.ofSeconds(120);
    /** The longest the state run's events may take at the RocksDB drain rate (under a budget). */
    private static final int STATE_RUN_SECONDS = 90;
    private static final String SNAPSHOT_PROPERTY = "learnpulse.bench.snapshot";
    private static final String ROOT_PROPERTY = "learnpulse.bench.root";

    private final BenchOptions options;
    private final Path work;
    private final Path logs;
    private final Report report = new Report();
    private final long startedNanos = System.nanoTime();
    private String bootstrap;

    private BenchMain(BenchOptions options, Path work) throws IOException {
        this.options = options;
        this.work = work;
        this.logs = Files.createDirectories(work.resolve("logs"));
    }

    /** Whether this JVM runs on the snapshot of the classpath that {@link #runFromSnapshot} made. */
    static boolean onSnapshot() {
        return System.getProperty(SNAPSHOT_PROPERTY) != null;
    }

    /**
     * Runs the bench in a new JVM on a private copy of the project's classes and jars, so that a
     * build of the working tree during the run cannot pull them from under it; returns its exit status.
     */
    static int runFromSnapshot(List<String> args) throws Exception {
        Path snapshot = Files.createTempDirectory("learnpulse-bench-classpath-");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Child.inheritedJvmFlags());
            for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (arg.startsWith("-Xmx")) {
                    command.add(arg);
                }
            }
            command.add("-D" + SNAPSHOT_PROPERTY + "=" + snapshot);
            command.add("-D" + ROOT_PROPERTY + "=" + repositoryRoot());
            command.add("-cp");
            command.add(ClasspathSnapshot.create(snapshot));
            command.add(ChildMain.class.getName());
            command.add("bench");
            command.addAll(args);
            Process bench = new ProcessBuilder(command).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(bench::destroy));
            return bench.waitFor();
        } finally {
            deleteRecursively(snapshot);
        }
    }

    /** Runs the bench; returns the file the table was written to. */
    public static Path run(BenchOptions options) throws Exception {
        Path work = Files.createTempDirectory("learnpulse-bench-");
        if (!onSnapshot()) {
            // run in process (a test): at least the child processes run on a private copy of the classes
            Child.classpath = ClasspathSnapshot.create(work.resolve("classpath"));
        }
        try {
            return new BenchMain(options, work).run();
        } finally {
            if (options.keepWorkdir) {
                System.err.println("bench: work directory kept: " + work);
            } else {
                deleteRecursively(work);
            }
        }
    }

    /** Entry for tests: the same as the command line. */
    public static Path run(String... args) throws Exception {
        return run(BenchCommand.parse(args));
    }

    private Path run() throws Exception {
        report.machine("started", Instant.now().toString());
        report.machine("options", options.describe());
        report.machine("cores", Machine.cores() + " (" + Machine.cpuModel() + ")");
        report.machine("memory", Machine.memory());
        report.machine("Java", Machine.java());
        report.machine("Flink", Machine.flink() + ", Kafka clients and broker " + Machine.kafka());
        report.machine("OS", Machine.os());
        report.machine("load average at start (1/5/15 min)", Machine.loadAverage());

        say("generating the workload: " + options.describe());
        Workload workload = Workload.steady(work.resolve("events.jsonl"), options.seed, options.learners, options.events,
                options.zipf, options.busiestEventsPerDay, WORKLOAD_START, Duration.ofDays(30));
        report.machine("workload", String.format(Locale.ROOT,
                "%,d events of %,d learners over %d days of event time (Zipf %.2f, busiest learner ~%.0f events "
                        + "per active day, seed %d), %.0f MB of JSON lines",
                workload.events, workload.learnersSeen, workload.days, options.zipf, options.busiestEventsPerDay,
                options.seed, Files.size(workload.file) / 1e6));

        boolean gatewayNeeded = options.rows.contains(Row.LATENCY) || options.rows.contains(Row.FANOUT);
        Set<Row> clusters = Row.clusters(options.rows);
        say("starting the Kafka broker" + (clusters.isEmpty() ? "" : ", a local Flink cluster for each of "
                + Row.ids(clusters)) + (gatewayNeeded ? " and the gateway" : "") + " (one process each)");
        CompletableFuture<FlinkClusters> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return FlinkClusters.start(clusters, logs, options.parallelism);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try (Child broker = Child.start("kafka", logs, "1g", "kafka", List.of())) {
            bootstrap = broker.await("ready", Duration.ofMinutes(2));
            try (BenchKafka kafka = new BenchKafka(bootstrap);
                    FlinkClusters flink = starting.get(3, TimeUnit.MINUTES)) {
                kafka.createTopics(1, LatencyRun.ALERTS_TOPIC, "learner-metrics");
                try (Child gateway = gatewayNeeded ? Child.start("gateway", logs, "1g", "gateway", List.of(
                        "--bootstrap-servers", bootstrap, "--data-dir", work.resolve("gateway").toString(),
                        "--admin-token", TOKEN)) : null) {
                    int gatewayPort = gatewayNeeded ? Integer.parseInt(gateway.await("ready", Duration.ofMinutes(2))) : -1;
                    measure(workload, broker, kafka, flink, gateway, gatewayPort);
                }
            }
        }
        report.machine("load average at end (1/5/15 min)", Machine.loadAverage());
        report.machine("bench duration", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - startedNanos) / 1e9));
        String table = report.markdown(options);
        System.out.println(table);
        Path output = options.output != null ? options.output : defaultOutput(options);
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(output, table, StandardCharsets.UTF_8);
        return output;
    }

    private void measure(Workload workload, Child broker, BenchKafka kafka, FlinkClusters flink, Child gateway,
            int gatewayPort) throws Exception {
        String activity = "bench-activity";
        long backlogEvents = 0;
        if (options.rows.stream().anyMatch(Row::drains)) {
            Workload backlog = backlog(workload);
            backlogEvents = backlog.events;
            kafka.createTopics(4, activity);
            say("loading the backlog of " + backlog.events + " events into Kafka");
            long t0 = System.nanoTime();
            kafka.preload(backlog.file, activity);
            say(String.format(Locale.ROOT, "backlog loaded in %.1f s", (System.nanoTime() - t0) / 1e9));
        }

        // --quick only proves the harness: there the replay and the cron baseline run beside the rest, to save time
        CompletableFuture<JsonNode> quickReplayAndCron = null;
        List<Drain.Result> replays = new ArrayList<>();
        List<Drain.Result> ouladReplays = new ArrayList<>();
        Oulad oulad = options.rows.contains(Row.OULAD) ? Oulad.at(options.oulad) : null;
        if (oulad != null && oulad.missing() != null) {
            say("OULAD replay skipped: " + oulad.missing());
            report.ouladSkipped(oulad.missing());
            oulad = null;
        }
        if (options.quick && options.rows.contains(Row.REPLAY)) {
            quickReplayAndCron = CompletableFuture.supplyAsync(() -> {
                try {
                    Path replayDir = Files.createDirectories(work.resolve("replay-r1"));
                    replays.add(replay(workload.file, null, replayDir));
                    return options.rows.contains(Row.CRON) ? cron(workload, replayDir.resolve("alerts.jsonl")) : null;
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
        }

        // 1-3: ceiling, live, replay; repeats interleaved so that a busy moment of the machine spreads over all
        Map<Row, Drain> drainers = new EnumMap<>(Row.class);
        for (Row row : options.rows) {
            if (row.drains()) {
                drainers.put(row, new Drain(flink.of(row), broker, kafka, options.drainSeconds));
            }
        }
        Map<String, SortedMap<Integer, Drain.Result>> drains = new LinkedHashMap<>();
        Path replayAlerts = null;
        warmUp(drainers, activity, backlogEvents);
        boolean repeated = options.rows.stream().anyMatch(Row::drains)
                || (!options.quick && options.rows.contains(Row.REPLAY)) || oulad != null;
        long repeatStarted = System.nanoTime();
        for (int rep = 1; repeated && rep <= options.repeats; rep++) {
            if (rep > 1 && options.budgetMinutes > 0) {
                double elapsed = (System.nanoTime() - startedNanos) / 60e9;
                double oneRepeat = (System.nanoTime() - repeatStarted) / 60e9 / (rep - 1);
                if (elapsed + oneRepeat + REST_OF_THE_BENCH_MINUTES > options.budgetMinutes) {
                    report.note(String.format(Locale.ROOT, "Throughput ran %d of the %d repeats asked for: one repeat took "
                            + "%.1f min, and another would have taken the bench past its budget of %.0f minutes "
                            + "(--budget-minutes).", rep - 1, options.repeats, oneRepeat, options.budgetMinutes));
                    break;
                }
            }
            String r = "r" + rep;
            for (Row row : Row.roundOrder(options.rows, rep)) {
                say("run " + rep + "/" + options.repeats + ": " + (row == Row.CEILING ? "" : "live ") + row.id);
                long events = backlogEvents;
                Drain.Result result = attempt(row.id + " run " + rep,
                        () -> drainOnce(drainers.get(row), row, row.id, row.id + "-" + r, activity, events));
                SortedMap<Integer, Drain.Result> runs = drains.computeIfAbsent(row.id, k -> new TreeMap<>());
                if (result != null) {
                    runs.put(rep, result);
                }
            }
            if (!options.quick && options.rows.contains(Row.REPLAY)) {
                say("run " + rep + "/" + options.repeats + ": replay");
                Path replayDir = Files.createDirectories(work.resolve("replay-" + r));
                Drain.Result replayed = attempt("replay run " + rep, () -> replay(workload.file, null, replayDir));
                if (replayed != null) {
                    replays.add(replayed);
                    replayAlerts = replayDir.resolve("alerts.jsonl");
                }
            }
            if (oulad != null) {
                say("run " + rep + "/" + options.repeats + ": replay of the OULAD history");
                Path ouladDir = Files.createDirectories(work.resolve("oulad-" + r));
                Oulad history = oulad;
                Drain.Result replayed = attempt("OULAD replay run " + rep,
                        () -> replay(history.events(), history.calendar(), ouladDir));
                if (replayed != null) {
                    ouladReplays.add(replayed);
                }
            }
        }
        flink.keepOnly(Row.clustersAfterThroughput(options.rows));
        JsonNode quickCron = null;
        if (quickReplayAndCron != null) {
            CompletableFuture<JsonNode> quick = quickReplayAndCron;
            quickCron = attempt("replay and cron baseline", quick::join);
        }
        report.throughput(drains, replays, options.rows);
        if (oulad != null) {
            report.oulad(ouladReplays, oulad.describe());
        }

        if (options.rows.contains(Row.STATE)) {
            state(workload, kafka, flink.of(Row.ROCKSDB_EXACTLY_ONCE), drains);
        }
        if (options.rows.contains(Row.FANOUT)) {
            fanout(kafka, gateway, gatewayPort);
        }
        if (options.rows.contains(Row.LATENCY)) {
            latency(workload, kafka, flink, gatewayPort, drains);
        }
        if (options.rows.contains(Row.CRON)) {
            // 7: the cron baseline
            Path alerts = replayAlerts;
            JsonNode cron = options.quick ? quickCron
                    : alerts == null ? null : attempt("cron baseline", () -> cron(workload, alerts));
            if (cron != null) {
                report.cron(cron);
            } else {
                report.note("Cron baseline: not measured in this run (it needs the replay's alerts; see the notes above).");
            }
        }
    }

    /**
     * Before the measured repeats, each kind of job they measure (the ceiling, each live row) drains
     * the backlog unmeasured on its own cluster until it is warm ({@link WarmUp}); the table says how
     * many runs it took.
     */
    private void warmUp(Map<Row, Drain> drainers, String activity, long events) throws Exception {
        if (options.warmUpRuns == 0) {
            return;
        }
        List<String> outcomes = new ArrayList<>();
        for (Row row : options.rows) {
            if (!row.drains()) {
                continue;
            }
            WarmUp.Outcome outcome = WarmUp.warm(row.id, options.warmUpRuns,
                    WARM_UP_BOUND,
                    n -> attempt("warm-up " + row.id + " run " + n,
                            () -> drainOnce(drainers.get(row), row, "warm-up " + row.id, "warm-up-" + row.id + "-" + n, activity, events)),
                    this::say);
            outcomes.add(outcome.describe());
        }
        report.warmUp(outcomes, options.warmUpRuns, WARM_UP_BOUND);
    }

    /**
     * The backlog the throughput rows drain: the workload itself, or, with more {@code --backlog-events}
     * (by default twice the workload), the same seeded learners generated on for more days, so that each
     * live drain spans two or three checkpoints instead of about one (the first events are the
     * workload's: the generator writes day after day).
     */
    private Workload backlog(Workload workload) throws IOException {
        if (options.backlogEvents == workload.events) {
            return workload;
        }
        say(String.format(Locale.ROOT, "generating the backlog of the throughput rows: %,d events", options.backlogEvents));
        Workload backlog = Workload.steady(work.resolve("backlog.jsonl"), options.seed, options.learners,
                options.backlogEvents, options.zipf, options.busiestEventsPerDay, WORKLOAD_START, Duration.ofDays(30));
        report.machine("backlog of the throughput rows", String.format(Locale.ROOT,
                "%,d events of %,d learners over %d days of event time (the same learners and seed, generated on for "
                        + "more days), %.0f MB of JSON lines", backlog.events, backlog.learnersSeen, backlog.days,
                Files.size(backlog.file) / 1e6));
        return backlog;
    }

    /** One drain of a throughput row's job over the backlog, with topics, group and checkpoints of its own ({@code tag}). */
    private Drain.Result drainOnce(Drain drain, Row row, String label, String tag, String activity, long events)
            throws Exception {
        if (row == Row.CEILING) {
            return drain.ceiling(label, jobOptions(activity, tag, "at-least-once", "hashmap", options.checkpointSeconds),
                    tag + "-out", events);
        }
        String delivery = row == Row.ROCKSDB_AT_LEAST_ONCE ? "at-least-once" : "exactly-once";
        String backend = row == Row.HASHMAP_EXACTLY_ONCE ? "hashmap" : "rocksdb";
        return drain.job(label, jobOptions(activity, tag, delivery, backend, options.checkpointSeconds), events);
    }

    /** 5: state, learners arriving in waves and forgotten; on RocksDB exactly-once's cluster (the same kind of job). */
    private void state(Workload workload, BenchKafka kafka, FlinkSession flink,
            Map<String, SortedMap<Integer, Drain.Result>> drains) {
        say("state: learners in waves, forgotten after " + options.stateForgetDays + " days of event time");
        int stateLearners = stateLearners(drains.getOrDefault(Row.ROCKSDB_EXACTLY_ONCE.id, new TreeMap<>()).values(),
                workload);
        StateRun.Result state = attempt("state run", () -> {
            Workload waves = Workload.waves(work.resolve("waves.jsonl"), options.seed, stateLearners,
                    options.stateWaveDays, options.stateWaves, options.zipf, options.busiestEventsPerDay, WORKLOAD_START,
                    Duration.ofDays(options.stateForgetDays));
            kafka.createTopics(4, "state-activity");
            Map<String, String> stateOptions = jobOptions("state-activity", "state", "exactly-once", "rocksdb",
                    options.stateCheckpointSeconds);
            stateOptions.put("rules.forget-after", options.stateForgetDays + " d");
            return new StateRun(flink, kafka).run(stateOptions, "state-activity", waves, options.stateWaveDays,
                    options.stateWaves);
        });
        if (state != null) {
            report.state(state, options, stateLearners);
        }
    }

    /** 6: gateway fan-out. */
    private void fanout(BenchKafka kafka, Child gateway, int gatewayPort) {
        Fanout fanout = new Fanout(kafka, gateway, gatewayPort, TOKEN);
        for (int clients : options.fanoutClients) {
            for (boolean stalled : new boolean[] {false, true}) {
                say("fan-out: " + clients + " clients" + (stalled ? " and one that stops reading" : ""));
                Fanout.Result result = attempt("fan-out to " + clients + " clients" + (stalled ? " + 1 stalled" : ""),
                        () -> fanout.run(clients, stalled, options.fanoutDeliveries, options.fanoutSeconds * 1000L,
                                options.fanoutStallSeconds * 1000L));
                if (result != null) {
                    report.fanout(result);
                }
            }
        }
    }

    /**
     * 4: latency, both delivery modes, at 50% and 80% of the sustained (drain) rate, each on the
     * cluster of its throughput row (the same kind of job); the last user of the gateway's alerts
     * topic (see below).
     */
    private void latency(Workload workload, BenchKafka kafka, FlinkClusters flink, int gatewayPort,
            Map<String, SortedMap<Integer, Drain.Result>> drains) throws Exception {
        LatencyRun.Receiver receiver = new LatencyRun.Receiver();
        ExecutorService wsExecutor = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(wsExecutor).build();
        WsClient ws = WsClient.handingTo(receiver, true).connectWithRetry(http,
                URI.create("ws://127.0.0.1:" + gatewayPort + "/ws/alerts?token=" + TOKEN), 3);
        try {
            // at-least-once first: a cancelled exactly-once job leaves its last transaction open on the
            // gateway's topic, which holds back read_committed readers until the transaction times out
            for (Row row : List.of(Row.ROCKSDB_AT_LEAST_ONCE, Row.ROCKSDB_EXACTLY_ONCE)) {
                String[] mode = {row == Row.ROCKSDB_AT_LEAST_ONCE ? "at-least-once" : "exactly-once", row.id};
                LatencyRun latency = new LatencyRun(flink.of(row), kafka, receiver);
                double sustained = Stats.Spread.of(drains.getOrDefault(mode[1], new TreeMap<>()).values().stream()
                        .map(Drain.Result::rate).toList()).median();
                if (Double.isNaN(sustained)) {
                    report.note("Latency " + mode[0] + ": not measured, since its drain rate could not be measured.");
                    continue;
                }
                String topic = "latency-" + mode[0];
                kafka.createTopics(4, topic);
                Map<String, String> opts = jobOptions(topic, "latency-" + mode[0], mode[0], "rocksdb", options.checkpointSeconds);
                opts.put("topic.alerts", LatencyRun.ALERTS_TOPIC);
                opts.put("watermark.out-of-orderness", options.latencyOutOfOrdernessSeconds + " s");
                say(String.format(Locale.ROOT, "latency, %s: 50%% and 80%% of %,.0f events/s", mode[0], sustained));
                LatencyRun.Result result = attempt("latency " + mode[0], () -> latency.run(mode[0], opts, topic,
                        workload.file, sustained, options.warmupSeconds * 1000L, options.phaseSeconds * 1000L,
                        options.latencyOutOfOrdernessSeconds * 1000L, options.checkpointSeconds * 1000L,
                        "lat-" + (mode[0].startsWith("exactly") ? "eo" : "alo") + "-"));
                if (result != null) {
                    report.latency(result);
                }
            }
        } finally {
            ws.abort();
            wsExecutor.shutdownNow();
        }
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    /**
     * Runs one measurement; if it fails, the bench goes on with the others and the table says what
     * could not be measured and why.
     */
    private <T> T attempt(String what, Step<T> step) {
        try {
            return step.run();
        } catch (Exception | Error e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            say(what + " FAILED: " + root);
            report.note("Not measured: " + what + " failed (" + root.getClass().getSimpleName() + ": "
                    + String.valueOf(root.getMessage()).split("\n")[0] + "); process logs are kept with --keep-workdir.");
            return null;
        }
    }

    /** The cron baseline in its own process, over the workload, with the replay's alerts for the simulated latency. */
    private JsonNode cron(Workload workload, Path replayAlerts) throws Exception {
        say("cron baseline: the six rules as SQL over SQLite, 15-minute and 1-minute cycles");
        try (Child cron = Child.start("cron", logs, "2g", "cron", List.of(
                "--events", workload.file.toString(), "--alerts", replayAlerts.toString(),
                "--db", work.resolve("cron.db").toString(),
                "--budget-seconds", Double.toString(options.cronBudgetSeconds), "--cycles-minutes", "15,1"))) {
            return JSON.readTree(cron.await("result", Duration.ofMinutes(10)));
        }
    }

    /**
     * Learners per wave of the state run: as asked, or fewer if its events would take more than
     * {@link #STATE_RUN_SECONDS} at the RocksDB drain rate measured before.
     */
    private int stateLearners(Collection<Drain.Result> rocksdb, Workload workload) {
        double rate = Stats.Spread.of(rocksdb.stream().map(Drain.Result::rate).toList()).median();
        if (Double.isNaN(rate)) {
            return options.stateLearners;
        }
        double eventsPerLearnerDay = workload.events / (double) workload.learnersSeen / workload.days;
        double events = (double) options.stateLearners * options.stateWaves * options.stateWaveDays * eventsPerLearnerDay;
        double affordable = options.budgetMinutes > 0 ? rate * STATE_RUN_SECONDS : Double.MAX_VALUE;
        if (events <= affordable) {
            return options.stateLearners;
        }
        int learners = Math.max(100, (int) (options.stateLearners * affordable / events));
        report.note(String.format(Locale.ROOT, "State: %,d learners per wave instead of %,d, so that the state run's "
                + "events take about %d s at the RocksDB drain rate (--budget-minutes).", learners, options.stateLearners,
                STATE_RUN_SECONDS));
        return learners;
    }

    /**
     * One replay of {@code input} (with a course calendar, or null) in its own process: the lines it
     * read, its wall time and its process's CPU time (its cluster's start excluded), no broker.
     */
    private Drain.Result replay(Path input, Path calendar, Path outputDir) throws Exception {
        List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--output-dir", outputDir.toString(),
                "--parallelism", Integer.toString(options.parallelism)));
        if (calendar != null) {
            args.addAll(List.of("--calendar", calendar.toString()));
        }
        try (Child replay = Child.start("replay", logs, "2g", "replay", args)) {
            String[] result = replay.await("result", Duration.ofMinutes(10)).split(" ");
            Drain.Result replayed = new Drain.Result("replay", Long.parseLong(result[4]), Long.parseLong(result[0]) / 1000.0,
                    Double.parseDouble(result[1]), Double.NaN);
            System.err.printf(Locale.ROOT, "bench:   replay: %,d events in %.1f s = %,.0f events/s, %.2f cores%n",
                    replayed.events(), replayed.seconds(), replayed.rate(), replayed.jobCores());
            return replayed;
        }
    }

    /** The live job's options for one run: its own consumer group, transactional ids, output topics and checkpoints. */
    private Map<String, String> jobOptions(String activityTopic, String tag, String delivery, String backend,
            int checkpointSeconds) throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("bootstrap-servers", bootstrap);
        o.put("topic.activity", activityTopic);
        o.put("topic.alerts", tag + "-alerts");
        o.put("topic.metrics", tag + "-metrics");
        o.put("topic.dlq", tag + "-dlq");
        o.put("group-id", "bench-" + tag);
        o.put("transactional-id-prefix", "bench-" + tag);
        o.put("start-from", "earliest");
        o.put("delivery", delivery);
        o.put("state-backend", backend);
        o.put("checkpoint-interval", checkpointSeconds + " s");
        o.put("checkpoint-dir", Files.createDirectories(work.resolve("checkpoints").resolve(tag)).toUri().toString());
        o.put("parallelism", Integer.toString(options.parallelism));
        return o;
    }

    /** latest.md for a full run; a quick or partial one does not overwrite it. */
    private static Path defaultOutput(BenchOptions options) {
        String name = options.quick ? "latest-quick.md" : options.allRows() ? "latest.md" : "latest-rows.md";
        return repositoryRoot().resolve("bench").resolve("results").resolve(name);
    }

    /** The repository holding this module (bench/target/classes → the root), else the working directory. */
    private static Path repositoryRoot() {
        if (System.getProperty(ROOT_PROPERTY) != null) {
            return Path.of(System.getProperty(ROOT_PROPERTY));
        }
        try {
            Path classes = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = classes; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("bench")) && Files.exists(p.resolve("pom.xml"))) {
                    return p;
                }
            }
        } catch (Exception e) {
            // fall through
        }
        return Path.of("").toAbsolutePath();
    }

    private void say(String line) {
        System.err.printf(Locale.ROOT, "bench [%4.0f s]: %s%n", (System.nanoTime() - startedNanos) / 1e9, line);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
