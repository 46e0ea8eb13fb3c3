package io.learnpulse.bench;

import io.learnpulse.model.JsonCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** The bench's Kafka client side: topics, end offsets, and producers of the workload. */
final class BenchKafka implements AutoCloseable {
    private final String bootstrapServers;
    private final Admin admin;
    private final Map<String, Integer> partitions = new HashMap<>();

    BenchKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    void createTopics(int partitionCount, String... names) throws ExecutionException, InterruptedException {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitionCount, (short) 1));
            partitions.put(name, partitionCount);
        }
        try {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + List.of(names), e);
        }
    }

    /** The sum of the end offsets of a topic's partitions: records written to it (non-transactionally). */
    long endOffsets(String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions.getOrDefault(topic, 1); p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long sum = 0;
        for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(request).all().get().values()) {
            sum += info.offset();
        }
        return sum;
    }

    /**
     * A producer of activity: {@code acks=all}; batched ({@code linger.ms} 5) for the bulk loads and
     * paced runs, unbatched for alerts whose latency is measured.
     */
    KafkaProducer<String, String> producer(boolean batched) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, batched ? 5 : 0);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, batched ? 256 * 1024 : 16 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Writes every line of {@code file} to {@code topic}, keyed by userId, in file order; returns how many. */
    long preload(Path file, String topic) throws IOException {
        long n = 0;
        try (KafkaProducer<String, String> producer = producer(true);
                BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                producer.send(new ProducerRecord<>(topic, JsonCodec.userIdOf(line), line));
                n++;
            }
            producer.flush();
        }
        return n;
    }

    @Override
    public void close() {
        admin.close();
    }
}
