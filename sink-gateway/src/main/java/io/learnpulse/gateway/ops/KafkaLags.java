package io.learnpulse.gateway.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** End offsets of topics and the lag of consumer groups on them, from Kafka's admin API. */
final class KafkaLags implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;

    KafkaLags(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    /** Per partition of the topics (those that exist), the offset after the last record. */
    Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> described : admin.describeTopics(topics)
                .topicNameValues().entrySet()) {
            TopicDescription topic;
            try {
                topic = described.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    continue; // not created yet: nothing to lag behind
                }
                throw e;
            }
            topic.partitions().forEach(partition ->
                    latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry : admin.listOffsets(latest).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet()) {
            ends.put(entry.getKey(), entry.getValue().offset());
        }
        return ends;
    }

    /**
     * The group's lag per topic: records after its committed offset, summed over the partitions; a
     * partition without a committed offset counts all its records. Topics the group never committed on
     * are absent.
     */
    Map<String, Long> lag(String group, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Long> lags = new TreeMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null && ends.containsKey(partition)) {
                lags.put(partition.topic(), 0L);
            }
        });
        ends.forEach((partition, end) -> {
            if (lags.containsKey(partition.topic())) {
                OffsetAndMetadata offset = committed.get(partition);
                lags.merge(partition.topic(), Math.max(0, end - (offset == null ? 0 : offset.offset())), Long::sum);
            }
        });
        return lags;
    }

    @Override
    public void close() {
        admin.close();
    }
}
