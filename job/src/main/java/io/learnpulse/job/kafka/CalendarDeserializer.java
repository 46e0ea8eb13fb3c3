package io.learnpulse.job.kafka;

import io.learnpulse.job.records.CalendarInput;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one record of the course-calendar topic into a calendar input. It never throws: a record
 * that is not a valid item (docs/events.md) becomes a rejection carrying its raw text.
 */
public final class CalendarDeserializer implements KafkaRecordDeserializationSchema<CalendarInput> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CalendarInput> out) {
        String raw = RecordText.of(record, rejected -> out.collect(CalendarInput.rejected(rejected)));
        if (raw != null) {
            out.collect(CalendarInput.parse(raw));
        }
    }

    @Override
    public TypeInformation<CalendarInput> getProducedType() {
        return TypeInformation.of(CalendarInput.class);
    }
}
