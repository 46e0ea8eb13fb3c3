package io.learnpulse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it ({@code bin/learnpulse demo}), in its own JVM: it prints the dashboard
 * URL and no library chatter, alerts reach the gateway, the synthetic learners'
 * course calendar reaches it and their missed deadlines follow, so do their risk scores, and SIGTERM
 * stops it cleanly, deleting its data.
 */
class DemoITCase {
    /**
     * How long the demo may take to start and to carry each step through Kafka, Flink and the gateway on a
     * slow or busy machine (a loaded CI runner took 66 s just to start it); a fast machine waits no longer
     * than each step takes, as every wait ends once its condition holds.
     */
    private static final Duration SLOW_MACHINE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void raisesAlertsOnTheDashboardAndStopsCleanlyOnSigterm() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path log = dir.resolve("demo.console");
        Path libraryLog = dir.resolve("demo.log");
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> command = new ArrayList<>(List.of("java", "@" + root.resolve("bin/jvm.options"),
                "-Djava.io.tmpdir=" + tmp, "-Dlog4j.configurationFile=" + root.resolve("bin/log4j2.properties"),
                "-Dlearnpulse.log.file=" + libraryLog,
                "-cp", "target/classes:" + Files.readString(Path.of("target/classpath.txt")).trim(),
                Learnpulse.class.getName(), "demo", "--http-port", Integer.toString(port), "--admin-token", "demo-t0k3n-0123456789",
                "--learners", "30", "--speed", "28800"));
        Process demo = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitDemo("the dashboard URL", demo).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.readString(log).contains("dashboard: http://localhost:" + port + "/#token=demo-t0k3n-0123456789"));
            awaitDemo("alerts on the dashboard", demo).pollInterval(Duration.ofSeconds(1))
                    .until(() -> alertsStored(port) > 0);
            // the first weekly deadline passes a simulated day 8 (24 s at this speed): learners who did not submit miss it
            awaitDemo("missed deadlines on the dashboard", demo).pollInterval(Duration.ofSeconds(2))
                    .until(() -> get(port, "/api/alerts/stats").path("byType").path("MISSED_DEADLINE").asLong() > 0);
            awaitDemo("the course calendar with its misses", demo).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        JsonNode calendar = get(port, "/api/courses/course-1/calendar").path("items");
                        assertThat(calendar).hasSize(12);
                        assertThat(calendar.get(0).path("title").asText()).isEqualTo("Week 1 assignment");
                    });
            // the job's risk scores reach the gateway: a learner who missed a deadline was scored then
            JsonNode missed = get(port, "/api/alerts?type=MISSED_DEADLINE&limit=1").path("items").get(0);
            String learner = missed.path("userId").asText();
            awaitDemo("the risk score of " + learner, demo).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(get(port, "/api/users/" + learner + "/risk").path("latest")
                            .path("band").asText()).isIn("low", "medium", "high"));
            JsonNode summary = get(port, "/api/cohorts/" + missed.path("cohortId").asText() + "/summary");
            assertThat(summary.path("learnerCount").asInt()).isPositive();
            assertThat(summary.path("learnersByBand").path("unscored").asInt())
                    .as("learners of the cohort scored").isLessThan(summary.path("learnerCount").asInt());
            assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("learnpulse-demo-"));
            assertThat(Files.readString(log)).as("the console: learnpulse's own lines")
                    .contains("learnpulse demo: logging to " + libraryLog)
                    .doesNotContain("Bootstrap metadata").doesNotContain("Formatting metadata directory")
                    .doesNotContain(" INFO ");
            assertThat(Files.readString(libraryLog)).as("the libraries' log").contains("Bootstrap metadata");
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            // the temporary directory goes with the test: its console is the clue to why the demo was late or died
            throw new AssertionError(e.getMessage() + "\nthe demo's console:\n" + Files.readString(log), e);
        } finally {
            demo.destroy(); // SIGTERM
        }
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo stops within a minute of SIGTERM").isTrue();
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("stopping...");
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString()))
                .as("no demo or Kafka data left behind").noneMatch(n -> n.startsWith("learnpulse-"));
    }

    /**
     * A bounded wait for a step of the running demo, at most {@link #SLOW_MACHINE}; it ends at once if the
     * demo has exited meanwhile, so a crash is not mistaken for a slow machine.
     */
    private static ConditionFactory awaitDemo(String what, Process demo) {
        return await(what).atMost(SLOW_MACHINE)
                .failFast("the demo exited while waiting for " + what, () -> !demo.isAlive());
    }

    /** The gateway's JSON answer to {@code GET path} with the demo's token. */
    private static JsonNode get(int port, String path) throws IOException {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Authorization", "Bearer demo-t0k3n-0123456789").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static long alertsStored(int port) {
        try {
            return get(port, "/api/alerts/stats").path("total").asLong();
        } catch (IOException e) {
            return 0; // the gateway is not up yet
        }
    }
}
