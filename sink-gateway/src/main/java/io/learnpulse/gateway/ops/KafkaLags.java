package io.learnpulse.gateway.ops;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * The group's lag on each of {@code topics}: the records after its committed offsets, summed over the
     * topic's partitions; a partition without records counts none. Null (unknown) for a topic that does not
     * exist yet or that has records in a partition the group never committed on.
     */
    Map<String, Long> lag(String group, List<String> topics, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Long> lags = new LinkedHashMap<>();
        topics.forEach(topic -> lags.put(topic, lag(topic, committed, ends)));
        return lags;
    }

    private static Long lag(String topic, Map<TopicPartition, OffsetAndMetadata> committed,
            Map<TopicPartition, Long> ends) {
        Long lag = null; // until a partition of the topic is found
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (end.getKey().topic().equals(topic)) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                if (offset == null && end.getValue() > 0) {
                    return null; // where the group would begin reading it is not known here
                }
                long behind = offset == null ? 0 : Math.max(0, end.getValue() - offset.offset());
                lag = (lag == null ? 0 : lag) + behind;
            }
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close();
    }
}
