package io.learnpulse.job.kafka;

import io.learnpulse.model.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The text of a Kafka record's value, or the dead letter of a record that has none. */
final class RecordText {
    private RecordText() {}

    /**
     * The value as UTF-8 text; null after handing {@code rejected} the dead letter of a record without
     * a value or with bytes that are not UTF-8 (so that a bad record never throws in a deserializer,
     * which would put the job in a restart loop).
     */
    static String of(ConsumerRecord<byte[], byte[]> record, Consumer<DeadLetter> rejected) {
        byte[] value = record.value();
        if (value == null) {
            rejected.accept(new DeadLetter(DeadLetter.MALFORMED_JSON, "record without a value at " + position(record), ""));
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            rejected.accept(new DeadLetter(DeadLetter.MALFORMED_JSON,
                    "record value is not UTF-8 text at " + position(record), new String(value, StandardCharsets.UTF_8)));
            return null;
        }
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
