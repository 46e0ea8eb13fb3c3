package io.learnpulse.gateway.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the watched job's state, restarts and last checkpoint from the Flink REST API. */
final class FlinkRestClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String baseUrl;
    private final String jobName;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param baseUrl null when none is configured */
    FlinkRestClient(String baseUrl, String jobName, ObjectMapper mapper) {
        this.baseUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
        this.jobName = jobName;
        this.mapper = mapper;
    }

    FlinkJob job() {
        if (baseUrl == null) {
            return FlinkJob.withState("unknown", "no Flink REST URL configured");
        }
        try {
            JsonNode chosen = null;
            for (JsonNode job : get("/jobs/overview").path("jobs")) {
                if (!jobName.equals(job.path("name").asText())) {
                    continue;
                }
                // the running one, else the latest started
                if (chosen == null || "RUNNING".equals(job.path("state").asText())
                        && !"RUNNING".equals(chosen.path("state").asText())
                        || job.path("state").asText().equals(chosen.path("state").asText())
                        && job.path("start-time").asLong() > chosen.path("start-time").asLong()) {
                    chosen = job;
                }
            }
            if (chosen == null) {
                return FlinkJob.withState("absent", "no job named " + jobName);
            }
            String id = chosen.path("jid").asText();
            Long restarts = null;
            for (JsonNode metric : get("/jobs/" + id + "/metrics?get=numRestarts")) {
                restarts = metric.path("value").asLong();
            }
            JsonNode checkpoints = get("/jobs/" + id + "/checkpoints");
            JsonNode completed = checkpoints.path("latest").path("completed");
            FlinkJob.Checkpoint last = completed.isObject()
                    ? new FlinkJob.Checkpoint(completed.path("id").asLong(),
                            completed.path("latest_ack_timestamp").asLong(),
                            completed.path("end_to_end_duration").asLong(),
                            completed.has("checkpointed_size") ? completed.path("checkpointed_size").asLong()
                                    : completed.path("state_size").asLong())
                    : null;
            return new FlinkJob(chosen.path("state").asText(), id, jobName, chosen.path("start-time").asLong(),
                    chosen.path("duration").asLong(), restarts, last,
                    checkpoints.path("counts").path("completed").asLong(),
                    checkpoints.path("counts").path("failed").asLong(), null);
        } catch (IOException e) {
            return FlinkJob.withState("unreachable", e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FlinkJob.withState("unreachable", "interrupted");
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return mapper.readTree(response.body());
    }
}
