package io.learnpulse.bench;

import io.learnpulse.gateway.Gateway;
import io.learnpulse.gateway.GatewayConfig;
import io.learnpulse.job.replay.Replay;
import io.learnpulse.kafka.LocalKafka;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry point of the bench's child processes ({@link Child}): {@code kafka}, {@code flink},
 * {@code gateway}, {@code replay} and {@code cron}. Each answers on stdout with {@code @@bench}
 * lines and, if it is a service, runs until its stdin is closed.
 */
public final class ChildMain {
    private ChildMain() {}

    public static void main(String[] args) {
        try {
            Map<String, String> options = options(args);
            switch (args[0]) {
                case "kafka" -> kafka(options);
                case "flink" -> flink(options);
                case "gateway" -> gateway(options);
                case "replay" -> replay(options);
                case "cron" -> CronBaseline.run(options);
                default -> throw new IllegalArgumentException("unknown child mode " + args[0]);
            }
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            answer("error " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
            System.exit(1);
        }
    }

    static void answer(String line) {
        synchronized (System.out) {
            System.out.println(Child.PREFIX + line);
            System.out.flush();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    /** Blocks until the parent closes our stdin (or dies). */
    private static void awaitStop() throws IOException {
        while (System.in.read() >= 0) {
            // nothing is sent on stdin; its end is the signal
        }
    }

    private static void kafka(Map<String, String> options) throws IOException {
        try (LocalKafka kafka = LocalKafka.start()) {
            answer("ready " + kafka.bootstrapServers());
            awaitStop();
        }
    }

    /**
     * A local Flink session cluster (one TaskManager, {@code slots} slots) that runs the jobs the
     * bench submits to its REST port, one after the other; metrics are fetched every 250 ms so that
     * the bench can follow a job's progress closely.
     */
    private static void flink(Map<String, String> options) throws Exception {
        int slots = Integer.parseInt(options.getOrDefault("slots", "2"));
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, "0");
        config.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(250));
        // the latency runs read every checkpoint's completion time back
        config.set(org.apache.flink.configuration.WebOptions.CHECKPOINTS_HISTORY_SIZE, 200);
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE,
                MemorySize.ofMebiBytes(Long.parseLong(options.getOrDefault("managed-mb", "512"))));
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build())) {
            cluster.start();
            URI rest = cluster.getRestAddress().get();
            answer("ready " + rest.getPort());
            awaitStop();
        }
    }

    private static void gateway(Map<String, String> options) throws IOException {
        GatewayConfig config = GatewayConfig.defaults(options.get("bootstrap-servers"))
                .withHttpHost("127.0.0.1")
                .withHttpPort(0)
                .withDataDir(Path.of(options.get("data-dir")))
                .withAdminToken(options.get("admin-token"));
        try (Gateway gateway = Gateway.start(config)) {
            answer("ready " + gateway.port());
            awaitStop();
        }
    }

    /**
     * {@code learnpulse replay} of a file on a local Flink of its own, as ReplayCommand runs it; answers
     * with the wall time and this process's CPU time of the replay itself (cluster start excluded).
     */
    private static void replay(Map<String, String> options) throws Exception {
        int parallelism = Integer.parseInt(options.getOrDefault("parallelism", "2"));
        Path outputDir = Path.of(options.get("output-dir"));
        Replay.Request request = new Replay.Request();
        request.input = Path.of(options.get("input"));
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
            answer(String.format(Locale.ROOT, "result %d %.3f %d %d", wallNanos / 1_000_000, cpu,
                    result.alerts.size(), result.deadLetters.size()));
        }
    }
}
