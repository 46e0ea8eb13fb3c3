package io.learnpulse.job.testutils;

import io.learnpulse.kafka.LocalKafka;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** The four topics of one test run, with fresh random names, and a publisher of activity. */
public final class TestTopics {
    public final String activity;
    public final String alerts;
    public final String metrics;
    public final String dlq;
    private final LocalKafka kafka;

    private TestTopics(LocalKafka kafka, String suffix, int activityPartitions) {
        this.kafka = kafka;
        this.activity = "learner-activity-" + suffix;
        this.alerts = "learner-alerts-" + suffix;
        this.metrics = "learner-metrics-" + suffix;
        this.dlq = "learner-dlq-" + suffix;
        kafka.createTopic(activity, activityPartitions);
        kafka.createTopic(alerts, 2);
        kafka.createTopic(metrics, 2);
        kafka.createTopic(dlq, 1);
    }

    public static TestTopics create(LocalKafka kafka, int activityPartitions) {
        return new TestTopics(kafka, UUID.randomUUID().toString().substring(0, 8), activityPartitions);
    }

    /** The job options that point the job at these topics. */
    public Map<String, String> jobOptions() {
        return Map.of("bootstrap-servers", kafka.bootstrapServers(),
                "topic.activity", activity,
                "topic.alerts", alerts,
                "topic.metrics", metrics,
                "topic.dlq", dlq);
    }

    /** Publishes lines to the activity topic in list order, keyed by userId, and waits for the acks. */
    public void publish(List<LearnerStream.Line> lines) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (LearnerStream.Line line : lines) {
                producer.send(new ProducerRecord<>(activity, line.partition < 0 ? null : line.partition,
                        line.key, line.json));
            }
            producer.flush();
        }
    }
}
