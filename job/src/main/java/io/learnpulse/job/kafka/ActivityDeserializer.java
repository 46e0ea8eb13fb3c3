package io.learnpulse.job.kafka;

import io.learnpulse.job.parse.EventParser;
import io.learnpulse.job.parse.InputFormat;
import io.learnpulse.job.records.InputRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns the value of one record of the activity topic into input records. It never throws: a
 * record without a value, with bytes that are not UTF-8, or with unusable JSON becomes a rejected
 * input carrying its raw text, so that it reaches the dead-letter topic and the job goes on (a
 * throwing deserializer would put the job in a restart loop on one bad record).
 */
public final class ActivityDeserializer implements KafkaRecordDeserializationSchema<InputRecord> {
    private static final long serialVersionUID = 1L;

    private final EventParser parser;

    public ActivityDeserializer(InputFormat format) {
        this.parser = EventParser.forFormat(format);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InputRecord> out) {
        String raw = RecordText.of(record, rejected -> out.collect(InputRecord.rejected(rejected.reason, rejected.detail, rejected.raw)));
        if (raw != null) {
            parser.parse(raw, out::collect);
        }
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
        return TypeInformation.of(InputRecord.class);
    }
}
