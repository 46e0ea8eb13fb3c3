package io.learnpulse.gateway.ingest;

import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Where the consumer loop reads: the cluster, its consumer group (where committed offsets live) and the four topics. */
public record ConsumerSettings(String bootstrapServers, String groupId, String alertsTopic, String metricsTopic,
        String calendarTopic, String riskTopic) {

    public List<String> topics() {
        return List.of(alertsTopic, metricsTopic, calendarTopic, riskTopic);
    }

    Properties properties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        // a gateway that died without leaving the group (kill -9, a lost host) holds its partitions until
        // its session times out: 10 s instead of Kafka's 45 s, for the gateway restarted in its place or
        // another gateway of the group to go on sooner
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        // a reader never creates the job's topics (with the broker's default partition count)
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }
}
