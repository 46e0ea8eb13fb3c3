package io.learnpulse.job.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small client of Flink's REST API (the one the web UI uses). */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public FlinkRest(URI base) {
        this.base = base;
    }

    /** GET a path; returns the status and body (throws UncheckedIOException if nothing answers). */
    public HttpResponse<String> getRaw(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode get(String path) {
        HttpResponse<String> response = getRaw(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's status, e.g. RUNNING. */
    public String jobState(String jobId) {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /**
     * Whether every subtask of the job runs in an execution attempt of at least {@code attempt}
     * (0 is the first; each restart adds one). The REST API caches job details for a few seconds,
     * so "all running" alone can still describe the attempt before a failure.
     */
    public boolean allSubtasksRunning(String jobId, int attempt) {
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode subtask : get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()).path("subtasks")) {
                if (!"RUNNING".equals(subtask.path("status").asText()) || subtask.path("attempt").asInt() < attempt) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A job-level metric, e.g. numRestarts, or null if not (yet) reported. */
    public String jobMetric(String jobId, String metric) {
        JsonNode values = get("/jobs/" + jobId + "/metrics?get=" + metric);
        return values.size() == 0 ? null : values.get(0).path("value").asText();
    }

    /** The number of completed checkpoints of the job. */
    public long completedCheckpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /**
     * The sum over the subtasks of a vertex's operator metric whose id ends with {@code suffix}
     * (e.g. {@code learnpulse.eventsIn}), as the web UI shows it; -1 if the vertex reports none.
     */
    public long vertexMetricSum(String jobId, String vertexNamePart, String suffix) {
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            if (!vertex.path("name").asText().contains(vertexNamePart)) {
                continue;
            }
            String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/metrics";
            List<String> ids = new ArrayList<>();
            for (JsonNode metric : get(path)) {
                if (metric.path("id").asText().endsWith(suffix)) {
                    ids.add(metric.path("id").asText());
                }
            }
            if (ids.isEmpty()) {
                return -1;
            }
            long sum = 0;
            for (JsonNode value : get(path + "?get=" + String.join(",", ids))) {
                sum += (long) Double.parseDouble(value.path("value").asText());
            }
            return sum;
        }
        return -1;
    }
}
