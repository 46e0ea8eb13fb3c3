package io.learnpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.testkit.FlinkRest;
import io.learnpulse.testkit.Wait;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * State (issue 6, item 5): the live job on RocksDB is fed learners arriving in waves, each wave
 * active for a few days and then silent for good, with a shortened {@code rules.forget-after}, so
 * that learners are forgotten (their state dropped by event-time timers) within the run. After each
 * wave has been published and taken in by the rule operator, the bench waits for the next completed
 * checkpoint and records its full state size beside the learners seen so far and the learners not
 * yet forgotten (counted in the workload).
 */
final class StateRun {
    /** One checkpoint after a wave: its full state size, and the learners seen and remembered by then. */
    record Point(int wave, long checkpointId, long stateBytes, long eventTime, long eventsIn, long learnersSeen,
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
    private final BenchKafka kafka;

    StateRun(FlinkSession flink, BenchKafka kafka) {
        this.flink = flink;
        this.kafka = kafka;
    }

    Result run(Map<String, String> options, String topic, Workload workload, int waveDays, int waves) throws Exception {
        JobClient job = flink.submitJob(options, "bench state");
        String id = job.getJobID().toHexString();
        FlinkRest rest = flink.rest();
        List<Point> points = new ArrayList<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = kafka.producer(true);
                BufferedReader lines = Files.newBufferedReader(workload.file, StandardCharsets.UTF_8)) {
            flink.awaitRunning(job, Duration.ofMinutes(2));
            long produced = 0;
            for (int wave = 0; wave < waves; wave++) {
                int lastDay = Math.min(workload.days, (wave + 1) * waveDays) - 1;
                long target = workload.eventsByDayEnd[lastDay];
                for (; produced < target; produced++) {
                    String line = lines.readLine();
                    producer.send(new ProducerRecord<>(topic, JsonCodec.userIdOf(line), line));
                }
                producer.flush();
                // the wave taken in and a checkpoint completed after it, within 5 minutes in all
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                Wait.until("state run: wave " + wave + " taken in", Duration.ofMinutes(5),
                        () -> rest.recordsIn(id, "learner-rules") >= target);
                long takenIn = System.currentTimeMillis();
                JsonNode checkpoint = Wait.until("state run: a checkpoint completed after wave " + wave,
                        Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())),
                        () -> rest.latestCompletedCheckpoint(id),
                        c -> !c.isMissingNode() && !c.isNull() && c.path("trigger_timestamp").asLong() > takenIn);
                points.add(new Point(wave, checkpoint.path("id").asLong(), checkpoint.path("state_size").asLong(),
                        rest.inputWatermark(id, "learner-rules"), target, workload.seenByDayEnd[lastDay],
                        workload.rememberedByDayEnd[lastDay]));
                System.err.printf(java.util.Locale.ROOT, "bench:   state: wave %d/%d taken in (%,d events), checkpoint %d: "
                        + "%.1f MB%n", wave + 1, waves, target, checkpoint.path("id").asLong(),
                        checkpoint.path("state_size").asLong() / 1e6);
            }
        } finally {
            flink.cancel(job);
        }
        return new Result(points, workload.events, workload.learnersSeen, workload.startMillis,
                (System.nanoTime() - started) / 1e9);
    }
}
