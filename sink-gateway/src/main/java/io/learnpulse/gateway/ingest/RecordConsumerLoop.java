package io.learnpulse.gateway.ingest;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.learnpulse.gateway.live.AlertFeed;
import io.learnpulse.gateway.live.Broadcaster;
import io.learnpulse.gateway.store.AlertStore;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one consumer loop (not one per browser): polls {@code learner-alerts},
 * {@code learner-metrics}, {@code course-calendar} and {@code learner-risk} with {@code read_committed}, stores each batch in one database
 * transaction, pushes the changed daily figures to the WebSocket clients (and nudges the {@link AlertFeed},
 * which pushes alerts from the database), and only then commits the offsets (commitSync). A crash between
 * store and commit re-delivers the batch, and the store ignores the alertIds it already has: nothing is
 * lost, nothing is stored or pushed twice. Records that are not
 * valid, or that the database refuses, are quarantined and counted ({@link BatchWriter}); only a database
 * that does not answer makes the loop read the batch again, after a pause. {@link #close} stops the loop
 * with {@code wakeup()}.
 */
public final class RecordConsumerLoop implements ConsumerStatus, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordConsumerLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Consumer<String, byte[]> consumer;
    private final String alertsTopic;
    private final String metricsTopic;
    private final String calendarTopic;
    private final String riskTopic;
    private final List<String> topics;
    private final Broadcaster broadcaster;
    private final AlertFeed alertFeed;
    private final BatchWriter writer;
    private final IngestMetrics metrics;
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Instant lastPoll;
    private volatile String lastError;

    public RecordConsumerLoop(ConsumerSettings settings, AlertStore store, Broadcaster broadcaster, AlertFeed alertFeed,
            IngestMetrics metrics) {
        this.consumer = new KafkaConsumer<>(settings.properties());
        this.alertsTopic = settings.alertsTopic();
        this.metricsTopic = settings.metricsTopic();
        this.calendarTopic = settings.calendarTopic();
        this.riskTopic = settings.riskTopic();
        this.topics = settings.topics();
        this.broadcaster = broadcaster;
        this.alertFeed = alertFeed;
        this.writer = new BatchWriter(store, alertsTopic, calendarTopic, riskTopic, metrics);
        this.metrics = metrics;
        this.thread = new Thread(this::run, "gateway-consumer");
    }

    public void start() {
        running = true;
        thread.start();
    }

    @Override
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    @Override
    public Instant lastPoll() {
        return lastPoll;
    }

    @Override
    public String lastError() {
        return lastError;
    }

    @Override
    public long lag() {
        return metrics.consumerLag();
    }

    private void run() {
        try {
            consumer.subscribe(topics);
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("consumer woken up while running", e);
            }
        } catch (RuntimeException e) {
            lastError = "stopped: " + e.getClass().getSimpleName();
            LOG.error("consumer loop stopped", e);
        } finally {
            running = false;
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** One poll, store, push and commit; a Kafka error is reported and retried after a pause. */
    private void pollOnce() {
        try {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
            lastPoll = Instant.now();
            if (records.isEmpty() || handle(records)) {
                lastError = null;
            }
            metrics.consumerLag(assignedLag());
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            lastError = "kafka: " + e.getClass().getSimpleName();
            LOG.warn("Kafka error, retrying in {} ms: {}", RETRY_BACKOFF.toMillis(), e.toString());
            awaitStopping(RETRY_BACKOFF);
        }
    }

    /** Stores, pushes and commits a batch; false when it could not be stored and will be read again. */
    private boolean handle(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            first.putIfAbsent(partition, record.offset());
            next.put(partition, new OffsetAndMetadata(record.offset() + 1));
            metrics.recordConsumed(record.topic());
            batch.add(record);
        }
        AlertStore.Stored stored;
        try {
            stored = writer.write(batch);
        } catch (SQLException | RuntimeException e) {
            lastError = "database: " + e.getClass().getSimpleName();
            LOG.error("cannot store a batch of {} records; it will be read again", records.count(), e);
            first.forEach(consumer::seek);
            awaitStopping(RETRY_BACKOFF);
            return false;
        }
        metrics.alertsInserted(stored.newAlerts().size());
        metrics.duplicateAlerts(stored.duplicateAlerts());
        if (!stored.newAlerts().isEmpty()) {
            alertFeed.nudge();
        }
        stored.changedFigures().forEach(broadcaster::publishFigures);
        try {
            consumer.commitSync(next);
        } catch (CommitFailedException e) {
            // the partitions moved to another member, which reads the batch again: stored once all the same
            LOG.warn("offsets not committed after a rebalance: {}", e.getMessage());
        }
        return true;
    }

    private long assignedLag() {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            if (partitionLag.isPresent()) {
                lag += partitionLag.getAsLong();
            }
        }
        return lag;
    }

    private void awaitStopping(Duration timeout) {
        try {
            stopping.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the loop: wakes the consumer out of poll and waits for the thread to close it. */
    @Override
    public void close() {
        boolean started = running || thread.isAlive();
        running = false;
        stopping.countDown();
        if (!started) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
