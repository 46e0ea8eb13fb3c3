package io.learnpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.learnpulse.cli.Cli;
import io.learnpulse.demo.PublishCommand;
import io.learnpulse.gateway.GatewayCommand;
import io.learnpulse.gateway.GatewayConfig;
import io.learnpulse.job.JobOptions;
import io.learnpulse.job.LearnpulseJob;
import io.learnpulse.kafka.LocalKafka;
import io.learnpulse.testkit.Wait;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images of docker/, as far as they can be run without a Docker engine: the learnpulse image's
 * layout and entry point run for real (its Dockerfile's own scripts, on this build's output); the
 * job image's jar path, base image and the compose file's arguments are checked against the
 * FlinkDeployment and the job's and gateway's own parsers.
 */
class ImagesTest {
    private static final Path DOCKER = RenderedManifests.ROOT.resolve("docker");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theLearnpulseImageStartsTheGatewayThroughItsEntryPoint(@TempDir Path work) throws Exception {
        Path app = work.resolve("app");
        run(List.of("sh", DOCKER.resolve("stage-app.sh").toString(), app.toString()), work.resolve("stage.log"));
        try (Stream<Path> jars = Files.list(app.resolve("lib"))) {
            assertThat(jars.count()).as("jars staged as the image holds them").isGreaterThan(10);
        }

        try (LocalKafka kafka = LocalKafka.start()) {
            int port = freePort();
            ProcessBuilder entryPoint = new ProcessBuilder("sh", DOCKER.resolve("entrypoint.sh").toString(),
                    "gateway", "--bootstrap-servers", kafka.bootstrapServers(), "--http-port", String.valueOf(port),
                    "--data-dir", work.resolve("data").toString(), "--admin-token", "image-test-admin-token")
                    .redirectErrorStream(true).redirectOutput(work.resolve("gateway.log").toFile());
            entryPoint.environment().put("LEARNPULSE_HOME", app.toString());
            entryPoint.environment().put("JAVA_OPTS", "-Xmx512m");
            Process gateway = entryPoint.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                Wait.until("the gateway's /health answers 200", Duration.ofSeconds(90),
                        () -> gateway.isAlive() && status(http, "http://localhost:" + port + "/health", null) == 200);
                assertThat(status(http, "http://localhost:" + port + "/api/alerts", "image-test-admin-token")).isEqualTo(200);
                assertThat(status(http, "http://localhost:" + port + "/api/alerts", null)).isEqualTo(401);
            } finally {
                gateway.destroy();
                assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("the gateway stops on SIGTERM").isTrue();
            }
        }
    }

    @Test
    void theJobImageHoldsTheJarWhereTheFlinkDeploymentAndComposeLookForIt() throws Exception {
        List<String> dockerfile = Files.readAllLines(DOCKER.resolve("job.Dockerfile"));
        List<String> from = dockerfile.stream().filter(line -> line.startsWith("FROM ")).toList();
        assertThat(from.get(from.size() - 1))
                .isEqualTo("FROM flink:" + System.getProperty("flink.version") + "-scala_2.12-java17");
        assertThat(dockerfile).anyMatch(line -> line.contains("plugins/s3-fs-presto"));
        String jarInImage = dockerfile.stream().filter(line -> line.startsWith("COPY --from=build"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElseThrow();

        JsonNode flinkDeployment = YAML.readTree(RenderedManifests.KUBERNETES.resolve("base/flink-deployment.yaml").toFile());
        assertThat(flinkDeployment.at("/spec/job/jarURI").asText()).isEqualTo("local://" + jarInImage);
        JsonNode compose = YAML.readTree(DOCKER.resolve("docker-compose.yml").toFile());
        JsonNode jobmanager = compose.at("/services/jobmanager");
        assertThat(jobmanager.at("/build/dockerfile").asText()).isEqualTo("docker/job.Dockerfile");
        assertThat(jobmanager.path("image").asText()).isEqualTo(flinkDeployment.at("/spec/image").asText());
        assertThat(compose.at("/services/taskmanager/image").asText()).isEqualTo(jobmanager.path("image").asText());

        List<String> command = strings(jobmanager.path("command"));
        assertThat(command.subList(0, 3)).containsExactly("standalone-job", "--job-classname", LearnpulseJob.class.getName());
        JobOptions.parse(command.subList(3, command.size()).toArray(String[]::new));
    }

    @Test
    void composeRunsTheGatewayAndGeneratorWithOptionsTheyKnowOnTheTopicsOfKubernetes() throws Exception {
        JsonNode compose = YAML.readTree(DOCKER.resolve("docker-compose.yml").toFile());
        JsonNode gateway = compose.at("/services/gateway");
        assertThat(gateway.at("/build/dockerfile").asText()).isEqualTo("docker/learnpulse.Dockerfile");
        JsonNode deployment = YAML.readTree(RenderedManifests.KUBERNETES.resolve("base/gateway.yaml").toFile());
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).isEqualTo(gateway.path("image").asText());
        assertThat(compose.at("/services/generator/image").asText()).isEqualTo(gateway.path("image").asText());

        List<String> gatewayCommand = strings(gateway.path("command"));
        assertThat(gatewayCommand.get(0)).isEqualTo("gateway");
        GatewayConfig config = GatewayCommand.parse(gatewayCommand.subList(1, gatewayCommand.size()).toArray(String[]::new));
        assertThat(strings(gateway.path("ports"))).contains(config.httpPort() + ":" + config.httpPort());
        List<String> generator = strings(compose.at("/services/generator/command"));
        assertThat(generator.get(0)).isEqualTo("publish");
        Cli.parse(new PublishCommand(), generator.subList(1, generator.size()).toArray(String[]::new));

        // topic:partitions[:compact] in the topic-init loop, against the KafkaTopics of deploy/kubernetes
        Matcher loop = Pattern.compile("for spec in ([^;]+);").matcher(compose.at("/services/topics/command/0").asText());
        assertThat(loop.find()).isTrue();
        Map<String, Boolean> composeTopics = new HashMap<>();
        for (String spec : loop.group(1).trim().split("\\s+")) {
            String[] parts = spec.split(":");
            composeTopics.put(parts[0], parts.length > 2 && parts[2].equals("compact"));
        }
        Map<String, Boolean> kubernetesTopics = new HashMap<>();
        for (JsonNode topic : RenderedManifests.parse(Files.readString(RenderedManifests.KUBERNETES.resolve("base/topics.yaml")))) {
            kubernetesTopics.put(topic.at("/metadata/name").asText(),
                    topic.at("/spec/config/cleanup.policy").asText().equals("compact"));
        }
        assertThat(composeTopics).isEqualTo(kubernetesTopics);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static int status(HttpClient http, String url, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process process = new ProcessBuilder(command).directory(RenderedManifests.ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
        assertThat(process.exitValue()).as("%s exit status (log: %s)", command, Files.readString(log)).isZero();
    }
}
