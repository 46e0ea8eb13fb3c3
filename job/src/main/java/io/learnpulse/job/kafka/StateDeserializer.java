package io.learnpulse.job.kafka;

import io.learnpulse.job.records.StateInput;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one record of the course-calendar or the settings topic into a state input. It never
 * throws: a record that is not a valid item or override (docs/events.md) becomes a rejection
 * carrying its raw text.
 */
public final class StateDeserializer implements KafkaRecordDeserializationSchema<StateInput> {
    private static final long serialVersionUID = 1L;

    private final StateInput.Kind kind;

    public StateDeserializer(StateInput.Kind kind) {
        this.kind = kind;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<StateInput> out) {
        String raw = RecordText.of(record, rejected -> out.collect(StateInput.rejected(rejected)));
        if (raw != null) {
            out.collect(kind.parse(raw));
        }
    }

    @Override
    public TypeInformation<StateInput> getProducedType() {
        return TypeInformation.of(StateInput.class);
    }
}
