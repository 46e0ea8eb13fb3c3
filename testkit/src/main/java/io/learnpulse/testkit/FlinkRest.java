package io.learnpulse.testkit;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A small client of Flink's REST API (the one the web UI uses), for tests and the bench. */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final Map<String, String> vertexIds = new ConcurrentHashMap<>();

    public FlinkRest(URI base) {
        this.base = base;
    }

    /** The REST API of a cluster on this machine. */
    public static FlinkRest onLocalPort(int port) {
        return new FlinkRest(URI.create("http://127.0.0.1:" + port + "/"));
    }

    /** GET a path; returns the status and body (throws UncheckedIOException if nothing answers). */
    public HttpResponse<String> getRaw(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }

    /** GET a path answered with 200 and JSON. */
    public JsonNode get(String path) {
        HttpResponse<String> response = getRaw(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " answered no JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The job's status, e.g. RUNNING: from /jobs/{id}/status, which (unlike the job's details) makes
     * the cluster fetch none of its metrics.
     */
    public String jobState(String jobId) {
        return get("/jobs/" + jobId + "/status").path("status").asText();
    }

    /** Whether the job and every one of its tasks run; throws if the job failed. */
    public boolean running(String jobId) {
        JsonNode job = get("/jobs/" + jobId);
        String state = job.path("state").asText();
        if ("FAILED".equals(state)) {
            throw new IllegalStateException("job " + jobId + " failed: " + rootException(jobId));
        }
        if (!"RUNNING".equals(state)) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Throws if the job has ended (failed, cancelled or finished), for a job that never ends by itself. */
    public void checkNotEnded(String jobId) {
        String state = jobState(jobId);
        if (terminal(state)) {
            throw new IllegalStateException("job " + jobId + " is " + state + ": " + rootException(jobId));
        }
    }

    /** Whether the job has ended: failed, cancelled or finished. */
    public boolean ended(String jobId) {
        return terminal(jobState(jobId));
    }

    private static boolean terminal(String state) {
        return state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED");
    }

    /**
     * The job's latest failure as the web UI's exception history shows it: its exception (beneath
     * Flink's "Recovery is suppressed" wrapper of a job that may not restart), the innermost cause and
     * the task, where the history names one; "?" if there is none to read. (Flink 2 dropped the
     * answer's old {@code root-exception} field; the history replaced it.)
     */
    public String rootException(String jobId) {
        JsonNode latest;
        try {
            latest = get("/jobs/" + jobId + "/exceptions?maxExceptions=1").path("exceptionHistory").path("entries").path(0);
        } catch (RuntimeException e) {
            return "?";
        }
        if (latest.isMissingNode()) {
            return "?";
        }
        List<String> chain = new ArrayList<>();
        for (String line : latest.path("stacktrace").asText(latest.path("exceptionName").asText("?")).split("\n")) {
            if (chain.isEmpty() || line.startsWith("Caused by: ")) {
                chain.add(line.replaceFirst("^Caused by: ", "").strip());
            }
        }
        while (chain.size() > 1 && chain.get(0).startsWith("org.apache.flink.runtime.JobException: Recovery is suppressed")) {
            chain.remove(0);
        }
        StringBuilder failure = new StringBuilder(chain.get(0));
        if (chain.size() > 1) {
            failure.append(" (innermost cause: ").append(chain.get(chain.size() - 1)).append(')');
        }
        if (latest.hasNonNull("taskName")) {
            failure.append(" in ").append(latest.path("taskName").asText());
        }
        return failure.toString();
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

    /** The latest completed checkpoint: {id, state_size, trigger_timestamp, ...}, or a missing node. */
    public JsonNode latestCompletedCheckpoint(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
    }

    /**
     * The sum over the subtasks of a vertex's operator metric whose id ends with {@code suffix}
     * (e.g. {@code learnpulse.eventsIn}), as the web UI shows it; -1 if the vertex reports none.
     */
    public long vertexMetricSum(String jobId, String vertexNamePart, String suffix) {
        String vertex = vertexId(jobId, vertexNamePart);
        if (vertex == null) {
            return -1;
        }
        String path = "/jobs/" + jobId + "/vertices/" + vertex + "/metrics";
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

    /** The task-level numRecordsIn of the vertex whose name contains {@code vertexNamePart}, summed over subtasks. */
    public long recordsIn(String jobId, String vertexNamePart) {
        JsonNode values = get("/jobs/" + jobId + "/vertices/" + requiredVertexId(jobId, vertexNamePart)
                + "/subtasks/metrics?get=numRecordsIn&agg=sum");
        return values.size() == 0 ? 0 : (long) values.get(0).path("sum").asDouble();
    }

    /** The lowest input watermark of the vertex's subtasks (Long.MIN_VALUE before the first one). */
    public long inputWatermark(String jobId, String vertexNamePart) {
        long min = Long.MAX_VALUE;
        boolean any = false;
        for (JsonNode w : get("/jobs/" + jobId + "/vertices/" + requiredVertexId(jobId, vertexNamePart) + "/watermarks")) {
            if (w.path("id").asText().endsWith("currentInputWatermark")) {
                min = Math.min(min, w.path("value").asLong(Long.MIN_VALUE));
                any = true;
            }
        }
        return any ? min : Long.MIN_VALUE;
    }

    private String requiredVertexId(String jobId, String vertexNamePart) {
        String id = vertexId(jobId, vertexNamePart);
        if (id == null) {
            throw new IllegalStateException("job " + jobId + " has no vertex named ..." + vertexNamePart + "...");
        }
        return id;
    }

    /** The id of the job's vertex whose name contains {@code vertexNamePart} (a job's vertices never change), or null. */
    private String vertexId(String jobId, String vertexNamePart) {
        String key = jobId + "/" + vertexNamePart;
        String known = vertexIds.get(key);
        if (known != null) {
            return known;
        }
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            if (vertex.path("name").asText().contains(vertexNamePart)) {
                vertexIds.put(key, vertex.path("id").asText());
                return vertex.path("id").asText();
            }
        }
        return null;
    }
}
