package io.learnpulse.demo;

import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.synthetic.SyntheticLearners;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes activity to the activity topic, keyed by userId: synthetic learners in simulated time, or a
 * file; and the synthetic learners' course calendar.
 */
final class ActivityPublisher implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicLong published = new AtomicLong();
    private volatile long simulatedTime;

    ActivityPublisher(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.topic = topic;
    }

    long published() {
        return published.get();
    }

    /** The event time of the latest synthetic event published; 0 when publishing a file. */
    long simulatedTime() {
        return simulatedTime;
    }

    void stop() {
        stopped.set(true);
        stopSignal.countDown();
    }

    void awaitStop() throws InterruptedException {
        stopSignal.await();
    }

    /**
     * Publishes the learners' activity day after day, {@code speed} simulated seconds per real second,
     * until stopped.
     */
    void publishSimulated(SyntheticLearners learners, Instant start, double speed) {
        long realStart = System.nanoTime();
        for (int day = 0; !stopped.get(); day++) {
            learners.generateDay(day, event -> {
                if (stopped.get()) {
                    return;
                }
                long due = realStart + (long) ((event.timestamp - start.toEpochMilli()) * 1_000_000L / speed);
                for (long wait = due - System.nanoTime(); wait > 0 && !stopped.get(); wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(Math.min(wait, 100_000_000L));
                }
                send(event.userId, event.json, event.timestamp);
            });
        }
    }

    /**
     * Publishes a course calendar to {@code calendarTopic} (compacted), keyed {@code courseId/assessmentId},
     * and waits until the broker has it: the job then knows the deadlines before the activity they concern.
     */
    void publishCalendar(String calendarTopic, List<CalendarItem> items) {
        for (CalendarItem item : items) {
            producer.send(new ProducerRecord<>(calendarTopic, item.key(), JsonCodec.calendarItem(item)));
        }
        producer.flush();
    }

    /** Publishes the lines of a file in file order, as fast as the broker takes them. */
    void publishFile(Path file) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null && !stopped.get(); line = lines.readLine()) {
                if (!line.isBlank()) {
                    // the record key; a line that is not an event still goes out (the job dead-letters it)
                    send(JsonCodec.userIdOf(line), line, 0L);
                }
            }
        }
        producer.flush();
    }

    private void send(String userId, String json, long eventTime) {
        producer.send(new ProducerRecord<>(topic, userId, json));
        published.incrementAndGet();
        simulatedTime = eventTime;
    }

    @Override
    public void close() {
        stop();
        producer.close();
    }
}
