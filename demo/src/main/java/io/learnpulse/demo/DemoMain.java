package io.learnpulse.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.Gateway;
import io.learnpulse.gateway.GatewayConfig;
import io.learnpulse.job.JobOptions;
import io.learnpulse.job.LearnpulseJob;
import io.learnpulse.kafka.LocalKafka;
import io.learnpulse.synthetic.SyntheticLearners;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code learnpulse demo} (DESIGN §5): an embedded Kafka broker, the job on a local Flink with
 * RocksDB and checkpoints, the gateway and its dashboard, and synthetic learners (or a file of
 * events), all in this one process; Ctrl-C or SIGTERM stops everything and deletes its data.
 */
public final class DemoMain {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("learnpulse demo: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        new DemoMain().run(options);
    }

    private void run(DemoOptions options) throws Exception {
        Path data = Files.createTempDirectory("learnpulse-demo-");
        CountDownLatch stopped = new CountDownLatch(1);
        ActivityPublisher[] publisher = new ActivityPublisher[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (publisher[0] != null) {
                publisher[0].stop();
            }
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown"));

        say("starting Kafka...");
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopic("learner-activity", 4);
            for (String topic : new String[] {"learner-alerts", "learner-metrics", "learner-dlq"}) {
                kafka.createTopic(topic, 1);
            }
            say("starting the gateway...");
            try (Gateway gateway = Gateway.start(GatewayConfig.defaults(kafka.bootstrapServers())
                    .withHttpPort(options.httpPort)
                    .withDataDir(data.resolve("gateway"))
                    .withAdminToken(options.adminToken))) {
                say("starting the job on a local Flink (RocksDB, checkpoints every "
                        + options.checkpointInterval.toSeconds() + " s)...");
                JobClient job = startJob(kafka.bootstrapServers(), data, options);
                try (ActivityPublisher activity = new ActivityPublisher(kafka.bootstrapServers(), "learner-activity")) {
                    publisher[0] = activity;
                    String url = "http://localhost:" + gateway.port() + "/?token=" + options.adminToken;
                    say("");
                    say("dashboard: " + url);
                    say("stop with Ctrl-C");
                    say("");
                    ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "demo-status");
                        t.setDaemon(true);
                        return t;
                    });
                    status.scheduleAtFixedRate(() -> say(status(activity, gateway.port(), options.adminToken)),
                            5, 5, TimeUnit.SECONDS);
                    publish(activity, options);
                    status.shutdownNow();
                } finally {
                    say("stopping...");
                    job.cancel().get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            deleteRecursively(data);
            stopped.countDown();
        }
    }

    private static JobClient startJob(String bootstrapServers, Path data, DemoOptions options) throws Exception {
        Configuration jobOptions = new Configuration();
        jobOptions.set(JobOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        jobOptions.set(JobOptions.CHECKPOINT_INTERVAL, options.checkpointInterval);
        jobOptions.set(JobOptions.CHECKPOINT_DIR, data.resolve("checkpoints").toUri().toString());
        jobOptions.set(JobOptions.PARALLELISM, options.parallelism);
        jobOptions.set(JobOptions.START_FROM, "earliest");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                LearnpulseJob.flinkConfiguration(jobOptions));
        LearnpulseJob.build(env, jobOptions);
        return env.executeAsync("learnpulse demo");
    }

    /** Publishes until stopped: the file's events once and then waits, or synthetic learners forever. */
    private static void publish(ActivityPublisher activity, DemoOptions options) throws IOException, InterruptedException {
        if (options.events != null) {
            activity.publishFile(options.events);
            say("published all " + activity.published() + " events of " + options.events + "; Ctrl-C to stop");
            activity.awaitStop();
        } else {
            activity.publishSimulated(new SyntheticLearners(options.seed, options.learners, options.start, 0.0, 6.0),
                    options.start, options.speed);
        }
    }

    private static String status(ActivityPublisher activity, int port, String token) {
        String alerts;
        try {
            HttpResponse<String> stats = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/alerts/stats"))
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            alerts = JSON.readTree(stats.body()).path("total").asText("?");
        } catch (IOException e) {
            alerts = "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            alerts = "?";
        }
        String eventTime = activity.simulatedTime() > 0
                ? " (event time " + Instant.ofEpochMilli(activity.simulatedTime()) + ")" : "";
        return String.format("events published: %,d%s  alerts on the dashboard: %s", activity.published(), eventTime, alerts);
    }

    private static void say(String line) {
        System.out.println(line.isEmpty() ? line : "learnpulse demo: " + line);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("learnpulse demo: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
