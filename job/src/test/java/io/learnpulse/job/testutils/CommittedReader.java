package io.learnpulse.job.testutils;

import io.learnpulse.testkit.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from its beginning with {@code read_committed}, as a downstream consumer of
 * the exactly-once job does, keeping every record value it has seen.
 */
public final class CommittedReader implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<String> values = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    public CommittedReader(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        // a topic just created may have no partitions in the broker's metadata yet (seen on a loaded
        // machine): assigned none, the reader could never poll
        List<TopicPartition> partitions = Wait.until("the partitions of " + topic, Duration.ofSeconds(30),
                () -> consumer.partitionsFor(topic), found -> !found.isEmpty()).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until the values read so far satisfy {@code done}, failing after {@code timeout}. */
    public List<String> awaitValues(Duration timeout, String what, Predicate<List<String>> done) {
        Wait.until(what, timeout, () -> {
            poll();
            return done.test(values);
        });
        return List.copyOf(values);
    }

    /** Polls what is there now (a short, bounded poll). */
    public List<String> poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            values.add(record.value());
            keys.add(record.key());
        }
        return List.copyOf(values);
    }

    public List<String> keys() {
        return List.copyOf(keys);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
