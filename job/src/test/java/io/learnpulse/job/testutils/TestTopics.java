package io.learnpulse.job.testutils;

import io.learnpulse.kafka.LocalKafka;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.SettingsOverride;
import io.learnpulse.testkit.Wait;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** The topics of one test run, with fresh random names, and publishers of activity, of the calendar and of settings. */
public final class TestTopics {
    public final String activity;
    public final String calendar;
    public final String settings;
    public final String alerts;
    public final String metrics;
    public final String risk;
    public final String dlq;
    private final LocalKafka kafka;

    private TestTopics(LocalKafka kafka, String suffix, int activityPartitions) {
        this.kafka = kafka;
        this.activity = "learner-activity-" + suffix;
        this.calendar = "course-calendar-" + suffix;
        this.settings = "learner-settings-" + suffix;
        this.alerts = "learner-alerts-" + suffix;
        this.metrics = "learner-metrics-" + suffix;
        this.risk = "learner-risk-" + suffix;
        this.dlq = "learner-dlq-" + suffix;
        kafka.createTopic(activity, activityPartitions);
        kafka.createTopic(calendar, 1);
        kafka.createCompactedTopic(settings, 1);
        kafka.createTopic(alerts, 2);
        kafka.createTopic(metrics, 2);
        kafka.createTopic(risk, 2);
        kafka.createTopic(dlq, 1);
    }

    public static TestTopics create(LocalKafka kafka, int activityPartitions) {
        return new TestTopics(kafka, UUID.randomUUID().toString().substring(0, 8), activityPartitions);
    }

    /** The job options that point the job at these topics. */
    public Map<String, String> jobOptions() {
        return Map.of("bootstrap-servers", kafka.bootstrapServers(),
                "topic.activity", activity,
                "topic.calendar", calendar,
                "topic.settings", settings,
                "topic.alerts", alerts,
                "topic.metrics", metrics,
                "topic.risk", risk,
                "topic.dlq", dlq);
    }

    /** Publishes lines to the activity topic in list order, keyed by userId, and waits for the acks. */
    public void publish(List<LearnerStream.Line> lines) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (LearnerStream.Line line : lines) {
                producer.send(new ProducerRecord<>(activity, line.partition < 0 ? null : line.partition,
                        line.key, line.json));
            }
            producer.flush();
        }
    }

    /** Publishes calendar items (JSON lines) to the calendar topic, keyed courseId/assessmentId (docs/events.md). */
    public void publishCalendar(List<String> items) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (String json : items) {
                CalendarItem item;
                try {
                    item = JsonCodec.readCalendarItem(json);
                } catch (InvalidRecordException e) {
                    throw new IllegalArgumentException("not a calendar item: " + json, e);
                }
                producer.send(new ProducerRecord<>(calendar, item.key(), json));
            }
            producer.flush();
        }
    }

    /** Publishes settings overrides (JSON lines) to the settings topic, keyed scope:id (docs/events.md). */
    public void publishSettings(List<String> overrides) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (String json : overrides) {
                SettingsOverride override;
                try {
                    override = JsonCodec.readSettingsOverride(json);
                } catch (InvalidRecordException e) {
                    throw new IllegalArgumentException("not a settings override: " + json, e);
                }
                producer.send(new ProducerRecord<>(settings, override.key(), json));
            }
            producer.flush();
        }
    }

    /**
     * Waits until the job has committed, with a completed checkpoint, consumer group {@code groupId}'s
     * offset of the whole calendar topic: then every item is in the rule operator's checkpointed
     * state, learned before any event, as a replay knows its calendar.
     */
    public void awaitCalendarRead(String groupId, int items) {
        awaitRead(calendar, groupId, items);
    }

    /** The same for the settings topic: every override is in the rule operator's checkpointed state. */
    public void awaitSettingsRead(String groupId, int overrides) {
        awaitRead(settings, groupId, overrides);
    }

    private void awaitRead(String topic, String groupId, int records) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Wait.until(topic + " read and checkpointed", Duration.ofMinutes(1), () -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                        .get().get(new TopicPartition(topic, 0));
                return committed != null && committed.offset() >= records;
            });
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
