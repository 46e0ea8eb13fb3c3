package io.learnpulse.gateway.activity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code learner-activity} for the live stream on its own thread and in its own consumer group,
 * so it never slows the alerts' consumer loop. It starts at the end of the topic and never commits:
 * the stream shows what happens now, and a restarted gateway does not replay a backlog. An event the
 * job would dead-letter is skipped here and counted (the job's dead-letter topic keeps it).
 */
public final class ActivityConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ActivityConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final ActivityStream stream;
    private final Counter unreadable;
    private final Thread thread;
    private volatile boolean running;
    private volatile boolean assigned;

    public ActivityConsumer(String bootstrapServers, String groupId, String topic, ActivityStream stream,
            MeterRegistry registry) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(properties);
        this.topic = topic;
        this.stream = stream;
        this.unreadable = Counter.builder("learnpulse.gateway.activity.unreadable")
                .description("Activity records the live stream could not read (the job dead-letters them)")
                .register(registry);
        this.thread = new Thread(this::run, "gateway-activity");
        this.thread.setDaemon(true);
    }

    public void start() {
        running = true;
        thread.start();
    }

    /** True once the consumer has partitions assigned (tests wait for it before producing). */
    public boolean isAssigned() {
        return assigned;
    }

    private void run() {
        consumer.subscribe(List.of(topic));
        while (running) {
            try {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    publish(record.value());
                }
                assigned = !consumer.assignment().isEmpty();
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warn("activity stream: {}; retrying in {} s", e.toString(), RETRY_BACKOFF.toSeconds());
                try {
                    Thread.sleep(RETRY_BACKOFF.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        consumer.close();
    }

    private void publish(byte[] value) {
        try {
            ActivityEvent event = JsonCodec.readEvent(new String(value == null ? new byte[0] : value,
                    StandardCharsets.UTF_8));
            stream.publish(event);
        } catch (InvalidRecordException e) {
            unreadable.increment();
        }
    }

    @Override
    public void close() {
        if (!running) {
            consumer.close(); // never started
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
