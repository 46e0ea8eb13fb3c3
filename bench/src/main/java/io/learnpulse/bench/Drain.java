package io.learnpulse.bench;

import io.learnpulse.testkit.Wait;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.core.execution.JobClient;

/**
 * Throughput as the drain rate of a backlog (issue 6, items 1 and 3): the activity topic is filled
 * beforehand, then a job starts at its earliest offset, and the rate is taken between the first
 * progress seen and the last input processed. A job that drains a backlog at rate R keeps its lag
 * flat for any offered rate up to R, as long as producing costs the machine nothing more; the
 * latency runs then check that lag stays flat at 50% and 80% of R with a producer running.
 */
final class Drain {
    /**
     * One throughput run: events measured, wall seconds, and the CPU-seconds the job's and the broker's
     * processes used meanwhile (a replay: its own process's, and no broker, NaN).
     */
    record Result(String label, long events, double seconds, double jobCpu, double brokerCpu) {
        double rate() {
            return events / seconds;
        }

        double perJobCpuSecond() {
            return events / jobCpu;
        }

        double jobCores() {
            return jobCpu / seconds;
        }
    }

    private final FlinkSession flink;
    private final Child broker;
    private final BenchKafka kafka;

    private final long maxMeasureNanos;

    /** {@code maxMeasureSeconds}: a run stops measuring after this long even if the backlog is not drained. */
    Drain(FlinkSession flink, Child broker, BenchKafka kafka, int maxMeasureSeconds) {
        this.flink = flink;
        this.broker = broker;
        this.kafka = kafka;
        this.maxMeasureNanos = maxMeasureSeconds * 1_000_000_000L;
    }

    /** The live job over the backlog: progress is the record count into its rule operator. */
    Result job(String label, Map<String, String> options, long events) throws Exception {
        JobClient job = flink.submitJob(options, "bench " + label);
        String id = job.getJobID().toHexString();
        try {
            return follow(label, events, id, () -> flink.rest().recordsIn(id, "learner-rules"));
        } finally {
            flink.cancel(job);
        }
    }

    /** The ceiling over the backlog: progress is the record count of its output topic. */
    Result ceiling(String label, Map<String, String> options, String outputTopic, long events) throws Exception {
        kafka.createTopics(4, outputTopic);
        JobClient job = flink.submitCeiling(options, outputTopic, "bench " + label);
        String id = job.getJobID().toHexString();
        try {
            return follow(label, events, id, () -> kafka.endOffsets(outputTopic));
        } finally {
            flink.cancel(job);
        }
    }

    interface Progress {
        long get() throws Exception;
    }

    private Result follow(String label, long events, String jobId, Progress progress) throws Exception {
        Measurement measurement = new Measurement(label, events, jobId, progress);
        try {
            return Wait.until(label + ": " + events + " events processed", Duration.ofSeconds(Math.max(180, events / 2_000)),
                    measurement::poll, Objects::nonNull);
        } catch (Wait.TimedOut e) {
            throw new IllegalStateException(label + ": only " + measurement.count + " of " + events
                    + " events processed in time", e);
        }
    }

    /** One drain followed poll by poll, from its first progress on. */
    private final class Measurement {
        private final String label;
        private final long events;
        private final String jobId;
        private final Progress progress;
        private final long submittedAt = System.nanoTime();
        private long firstAt;
        private long firstCount;
        private double jobCpu0;
        private double brokerCpu0;
        private long polls;
        private long count;

        Measurement(String label, long events, String jobId, Progress progress) {
            this.label = label;
            this.events = events;
            this.jobId = jobId;
            this.progress = progress;
        }

        /** The result once the backlog is drained or measured long enough; null until then. */
        Result poll() throws Exception {
            count = progress.get();
            long now = System.nanoTime();
            if (firstAt == 0 && count > 0) {
                firstAt = now;
                firstCount = count;
                jobCpu0 = flink.cpuSeconds();
                brokerCpu0 = broker.cpuSeconds();
            }
            if (count >= events || (firstAt != 0 && count > firstCount && now - firstAt >= maxMeasureNanos)) {
                if (count == firstCount) {
                    // all of it between two metric updates (tiny inputs): count from the submission instead
                    firstCount = 0;
                    firstAt = submittedAt;
                }
                double jobCpu = flink.cpuSeconds() - jobCpu0;
                double brokerCpu = broker.cpuSeconds() - brokerCpu0;
                Result result = new Result(label, count - firstCount, (now - firstAt) / 1e9, jobCpu, brokerCpu);
                System.err.printf(java.util.Locale.ROOT, "bench:   %s: %,d events in %.1f s = %,.0f events/s, "
                        + "%.2f cores (first progress %.1f s after submission)%n", label, result.events(), result.seconds(),
                        result.rate(), result.jobCores(), (firstAt - submittedAt) / 1e9);
                return result;
            }
            if (++polls % 20 == 0) {
                flink.rest().checkNotEnded(jobId);
            }
            return null;
        }
    }
}
