package io.learnpulse.job.kafka;

import io.learnpulse.job.JobOptions;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.job.records.StateInput;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The Kafka source and sinks of the live job, built from its options ({@link JobOptions}). */
public final class KafkaConnectors {
    /** How soon a calendar or settings topic created after the job started is read. */
    static final Duration CALENDAR_DISCOVERY_INTERVAL = Duration.ofSeconds(10);

    private KafkaConnectors() {}

    /** The activity topic, read with read_committed so that aborted input never becomes an event. */
    public static KafkaSource<InputRecord> activitySource(Configuration options) {
        return KafkaSource.<InputRecord>builder()
                .setBootstrapServers(options.get(JobOptions.BOOTSTRAP_SERVERS))
                .setTopics(options.get(JobOptions.ACTIVITY_TOPIC))
                .setGroupId(options.get(JobOptions.GROUP_ID))
                .setClientIdPrefix(options.get(JobOptions.GROUP_ID))
                .setStartingOffsets(startingOffsets(JobOptions.startPosition(options)))
                .setDeserializer(new ActivityDeserializer(JobOptions.inputFormat(options)))
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .build();
    }

    /**
     * The course-calendar topic (compacted), read whole from its beginning on a fresh start, as the
     * calendar is state, not a stream of events: every item ever published counts (docs/events.md).
     * A restore resumes from the checkpoint, whose broadcast state holds what was read before.
     * Subscribed by a pattern that names only that topic, so that a job started before anyone
     * created it runs (subscribing to a missing topic by name fails the job) and finds it once it
     * exists, at the next partition discovery.
     */
    public static KafkaSource<StateInput> calendarSource(Configuration options) {
        return stateSource(options, options.get(JobOptions.CALENDAR_TOPIC), StateInput.Kind.CALENDAR, "-calendar");
    }

    /**
     * The settings topic (compacted, key {@code scope:id}), read as the calendar topic is: whole
     * from its beginning on a fresh start, by a pattern naming only that topic (docs/events.md).
     */
    public static KafkaSource<StateInput> settingsSource(Configuration options) {
        return stateSource(options, options.get(JobOptions.SETTINGS_TOPIC), StateInput.Kind.SETTINGS, "-settings");
    }

    private static KafkaSource<StateInput> stateSource(Configuration options, String topic, StateInput.Kind kind,
            String clientSuffix) {
        return KafkaSource.<StateInput>builder()
                .setBootstrapServers(options.get(JobOptions.BOOTSTRAP_SERVERS))
                .setTopicPattern(Pattern.compile(Pattern.quote(topic)))
                .setProperty(KafkaSourceOptions.PARTITION_DISCOVERY_INTERVAL_MS.key(),
                        Long.toString(CALENDAR_DISCOVERY_INTERVAL.toMillis()))
                .setGroupId(options.get(JobOptions.GROUP_ID))
                .setClientIdPrefix(options.get(JobOptions.GROUP_ID) + clientSuffix)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new StateDeserializer(kind))
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .build();
    }

    static OffsetsInitializer startingOffsets(JobOptions.StartPosition position) {
        switch (position.kind) {
            case EARLIEST:
                return OffsetsInitializer.earliest();
            case LATEST:
                return OffsetsInitializer.latest();
            case TIMESTAMP:
                return OffsetsInitializer.timestamp(position.timestamp);
            case COMMITTED:
            default:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }

    /**
     * A sink of one output. With exactly-once delivery each sink writes in Kafka transactions
     * committed at each checkpoint, under its own transactional-id prefix ({@code <prefix>-<name>}),
     * with a transaction timeout a stock broker accepts.
     */
    public static <T> KafkaSink<T> sink(Configuration options, String name, JsonRecordSerializer<T> serializer) {
        boolean exactlyOnce = JobOptions.delivery(options) == JobOptions.Delivery.EXACTLY_ONCE;
        return KafkaSink.<T>builder()
                .setBootstrapServers(options.get(JobOptions.BOOTSTRAP_SERVERS))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(options.get(JobOptions.TRANSACTIONAL_ID_PREFIX) + "-" + name)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        Long.toString(options.get(JobOptions.TRANSACTION_TIMEOUT).toMillis()))
                .build();
    }
}
