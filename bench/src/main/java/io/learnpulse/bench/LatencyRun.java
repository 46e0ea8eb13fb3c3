package io.learnpulse.bench;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.testkit.Wait;
import io.learnpulse.testkit.WsClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.flink.core.execution.JobClient;

/**
 * Alert latency (issue 6, item 4): the workload's events are published at a paced rate with their
 * event time set to the wall-clock moment they are handed to the producer, so that an alert of a
 * rule that fires at its completing event's time (CONSECUTIVE_LOW_SCORES, HIGH_PERFORMANCE) carries
 * in its {@code eventTime} the moment that event was appended. Latency = the moment a WebSocket
 * client of the gateway receives the alert − that eventTime. Two measured phases at 50% and 80% of
 * the job's sustained rate follow a warm-up; whether the job kept up shows as the latency's drift
 * over each phase.
 */
final class LatencyRun {
    static final String ALERTS_TOPIC = "learner-alerts";

    /**
     * One phase: its offered rate, what was actually produced, its latencies, and (exactly-once) how
     * many of its alerts a later checkpoint committed than the one due after their watermark delay.
     */
    record Phase(String name, double offeredRate, double producedRate, Stats.Latencies latency,
            Stats.Latencies beyond, int committedLater, double driftSeconds) {
    }

    record Result(String mode, double sustainedRate, long outOfOrdernessMillis, long checkpointMillis,
            List<Phase> phases) {
    }

    /**
     * Received alerts of the current run: its userId prefix, then per alert its eventTime, its
     * latency, and its {@code detectedAt} (when the rule operator emitted it, by the clock of the
     * same machine).
     */
    static final class Receiver implements WsClient.Handler {
        private volatile String prefix = "\u0000";
        private volatile long lastArrivalNanos = System.nanoTime();
        private final Stats.Samples eventTimes = new Stats.Samples();
        private final Stats.Samples latencies = new Stats.Samples();
        private final Stats.Samples emitted = new Stats.Samples();

        synchronized void reset(String runPrefix) {
            prefix = runPrefix;
        }

        @Override
        public void frame(String text, long receivedNanos, long receivedMillis) {
            Alert alert = AlertFrames.alertOf(text);
            if (alert == null || !alert.userId.startsWith(prefix)
                    || !(alert.type == AlertType.CONSECUTIVE_LOW_SCORES || alert.type == AlertType.HIGH_PERFORMANCE)) {
                return;
            }
            long eventTime = alert.eventTime;
            lastArrivalNanos = receivedNanos;
            synchronized (this) {
                eventTimes.add(eventTime);
                latencies.add(receivedMillis - eventTime);
                emitted.add(alert.detectedAt);
            }
        }

        /** Whether no alert of the run has arrived for {@code quiet}. */
        boolean quietFor(java.time.Duration quiet) {
            return System.nanoTime() - lastArrivalNanos >= quiet.toNanos();
        }

        synchronized long[] latenciesBetween(long fromMillis, long toMillis) {
            long[] times = eventTimes.toArray();
            long[] values = latencies.toArray();
            return java.util.stream.IntStream.range(0, Math.min(times.length, values.length))
                    .filter(i -> times[i] >= fromMillis && times[i] < toMillis)
                    .mapToLong(i -> values[i]).toArray();
        }

        /**
         * Per alert of the window, what its latency took beyond the configured waits. At-least-once:
         * from its event time plus the watermark delay to its receipt. Exactly-once the alert also
         * waits for the checkpoint that commits it, the first whose barrier reaches the sink after the
         * rule operator emitted the alert: the time from the event time plus the watermark delay to
         * the emission, plus the time from that checkpoint's completion to the receipt. (An alert
         * emitted just after a barrier, its watermark close behind it, is committed by the next
         * checkpoint, an interval later: that wait is the configured one, not the system's.)
         */
        synchronized Beyond beyondBetween(long fromMillis, long toMillis, long outOfOrdernessMillis,
                CheckpointHistory checkpoints) {
            long[] times = eventTimes.toArray();
            long[] values = latencies.toArray();
            long[] emissions = emitted.toArray();
            List<Long> beyond = new ArrayList<>();
            int committedLater = 0;
            for (int i = 0; i < Math.min(times.length, Math.min(values.length, emissions.length)); i++) {
                if (times[i] < fromMillis || times[i] >= toMillis) {
                    continue;
                }
                long received = times[i] + values[i];
                long released = times[i] + outOfOrdernessMillis;
                if (checkpoints == null) {
                    beyond.add(received - released);
                    continue;
                }
                CheckpointHistory.Checkpoint committing = checkpoints.committing(emissions[i], received);
                if (committing == null) {
                    continue;
                }
                CheckpointHistory.Checkpoint due = checkpoints.firstTriggeredFrom(released);
                if (due != null && committing.triggered() > due.triggered()) {
                    committedLater++;
                }
                beyond.add(emissions[i] - released + received - committing.completed());
            }
            return new Beyond(beyond.stream().mapToLong(Long::longValue).toArray(), committedLater);
        }
    }

    /** The times beyond the configured waits of a window's alerts, and how many a later checkpoint committed than due. */
    record Beyond(long[] millis, int committedLater) {
    }

    /** The workload's lines, over and over, each round under a new userId prefix, stamped with the time of sending. */
    static final class Lines implements AutoCloseable {
        private final Path file;
        private final String runTag;
        private BufferedReader reader;
        private int round;
        private String prefix;

        Lines(Path file, String runTag) throws IOException {
            this.file = file;
            this.runTag = runTag;
            open();
        }

        private void open() throws IOException {
            if (reader != null) {
                reader.close();
            }
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            prefix = runTag + "r" + round++ + "-";
        }

