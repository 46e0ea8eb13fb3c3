package io.learnpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The few Flink REST answers the bench follows a job by: progress, watermark, checkpoints. */
final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> vertexIds = new ConcurrentHashMap<>();

    FlinkRest(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether the job and every one of its tasks run. */
    boolean running(String jobId) {
        JsonNode job = get("/jobs/" + jobId);
        if (!"RUNNING".equals(job.path("state").asText())) {
            if ("FAILED".equals(job.path("state").asText())) {
                throw new IllegalStateException("job " + jobId + " failed: " + exceptions(jobId));
            }
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Throws if the job has ended (failed, cancelled or finished): a running bench job never ends by itself. */
    void checkNotEnded(String jobId) {
        String state = get("/jobs/" + jobId).path("state").asText();
        if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
            throw new IllegalStateException("job " + jobId + " is " + state + ": " + exceptions(jobId));
        }
    }

    String exceptions(String jobId) {
        try {
            return get("/jobs/" + jobId + "/exceptions").path("root-exception").asText("?");
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** The task-level numRecordsIn of the vertex whose name starts with {@code vertexPrefix}, summed over subtasks. */
    long recordsIn(String jobId, String vertexPrefix) {
        String vertex = vertexId(jobId, vertexPrefix);
        JsonNode values = get("/jobs/" + jobId + "/vertices/" + vertex + "/subtasks/metrics?get=numRecordsIn&agg=sum");
        return values.size() == 0 ? 0 : (long) values.get(0).path("sum").asDouble();
    }

    /** The lowest input watermark of the vertex's subtasks (Long.MIN_VALUE before the first one). */
    long inputWatermark(String jobId, String vertexPrefix) {
        String vertex = vertexId(jobId, vertexPrefix);
        long min = Long.MAX_VALUE;
        boolean any = false;
        for (JsonNode w : get("/jobs/" + jobId + "/vertices/" + vertex + "/watermarks")) {
            if (w.path("id").asText().endsWith("currentInputWatermark")) {
                min = Math.min(min, w.path("value").asLong(Long.MIN_VALUE));
                any = true;
            }
        }
        return any ? min : Long.MIN_VALUE;
    }

    /** The latest completed checkpoint: {id, state_size, trigger_timestamp, ...}, or a missing node. */
    JsonNode latestCompletedCheckpoint(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
    }

    JsonNode checkpointConfig(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints/config");
    }

    private String vertexId(String jobId, String vertexPrefix) {
        return vertexIds.computeIfAbsent(jobId + "/" + vertexPrefix, key -> {
            for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
                if (vertex.path("name").asText().startsWith(vertexPrefix)) {
                    return vertex.path("id").asText();
                }
            }
            throw new IllegalStateException("job " + jobId + " has no vertex named " + vertexPrefix + "...");
        });
    }
}
