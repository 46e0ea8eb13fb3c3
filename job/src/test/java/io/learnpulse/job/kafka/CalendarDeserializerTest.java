package io.learnpulse.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.records.CalendarInput;
import io.learnpulse.model.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The calendar topic's deserializer never throws: an unusable record becomes a rejection with its raw text. */
class CalendarDeserializerTest {

    @Test
    void parsesAnItemAndADeletion() {
        assertThat(deserialize("{\"courseId\":\"c\",\"assessmentId\":\"a\",\"dueAt\":\"2026-11-24T12:00:00Z\",\"title\":\"TMA 2\"}"))
                .singleElement().satisfies(input -> {
                    assertThat(input.isItem()).isTrue();
                    assertThat(input.item.key()).isEqualTo("c/a");
                    assertThat(input.item.title).isEqualTo("TMA 2");
                });
        assertThat(deserialize("{\"courseId\":\"c\",\"assessmentId\":\"a\",\"deleted\":true}"))
                .singleElement().satisfies(input -> assertThat(input.item.deleted).isTrue());
    }

    @Test
    void anInvalidItemIsRejectedWithItsReasonAndRawText() {
        String raw = "{\"courseId\":\"c\",\"assessmentId\":\"a\"}";
        assertThat(deserialize(raw)).singleElement().satisfies(input -> {
            assertThat(input.isItem()).isFalse();
            assertThat(input.rejection.reason).isEqualTo(DeadLetter.MISSING_FIELD);
            assertThat(input.rejection.detail).startsWith("calendar item: ").contains("dueAt");
            assertThat(input.rejection.raw).isEqualTo(raw);
        });
    }

    @Test
    void aRecordWithoutValueOrNotUtf8IsRejected() {
        assertThat(deserialize((byte[]) null)).singleElement()
                .satisfies(input -> assertThat(input.rejection.detail).contains("without a value").contains("course-calendar-0@5"));
        assertThat(deserialize(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'})).singleElement()
                .satisfies(input -> assertThat(input.rejection.reason).isEqualTo(DeadLetter.MALFORMED_JSON));
    }

    private static List<CalendarInput> deserialize(String value) {
        return deserialize(value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<CalendarInput> deserialize(byte[] value) {
        List<CalendarInput> out = new ArrayList<>();
        new CalendarDeserializer().deserialize(new ConsumerRecord<>("course-calendar", 0, 5, null, value),
                new Collector<>() {
                    @Override
                    public void collect(CalendarInput record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }
}
