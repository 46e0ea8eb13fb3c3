package io.learnpulse.bench;

import io.learnpulse.cli.Cli;
import io.learnpulse.gateway.Gateway;
import io.learnpulse.gateway.GatewayConfig;
import io.learnpulse.gateway.GatewayOption;
import io.learnpulse.job.replay.Replay;
import io.learnpulse.kafka.LocalKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The entry point of the bench's child processes ({@link Child}): {@code kafka}, {@code flink},
 * {@code gateway}, {@code replay} and {@code cron}, and {@code bench} itself on its classpath
 * snapshot. Each answers on stdout with {@code @@bench} lines and, if it is a service, runs until its
 * stdin is closed; a failure is one line on stderr (the child's log) and exit status 1.
 */
@Command(name = "bench-child", subcommands = BenchCommand.class)
public final class ChildMain {
    private ChildMain() {}

    public static void main(String[] args) {
        System.exit(Cli.run(new ChildMain(), args));
    }

    static void answer(String line) {
        synchronized (System.out) {
            System.out.println(Child.PREFIX + line);
            System.out.flush();
        }
    }

    /** Blocks until the parent closes our stdin (or dies). */
    private static void awaitStop() throws IOException {
        while (System.in.read() >= 0) {
            // nothing is sent on stdin; its end is the signal
        }
    }

    @Command(name = "kafka")
    void kafka() throws IOException {
        try (LocalKafka kafka = LocalKafka.start()) {
            answer("ready " + kafka.bootstrapServers());
            awaitStop();
        }
    }

    /**
     * A local Flink session cluster (one TaskManager, {@code slots} slots) that runs the jobs the
     * bench submits to its REST port, one after the other. Asked {@code records-in <job id> <task
     * name part>} on stdin, it answers the task's records in from {@link RecordsInReporter}: how the
     * throughput rows follow a drain without a metric fetch; asked {@code gc}, it collects its garbage
     * and answers the milliseconds that took. The REST API's metrics (the state run
     * waits on them) are fetched when asked, at most every 250 ms instead of Flink's 10 s, so that
     * they are fresh.
     */
    @Command(name = "flink")
    void flink(@Option(names = "--slots", defaultValue = "2") int slots,
            @Option(names = "--managed-mb", defaultValue = "512") long managedMegabytes) throws Exception {
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, "0");
        config.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(250));
        config.setString("metrics.reporter.records-in.factory.class", RecordsInReporter.Factory.class.getName());
        // the latency runs read every checkpoint's completion time back
        config.set(org.apache.flink.configuration.WebOptions.CHECKPOINTS_HISTORY_SIZE, 200);
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE,
                MemorySize.ofMebiBytes(managedMegabytes));
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build())) {
            cluster.start();
            URI rest = cluster.getRestAddress().get();
            answer("ready " + rest.getPort());
            BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String request = requests.readLine(); request != null; request = requests.readLine()) {
                String[] words = request.split(" ");
                if (words.length == 3 && words[0].equals("records-in")) {
                    answer("records-in " + RecordsInReporter.recordsIn(words[1], words[2]));
                } else if (request.equals("gc")) {
                    long started = System.nanoTime();
                    System.gc();
                    answer("gc " + (System.nanoTime() - started) / 1_000_000);
                } else {
                    answer("error unknown request: " + request);
                }
            }
        }
    }

    @Command(name = "gateway")
    void gateway(@Option(names = "--bootstrap-servers", required = true) String bootstrapServers,
            @Option(names = "--data-dir", required = true) Path dataDir,
            @Option(names = "--admin-token", required = true) String adminToken) throws IOException {
        GatewayConfig config = GatewayConfig.defaults(bootstrapServers)
                .with(GatewayOption.HTTP_HOST, "127.0.0.1")
                .with(GatewayOption.HTTP_PORT, 0)
                .with(GatewayOption.DATA_DIR, dataDir)
                .with(GatewayOption.ADMIN_TOKEN, adminToken)
                // the fan-out rows connect up to 1,000 clients with the one bench token
                .with(GatewayOption.WS_MAX_PER_PRINCIPAL, 10_000);
        try (Gateway gateway = Gateway.start(config)) {
            answer("ready " + gateway.port());
            awaitStop();
        }
    }

    /**
     * {@code learnpulse replay} of a file on a local Flink of its own, as ReplayCommand runs it; answers
     * with the wall time and this process's CPU time of the replay itself (cluster start excluded), its
     * alerts, dead letters and inputs.
     */
    @Command(name = "replay")
    void replay(@Option(names = "--input", required = true) Path input,
            @Option(names = "--output-dir", required = true) Path outputDir,
            @Option(names = "--parallelism", defaultValue = "2") int parallelism,
            @Option(names = "--calendar") Path calendar) throws Exception {
        Replay.Request request = new Replay.Request();
        request.input = input;
        request.calendar = calendar;
        request.output = outputDir.resolve("alerts.jsonl");
        request.deadLetters = outputDir.resolve("alerts.dlq.jsonl");
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, "0");
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .build())) {
            cluster.start();
            URI rest = cluster.getRestAddress().get();
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createRemoteEnvironment(rest.getHost(), rest.getPort(), config);
            env.setParallelism(parallelism);
            double cpuBefore = Cpu.self();
            long started = System.nanoTime();
            Replay.Result result = Replay.run(env, request);
            long wallNanos = System.nanoTime() - started;
            double cpu = Cpu.self() - cpuBefore;
            answer(String.format(Locale.ROOT, "result %d %.3f %d %d %d", wallNanos / 1_000_000, cpu,
                    result.alerts.size(), result.deadLetters.size(), result.inputs));
        }
    }

    @Command(name = "cron")
    void cron(@Option(names = "--events", required = true) Path events,
            @Option(names = "--alerts", required = true) Path alerts,
            @Option(names = "--db", required = true) Path db,
            @Option(names = "--budget-seconds", defaultValue = "30") double budgetSeconds,
            @Option(names = "--cycles-minutes", split = ",", defaultValue = "15,1") List<Long> cyclesMinutes)
            throws Exception {
        CronBaseline.run(events, alerts, db, budgetSeconds, cyclesMinutes);
    }
}
