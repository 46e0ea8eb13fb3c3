package io.learnpulse.gateway.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.ingest.TopicFollower;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the pipeline's health every {@code sampleInterval}: the Flink job (REST API), the lag of
 * each consumer group on each topic it reads (the gateway's, its followers', the job's), the rate of
 * events in, alerts out, dead letters (a follower of the dead-letter topic), WebSocket clients and the
 * database size; keeps the last hours of samples for the charts, judges four health checks and exposes all of it as gauges in {@code /metrics}.
 */
public final class OpsMonitor implements AutoCloseable {

    /**
     * Where the figures come from: {@code consumers} are the readers whose lag is shown (besides this
     * monitor's own follower of {@code dlqTopic}, in group {@code dlqGroup}).
     */
    public record Sources(String bootstrapServers, List<ConsumerGroup> consumers, String activityTopic,
            String dlqTopic, String dlqGroup, String flinkRestUrl, String flinkJobName, Duration sampleInterval) {
    }

    static final String FLINK_JOB_DOWN = "flink_job_down";
    static final String FLINK_RESTART_LOOP = "flink_restart_loop";
    static final String CONSUMER_LAG_GROWING = "consumer_lag_growing";
    static final String DEAD_LETTER_SPIKE = "dead_letter_spike";
    /** Restarts within {@link #RESTART_WINDOW} that make a restart loop. */
    static final int RESTART_LOOP = 3;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(10);
    /** Lag above this that is larger than {@link #LAG_WINDOW} ago is growing. */
    static final long LAG_THRESHOLD = 1000;
    static final Duration LAG_WINDOW = Duration.ofMinutes(5);
    /** Dead letters in the last hour at least this many and more than 3 times the day's hourly mean. */
    static final int SPIKE_MIN = 100;
    static final Duration HISTORY = Duration.ofHours(6);
    private static final Logger LOG = LoggerFactory.getLogger(OpsMonitor.class);

    private final Sources sources;
    private final List<ConsumerGroup> consumers;
    private final AlertStore store;
    private final Database database;
    private final MeterRegistry registry;
    private final Clock clock;
    private final FlinkRestClient flink;
    private final KafkaLags kafka;
    private final DeadLetterCounts deadLetters;
    private final TopicFollower dlqFollower;
    private final ScheduledExecutorService timer;
    private final ArrayDeque<OpsSnapshot.Sample> history = new ArrayDeque<>();
    private volatile OpsSnapshot latest;
    private Long lastActivityEnd;
    private Instant lastSampleAt;

    public OpsMonitor(Sources sources, AlertStore store, Database database, MeterRegistry registry, Clock clock,
            ObjectMapper mapper) {
        this.sources = sources;
        this.consumers = new ArrayList<>(sources.consumers());
        this.consumers.add(new ConsumerGroup(ConsumerGroup.DEAD_LETTERS, sources.dlqGroup(), List.of(sources.dlqTopic())));
        this.store = store;
        this.database = database;
        this.registry = registry;
        this.clock = clock;
        this.flink = new FlinkRestClient(sources.flinkRestUrl(), sources.flinkJobName(), mapper);
        this.kafka = new KafkaLags(sources.bootstrapServers());
        this.deadLetters = new DeadLetterCounts(clock);
        this.dlqFollower = new TopicFollower(sources.bootstrapServers(), sources.dlqGroup(), sources.dlqTopic(),
                Duration.ofHours(24), clock, record -> deadLetters.accept(record.value(), record.timestamp()));
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-ops");
            thread.setDaemon(true);
            return thread;
        });
        registerGauges();
    }

    public void start() {
        dlqFollower.start();
        long interval = sources.sampleInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sampleQuietly, 0, interval, TimeUnit.MILLISECONDS);
    }

    /** The latest sample; taken now when there is none yet. */
    public OpsSnapshot latest() {
        OpsSnapshot snapshot = latest;
        return snapshot != null ? snapshot : sample();
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.warn("operations sample failed: {}", e.toString());
        }
    }

    private synchronized OpsSnapshot sample() {
        Instant now = clock.instant();
        FlinkJob job = flink.job();
        List<OpsSnapshot.ConsumerLag> lags = new ArrayList<>();
        Double eventsIn = null;
        try {
            Set<String> topics = new TreeSet<>(List.of(sources.activityTopic()));
            consumers.forEach(consumer -> topics.addAll(consumer.topics()));
            Map<TopicPartition, Long> ends = kafka.endOffsets(List.copyOf(topics));
            for (ConsumerGroup consumer : consumers) {
                kafka.lag(consumer.group(), consumer.topics(), ends).forEach((topic, lag) ->
                        lags.add(new OpsSnapshot.ConsumerLag(consumer.consumer(), consumer.group(), topic, lag)));
            }
            long activityEnd = ends.entrySet().stream().filter(e -> e.getKey().topic().equals(sources.activityTopic()))
                    .mapToLong(Map.Entry::getValue).sum();
            if (lastActivityEnd != null && lastSampleAt != null && now.isAfter(lastSampleAt)) {
                eventsIn = (activityEnd - lastActivityEnd) * 1000.0 / Duration.between(lastSampleAt, now).toMillis();
            }
            lastActivityEnd = activityEnd;
            lastSampleAt = now;
        } catch (Exception e) {
            LOG.warn("operations view: Kafka lag unavailable: {}", e.toString());
        }
        Map<String, Long> alertsOut = store.alertsDetectedSince(now.minus(Duration.ofHours(1)).toString());
        Map<String, Integer> lastHour = deadLetters.since(Duration.ofHours(1));
        Map<String, Integer> lastDay = deadLetters.since(Duration.ofHours(24));
        Map<String, Long> clients = new TreeMap<>();
        registry.find("learnpulse.gateway.websocket.clients").gauges().forEach(gauge ->
                clients.put(gauge.getId().getTag("endpoint"), (long) gauge.value()));
        OpsSnapshot.Sample sample = new OpsSnapshot.Sample(now.toString(), eventsIn, total(lags, ConsumerGroup.GATEWAY),
                total(lags, ConsumerGroup.JOB), job.restarts(), sum(lastHour),
                alertsOut.values().stream().mapToLong(Long::longValue).sum(),
                clients.values().stream().mapToLong(Long::longValue).sum());
        history.addLast(sample);
        while (Instant.parse(history.peekFirst().at()).isBefore(now.minus(HISTORY))) {
            history.removeFirst();
        }
        List<OpsSnapshot.Check> checks = List.of(
                new OpsSnapshot.Check(FLINK_JOB_DOWN, !job.isRunning() && !"unknown".equals(job.state()),
                        "job " + job.state() + (job.error() == null ? "" : ": " + job.error())),
                restartLoop(sample, now),
                lagGrowing(sample, now),
                deadLetterSpike(lastHour, lastDay));
        OpsSnapshot snapshot = new OpsSnapshot(now.toString(), checks.stream().noneMatch(OpsSnapshot.Check::unhealthy),
                checks, job, lags, eventsIn, alertsOut,
                new OpsSnapshot.DeadLetters(lastHour, lastDay, deadLetters.latest()), clients, database.sizeBytes(),
                List.copyOf(history));
        latest = snapshot;
        return snapshot;
    }

    private OpsSnapshot.Check restartLoop(OpsSnapshot.Sample now, Instant at) {
        OpsSnapshot.Sample before = sampleBefore(at.minus(RESTART_WINDOW));
        long restarts = now.restarts() == null || before == null || before.restarts() == null ? 0
                : now.restarts() - before.restarts();
        return new OpsSnapshot.Check(FLINK_RESTART_LOOP, restarts >= RESTART_LOOP,
                restarts + " restarts in the last " + RESTART_WINDOW.toMinutes() + " minutes");
    }

    private OpsSnapshot.Check lagGrowing(OpsSnapshot.Sample now, Instant at) {
        OpsSnapshot.Sample before = sampleBefore(at.minus(LAG_WINDOW));
        boolean gateway = growing(now.gatewayLag(), before == null ? null : before.gatewayLag());
        boolean job = growing(now.jobLag(), before == null ? null : before.jobLag());
        return new OpsSnapshot.Check(CONSUMER_LAG_GROWING, gateway || job, "lag gateway " + now.gatewayLag()
                + ", job " + now.jobLag() + "; " + LAG_WINDOW.toMinutes() + " minutes ago: "
                + (before == null ? "no sample" : before.gatewayLag() + ", " + before.jobLag()));
    }

    private static boolean growing(Long now, Long before) {
        return now != null && before != null && now > LAG_THRESHOLD && now > before;
    }

    private static OpsSnapshot.Check deadLetterSpike(Map<String, Integer> lastHour, Map<String, Integer> lastDay) {
        int hour = sum(lastHour);
        double hourlyMeanBefore = (sum(lastDay) - hour) / 23.0;
        return new OpsSnapshot.Check(DEAD_LETTER_SPIKE, hour >= SPIKE_MIN && hour > 3 * hourlyMeanBefore,
                hour + " dead letters in the last hour; " + String.format("%.1f", hourlyMeanBefore)
                        + " an hour over the 23 before");
    }

    /** The newest sample taken at or before {@code at}, or null. */
    private OpsSnapshot.Sample sampleBefore(Instant at) {
        OpsSnapshot.Sample found = null;
        for (OpsSnapshot.Sample sample : history) {
            if (!Instant.parse(sample.at()).isAfter(at)) {
                found = sample;
            }
        }
        return found;
    }

    /** A consumer's lag over its topics, those whose lag is known; null when none is. */
    private static Long total(List<OpsSnapshot.ConsumerLag> lags, String consumer) {
        List<Long> known = lags.stream().filter(lag -> lag.consumer().equals(consumer) && lag.lag() != null)
                .map(OpsSnapshot.ConsumerLag::lag).toList();
        return known.isEmpty() ? null : known.stream().mapToLong(Long::longValue).sum();
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private void registerGauges() {
        for (String check : List.of(FLINK_JOB_DOWN, FLINK_RESTART_LOOP, CONSUMER_LAG_GROWING, DEAD_LETTER_SPIKE)) {
            gauge("learnpulse.ops.unhealthy", "1 when the check fails", snapshot -> snapshot.checks().stream()
                    .anyMatch(c -> c.check().equals(check) && c.unhealthy()) ? 1 : 0, "check", check);
        }
        gauge("learnpulse.ops.flink.running", "1 when the watched Flink job runs",
                snapshot -> snapshot.flink().isRunning() ? 1 : 0);
        gauge("learnpulse.ops.flink.restarts", "Restarts of the watched Flink job",
                snapshot -> orNaN(snapshot.flink().restarts()));
        gauge("learnpulse.ops.flink.checkpoint.duration.ms", "End-to-end duration of the last completed checkpoint",
                snapshot -> snapshot.flink().lastCheckpoint() == null ? Double.NaN
                        : snapshot.flink().lastCheckpoint().durationMs());
        gauge("learnpulse.ops.flink.checkpoint.size.bytes", "Size of the last completed checkpoint",
                snapshot -> snapshot.flink().lastCheckpoint() == null ? Double.NaN
                        : snapshot.flink().lastCheckpoint().sizeBytes());
        gauge("learnpulse.ops.flink.checkpoint.age.seconds", "Seconds since the last completed checkpoint",
                snapshot -> snapshot.flink().lastCheckpoint() == null ? Double.NaN
                        : (Instant.parse(snapshot.at()).toEpochMilli() - snapshot.flink().lastCheckpoint().completedAt())
                                / 1000.0);
        for (ConsumerGroup consumer : consumers) {
            gauge("learnpulse.ops.consumer.lag", "Records not yet consumed, summed over the consumer's topics",
                    snapshot -> orNaN(total(snapshot.consumerLag(), consumer.consumer())), "group", consumer.consumer());
        }
        gauge("learnpulse.ops.events.in.per.second", "Rate of records into the activity topic",
                snapshot -> snapshot.eventsInPerSecond() == null ? Double.NaN : snapshot.eventsInPerSecond());
        gauge("learnpulse.ops.dead.letters.last.hour", "Dead letters of the last hour, all reasons",
                snapshot -> sum(snapshot.deadLetters().lastHour()));
        gauge("learnpulse.ops.database.bytes", "Size of the gateway's database", OpsSnapshot::databaseBytes);
    }

    private void gauge(String name, String description, ToDoubleFunction<OpsSnapshot> value, String... tags) {
        Gauge.builder(name, this, monitor -> monitor.latest == null ? Double.NaN : value.applyAsDouble(monitor.latest))
                .description(description).tags(tags).register(registry);
    }

    private static double orNaN(Long value) {
        return value == null ? Double.NaN : value;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        dlqFollower.close();
        kafka.close();
    }
}
