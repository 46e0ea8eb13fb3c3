package io.learnpulse.gateway.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one topic for what the gateway shows but does not store (the live activity, the dead letters
 * of the operations view), on its own thread and in its own consumer group, so it never slows the
 * alerts' consumer loop. It never resumes from its group's offsets: on every start it begins
 * {@code lookBack} before now (zero: at the end of the topic), so a restarted gateway neither replays a
 * backlog nor forgets the window it shows. It commits its position every second all the same, only so
 * that its lag shows in the operations view (and in Kafka's own tools). Each record goes to the
 * handler, which must not throw.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Duration lookBack;
    private final Clock clock;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final Thread thread;
    private volatile boolean running;
    private volatile boolean assigned;

    public TopicFollower(String bootstrapServers, String groupId, String topic, Duration lookBack, Clock clock,
            Consumer<ConsumerRecord<String, byte[]>> handler) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        properties.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, "1000");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(properties);
        this.topic = topic;
        this.lookBack = lookBack;
        this.clock = clock;
        this.handler = handler;
        this.thread = new Thread(this::run, "gateway-follow-" + topic);
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
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                startPositions(partitions);
            }
        });
        while (running) {
            try {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    handler.accept(record);
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
        // its last commit is for the operations view only: a broker that is away does not hold up a stop
        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    }

    /** Each partition from the first record at or after now - lookBack, or its end. */
    private void startPositions(Collection<TopicPartition> partitions) {
        if (lookBack.isZero()) {
            consumer.seekToEnd(partitions);
            return;
        }
        long from = clock.millis() - lookBack.toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
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