        String next(long nowMillis) throws IOException {
            String line = reader.readLine();
            if (line == null) {
                open();
                line = reader.readLine();
            }
            ActivityEvent event = Workload.read(line);
            event.eventId = prefix + event.eventId;
            event.userId = prefix + event.userId;
            event.timestamp = nowMillis;
            return JsonCodec.event(event);
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    private final FlinkSession flink;
    private final BenchKafka kafka;
    private final Receiver receiver;

    LatencyRun(FlinkSession flink, BenchKafka kafka, Receiver receiver) {
        this.flink = flink;
        this.kafka = kafka;
        this.receiver = receiver;
    }

    /**
     * Runs the job with {@code options} (its alerts going to the gateway's topic) and offers it load:
     * warm-up and tail at 50%, then the measured 50% and 80% phases.
     */
    Result run(String mode, Map<String, String> options, String activityTopic, Path workload, double sustainedRate,
            long warmupMillis, long phaseMillis, long outOfOrdernessMillis, long checkpointMillis, String runTag)
            throws Exception {
        receiver.reset(runTag);
        JobClient job = flink.submitJob(options, "bench latency " + mode);
        String jobId = job.getJobID().toHexString();
        List<Phase> phases = new ArrayList<>();
        CheckpointHistory checkpoints = null;
        try (KafkaProducer<String, String> producer = kafka.producer(true); Lines lines = new Lines(workload, runTag)) {
            long submitted = System.nanoTime();
            flink.awaitRunning(job, java.time.Duration.ofMinutes(2));
            log(mode, "job running after %.1f s", (System.nanoTime() - submitted) / 1e9);
            long[] produced = {0};
            Sender sender = (rate, millis) -> {
                long start = System.nanoTime();
                long end = start + millis * 1_000_000L;
                long sent = 0;
                for (long now = start; now < end; now = System.nanoTime()) {
                    long due = (long) (rate * (now - start) / 1e9);
                    while (sent < due) {
                        String line = lines.next(System.currentTimeMillis());
                        producer.send(new ProducerRecord<>(activityTopic, JsonCodec.userIdOf(line), line));
                        sent++;
                        produced[0]++;
                    }
                    LockSupport.parkNanos(200_000);
                }
                return sent;
            };
            sender.send(0.5 * sustainedRate, warmupMillis);
            for (double share : new double[] {0.5, 0.8}) {
                double rate = share * sustainedRate;
                long from = System.currentTimeMillis();
                long sent = sender.send(rate, phaseMillis);
                long to = System.currentTimeMillis();
                phases.add(new Phase(Math.round(share * 100) + "%", rate, sent * 1000.0 / (to - from), null, null, 0,
                        Double.NaN));
                phaseWindows.add(new long[] {from, to});
            }
            // keep the watermark moving until the last phase's alerts are through (a job that fell behind
            // shows as latency drift and missing samples; Flink's numRecordsIn proved unreliable to wait on)
            sender.send(0.5 * sustainedRate, outOfOrdernessMillis + checkpointMillis + (checkpointMillis >= 10_000 ? 3000 : 1000));
            producer.flush();
            Wait.within(java.time.Duration.ofSeconds(10), () -> receiver.quietFor(java.time.Duration.ofSeconds(1)));
            if (options.get("delivery").equals("exactly-once")) {
                List<CheckpointHistory.Checkpoint> completed = new ArrayList<>();
                for (com.fasterxml.jackson.databind.JsonNode c : flink.rest().get("/jobs/" + jobId + "/checkpoints")
                        .path("history")) {
                    if ("COMPLETED".equals(c.path("status").asText())) {
                        completed.add(new CheckpointHistory.Checkpoint(c.path("trigger_timestamp").asLong(),
                                c.path("latest_ack_timestamp").asLong()));
                    }
                }
                log(mode, "%d completed checkpoints in the history", completed.size());
                checkpoints = new CheckpointHistory(completed);
            }
        } finally {
            long cancelling = System.nanoTime();
            flink.cancel(job);
            log(mode, "job cancelled in %.1f s", (System.nanoTime() - cancelling) / 1e9);
        }
        List<Phase> measured = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            long[] window = phaseWindows.get(i);
            Beyond beyond = receiver.beyondBetween(window[0], window[1], outOfOrdernessMillis, checkpoints);
            measured.add(new Phase(p.name(), p.offeredRate(), p.producedRate(),
                    Stats.Latencies.of(receiver.latenciesBetween(window[0], window[1])),
                    Stats.Latencies.of(beyond.millis()), beyond.committedLater(), drift(window[0], window[1])));
        }
        phaseWindows.clear();
        return new Result(mode, sustainedRate, outOfOrdernessMillis, checkpointMillis, measured);
    }

    private final List<long[]> phaseWindows = new ArrayList<>();

    /**
     * How much later the alerts of the phase's last third arrived than those of its first third
     * (medians, seconds). A job that falls behind delays every later alert by its lag, so a growing
     * lag shows here; a flat one does not.
     */
    private double drift(long from, long to) {
        long third = (to - from) / 3;
        Stats.Latencies first = Stats.Latencies.of(receiver.latenciesBetween(from, from + third));
        Stats.Latencies last = Stats.Latencies.of(receiver.latenciesBetween(to - third, to));
        return first.count() == 0 || last.count() == 0 ? Double.NaN : (last.p50() - first.p50()) / 1000.0;
    }

    private static void log(String mode, String format, Object... args) {
        System.err.println("bench:   latency " + mode + ": " + String.format(java.util.Locale.ROOT, format, args));
    }

    private interface Sender {
        long send(double rate, long millis) throws IOException;
    }
}
