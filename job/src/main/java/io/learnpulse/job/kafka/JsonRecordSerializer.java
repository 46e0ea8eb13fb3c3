package io.learnpulse.job.kafka;

import io.learnpulse.model.Alert;
import io.learnpulse.model.DailyFigures;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.LearnerRisk;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes one output of the job as Kafka records: the JSON wire form of docs/alerts.md as the value,
 * the learner's userId as the key (so a learner's records stay in order on one partition), and
 * the partition left to Kafka's default partitioner of the key.
 */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, String> json;

    private JsonRecordSerializer(String topic, SerializableFunction<T, String> key, SerializableFunction<T, String> json) {
        this.topic = topic;
        this.key = key;
        this.json = json;
    }

    public static JsonRecordSerializer<Alert> alerts(String topic) {
        return new JsonRecordSerializer<>(topic, alert -> alert.userId, JsonCodec::alert);
    }

    public static JsonRecordSerializer<DailyFigures> dailyFigures(String topic) {
        return new JsonRecordSerializer<>(topic, figures -> figures.userId, JsonCodec::dailyFigures);
    }

    public static JsonRecordSerializer<LearnerRisk> learnerRisk(String topic) {
        return new JsonRecordSerializer<>(topic, risk -> risk.userId, JsonCodec::learnerRisk);
    }

    /** Dead letters are keyed by the userId of their raw input when it has one, else have no key. */
    public static JsonRecordSerializer<DeadLetter> deadLetters(String topic) {
        return new JsonRecordSerializer<>(topic, deadLetter -> JsonCodec.userIdOf(deadLetter.raw),
                JsonCodec::deadLetter);
    }

    public String topic() {
        return topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        // no record timestamp: Kafka stamps the write time, so that topic retention counts from when
        // the job wrote a record, also when it replays old history (event times are in the value)
        return new ProducerRecord<>(topic, null, null,
                k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                json.apply(element).getBytes(StandardCharsets.UTF_8));
    }
}
