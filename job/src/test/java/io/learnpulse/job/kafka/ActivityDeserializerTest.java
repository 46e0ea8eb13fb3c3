package io.learnpulse.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.parse.InputFormat;
import io.learnpulse.job.records.InputRecord;
import io.learnpulse.model.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The Kafka deserializer never throws: unusable bytes become rejected input with their raw text. */
class ActivityDeserializerTest {
    private static final String EVENT = "{\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"activity\","
            + "\"timestamp\":\"2026-11-24T10:15:00Z\"}";

    @Test
    void parsesAnEvent() {
        List<InputRecord> out = deserialize(InputFormat.JSONL, EVENT.getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).isEvent()).isTrue();
        assertThat(out.get(0).event.userId).isEqualTo("u1");
        assertThat(out.get(0).event.raw).isEqualTo(EVENT);
    }

    @Test
    void malformedJsonIsRejectedWithItsText() {
        List<InputRecord> out = deserialize(InputFormat.JSONL, "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.rejection.reason).isEqualTo(DeadLetter.MALFORMED_JSON);
            assertThat(r.rejection.raw).isEqualTo("{not json");
        });
    }

    @Test
    void bytesThatAreNotUtf8AreRejected() {
        List<InputRecord> out = deserialize(InputFormat.JSONL, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.rejection.reason).isEqualTo(DeadLetter.MALFORMED_JSON);
            assertThat(r.rejection.detail).contains("not UTF-8").contains("learner-activity-3@17");
        });
    }

    @Test
    void aRecordWithoutValueIsRejected() {
        List<InputRecord> out = deserialize(InputFormat.JSONL, null);
        assertThat(out).singleElement().satisfies(r -> assertThat(r.rejection.detail).contains("without a value"));
    }

    @Test
    void anXapiArrayGivesOneRecordPerStatement() {
        String statement = "{\"id\":\"%s\",\"actor\":{\"mbox\":\"mailto:a@example.org\"},"
                + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
                + "\"object\":{\"id\":\"http://example.org/x\"},\"timestamp\":\"2026-11-24T10:15:00Z\"}";
        String array = "[" + String.format(statement, "s1") + "," + String.format(statement, "s2") + "]";
        List<InputRecord> out = deserialize(InputFormat.XAPI, array.getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasSize(2).allMatch(InputRecord::isEvent);
    }

    private static List<InputRecord> deserialize(InputFormat format, byte[] value) {
        List<InputRecord> out = new ArrayList<>();
        new ActivityDeserializer(format).deserialize(
                new ConsumerRecord<>("learner-activity", 3, 17, "u1".getBytes(StandardCharsets.UTF_8), value),
                new Collector<>() {
                    @Override
                    public void collect(InputRecord record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }
}
