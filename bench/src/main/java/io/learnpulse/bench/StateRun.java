package io.learnpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;

/**
 * State (issue 6, item 5): the live job on RocksDB drains a backlog of learners arriving in waves,
 * each wave active for a few days and then silent for good, with a shortened {@code
 * rules.forget-after}, so that learners are forgotten (their state dropped by event-time timers)
 * within the run. Every completed checkpoint's full state size is recorded with the job's
 * watermark at that moment; the workload says how many learners had been seen and how many were
 * still remembered at that event time.
 */
final class StateRun {
    /** One checkpoint: its full state size, and the learners seen and remembered by its event time. */
    record Point(long checkpointId, long stateBytes, long eventTime, long eventsIn, long learnersSeen,
            long learnersRemembered) {
        double bytesPerRemembered() {
            return learnersRemembered == 0 ? Double.NaN : stateBytes / (double) learnersRemembered;
        }
    }

    record Result(List<Point> points, long events, long learnersSeen, long startMillis, double seconds) {
        Point last() {
            return points.isEmpty() ? null : points.get(points.size() - 1);
        }
    }

    private final FlinkSession flink;

    StateRun(FlinkSession flink) {
        this.flink = flink;
    }

    Result run(Map<String, String> options, Workload workload) throws Exception {
        JobClient job = flink.submitJob(options, "bench state");
        String id = job.getJobID().toHexString();
        FlinkRest rest = flink.rest();
        List<Point> points = new ArrayList<>();
        long started = System.nanoTime();
        long deadline = started + 300_000_000_000L;
        long lastId = -1;
        long doneAt = 0;
        long watermark = Long.MIN_VALUE;
        try {
            flink.awaitRunning(job, java.time.Duration.ofMinutes(2));
            while (System.nanoTime() < deadline) {
                long in = rest.recordsIn(id, "learner-rules");
                long w = rest.inputWatermark(id, "learner-rules");
                JsonNode checkpoint = rest.latestCompletedCheckpoint(id);
                if (!checkpoint.isMissingNode() && !checkpoint.isNull() && checkpoint.path("id").asLong() != lastId) {
                    lastId = checkpoint.path("id").asLong();
                    // the watermark seen at the previous poll is the closest to the checkpoint's trigger
                    long eventTime = watermark == Long.MIN_VALUE ? workload.startMillis : watermark;
                    int day = Math.max(0, workload.dayOf(eventTime) - 1);
                    points.add(new Point(lastId, checkpoint.path("state_size").asLong(), eventTime, in,
                            workload.seenByDayEnd[day], workload.rememberedByDayEnd[day]));
                    if (doneAt != 0 && checkpoint.path("trigger_timestamp").asLong() > doneAt) {
                        break;
                    }
                }
                if (w > Long.MIN_VALUE && w < Long.MAX_VALUE) {
                    watermark = w;
                }
                if (doneAt == 0 && in >= workload.events) {
                    doneAt = System.currentTimeMillis();
                }
                Thread.sleep(250);
            }
        } finally {
            flink.cancel(job);
        }
        return new Result(points, workload.events, workload.learnersSeen, workload.startMillis, (System.nanoTime() - started) / 1e9);
    }
}
