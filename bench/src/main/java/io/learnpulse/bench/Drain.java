package io.learnpulse.bench;

import io.learnpulse.testkit.Wait;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.core.execution.JobClient;

/**
 * Throughput as the drain rate of a backlog (issue 6, items 1 and 3): the activity topic is filled
 * beforehand, then a job starts at its earliest offset on a cluster whose garbage was just
 * collected (the ceiling's and the live job's alike), and the rate is taken between the first
 * progress seen and the last progress seen before the whole backlog was processed
 * ({@link DrainWindow}). A job that drains a backlog at rate R keeps its lag flat for any offered
 * rate up to R, as long as producing costs the machine nothing more; the latency runs then check
 * that lag stays flat at 50% and 80% of R with a producer running.
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

    /**
     * The live job over the backlog: progress is the record count into its rule operator, read from
     * the cluster's process ({@link FlinkSession#recordsIn}) rather than through the REST API, whose
     * metric fetch would run on the measured job's cores.
     */
    Result job(String label, Map<String, String> options, long events) throws Exception {
        flink.collectGarbage();
        JobClient job = flink.submitJob(options, "bench " + label);
        String id = job.getJobID().toHexString();
        try {
            return follow(label, events, id, () -> flink.recordsIn(id, "learner-rules"));
        } finally {
            flink.cancel(job);
        }
    }

    /** The ceiling over the backlog: progress is the record count of its output topic. */
    Result ceiling(String label, Map<String, String> options, String outputTopic, long events) throws Exception {
        kafka.createTopics(4, outputTopic);
        flink.collectGarbage();
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
            throw new IllegalStateException(label + ": only " + measurement.window.count() + " of " + events
                    + " events processed in time", e);
        }
    }

    /** One drain followed poll by poll ({@link DrainWindow}). */
    private final class Measurement {
        private final String label;
        private final String jobId;
        private final Progress progress;
        private final DrainWindow window;
        private long polls;

        Measurement(String label, long events, String jobId, Progress progress) {
            this.label = label;
            this.jobId = jobId;
            this.progress = progress;
            this.window = new DrainWindow(events, maxMeasureNanos, observation(0));
        }

        private DrainWindow.Observation observation(long count) {
            return new DrainWindow.Observation(System.nanoTime(), count, flink.cpuSeconds(), broker.cpuSeconds());
        }

        /** The result once the backlog is drained or measured long enough; null until then. */
        Result poll() throws Exception {
            if (window.observe(observation(progress.get()))) {
                Result result = window.result(label);
                System.err.printf(java.util.Locale.ROOT, "bench:   %s: %,d events in %.1f s = %,.0f events/s, "
                        + "%.2f cores (measured from %.1f s after submission)%n", label, result.events(), result.seconds(),
                        result.rate(), result.jobCores(), (window.start().nanos() - window.submitted().nanos()) / 1e9);
                return result;
            }
            if (++polls % 20 == 0) {
                flink.rest().checkNotEnded(jobId);
            }
            return null;
        }
    }
}
