package io.learnpulse.gateway.ops;

/**
 * The watched Flink job as its REST API tells it: {@code state} {@code unknown} when no REST URL is
 * configured, {@code unreachable} when it does not answer, {@code absent} when no job has the name.
 */
public record FlinkJob(String state, String jobId, String name, Long startTime, Long uptimeMs, Long restarts,
        Checkpoint lastCheckpoint, Long checkpointsCompleted, Long checkpointsFailed, String error) {

    /** The last completed checkpoint: when it completed, how long it took end to end, its size. */
    public record Checkpoint(long id, long completedAt, long durationMs, long sizeBytes) {
    }

    static FlinkJob withState(String state, String error) {
        return new FlinkJob(state, null, null, null, null, null, null, null, null, error);
    }

    boolean isRunning() {
        return "RUNNING".equals(state);
    }
}
