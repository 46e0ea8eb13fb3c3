package io.learnpulse.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.cli.Cli;
import io.learnpulse.cli.UsageException;
import io.learnpulse.gateway.Gateway;
import io.learnpulse.gateway.GatewayConfig;
import io.learnpulse.gateway.GatewayOption;
import io.learnpulse.job.JobOptions;
import io.learnpulse.job.LearnpulseJob;
import io.learnpulse.kafka.LocalKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code learnpulse demo} (docs/cli.md): an embedded Kafka broker, the job on a local Flink with
 * RocksDB and checkpoints, the gateway and its dashboard, and synthetic learners (or a file of
 * events), all in this one process; Ctrl-C or SIGTERM stops everything and deletes its data.
 */
@Command(name = "demo", description = {
        "Everything on one machine, in one process: Kafka, the job, the gateway and synthetic learners.",
        "Prints the dashboard's URL; Ctrl-C stops everything and deletes its data."})
public final class DemoCommand implements Callable<Integer> {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    /** The job's and the gateway's default calendar topic (docs/events.md). */
    private static final String CALENDAR_TOPIC = "course-calendar";

    @Option(names = "--http-port", paramLabel = "PORT", description = "The gateway's port (0 picks a free one).")
    int httpPort = 7070;

    @Option(names = "--admin-token", paramLabel = "TOKEN", showDefaultValue = Visibility.NEVER,
            description = {"The dashboard's admin token.", "  Default: random"})
    String adminToken;

    @Mixin
    ActivityOptions activity = new ActivityOptions();

    @Option(names = "--parallelism", paramLabel = "N", description = "The job's parallelism.")
    int parallelism = 1;

    @Override
    public Integer call() throws Exception {
        activity.check();
        if (parallelism < 1) {
            throw new UsageException("--parallelism must be positive");
        }
        String token = adminToken != null ? adminToken : HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        run(token);
        return Cli.DONE;
    }

    private void run(String adminToken) throws Exception {
        Path data = Files.createTempDirectory("learnpulse-demo-");
        CountDownLatch stopped = new CountDownLatch(1);
        ActivityPublisher[] running = new ActivityPublisher[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (running[0] != null) {
                running[0].stop();
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
            for (String topic : new String[] {"learner-alerts", "learner-metrics", "learner-risk", "learner-dlq"}) {
                kafka.createTopic(topic, 1);
            }
            kafka.createCompactedTopic(CALENDAR_TOPIC, 1);
            kafka.createCompactedTopic("learner-settings", 1);
            say("starting the gateway...");
            try (Gateway gateway = Gateway.start(GatewayConfig.defaults(kafka.bootstrapServers())
                    .with(GatewayOption.HTTP_PORT, httpPort)
                    .with(GatewayOption.DATA_DIR, data.resolve("gateway"))
                    .with(GatewayOption.ADMIN_TOKEN, adminToken))) {
                say("starting the job on a local Flink (RocksDB, checkpoints every "
                        + CHECKPOINT_INTERVAL.toSeconds() + " s)...");
                JobClient job = startJob(kafka.bootstrapServers(), data);
                try (ActivityPublisher publisher = new ActivityPublisher(kafka.bootstrapServers(), "learner-activity")) {
                    running[0] = publisher;
                    String url = "http://localhost:" + gateway.port() + "/#token=" + adminToken;
                    say("");
                    say("dashboard: " + url);
                    say("stop with Ctrl-C");
                    say("");
                    ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "demo-status");
                        t.setDaemon(true);
                        return t;
                    });
                    status.scheduleAtFixedRate(() -> say(status(publisher, gateway.port(), adminToken)),
                            5, 5, TimeUnit.SECONDS);
                    publish(publisher);
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

    private JobClient startJob(String bootstrapServers, Path data) throws Exception {
        Configuration jobOptions = new Configuration();
        jobOptions.set(JobOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        jobOptions.set(JobOptions.CHECKPOINT_INTERVAL, CHECKPOINT_INTERVAL);
        jobOptions.set(JobOptions.CHECKPOINT_DIR, data.resolve("checkpoints").toUri().toString());
        jobOptions.set(JobOptions.PARALLELISM, parallelism);
        jobOptions.set(JobOptions.START_FROM, "earliest");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                LearnpulseJob.flinkConfiguration(jobOptions));
        LearnpulseJob.build(env, jobOptions);
        return env.executeAsync("learnpulse demo");
    }

    /**
     * Publishes until stopped: the file's events once and then waits, or the synthetic learners' course
     * calendar and then the learners forever.
     */
    private void publish(ActivityPublisher publisher) throws IOException, InterruptedException {
        if (activity.events != null) {
            publisher.publishFile(activity.events);
            say("published all " + publisher.published() + " events of " + activity.events + "; Ctrl-C to stop");
            publisher.awaitStop();
        } else {
            publisher.publishCalendar(CALENDAR_TOPIC, activity.courses().calendar());
            publisher.publishSimulated(activity.synthetic(), activity.start(), activity.speed);
        }
    }

    private static String status(ActivityPublisher publisher, int port, String token) {
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
        String eventTime = publisher.simulatedTime() > 0
                ? " (event time " + Instant.ofEpochMilli(publisher.simulatedTime()) + ")" : "";
        return String.format("events published: %,d%s  alerts on the dashboard: %s", publisher.published(), eventTime, alerts);
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
