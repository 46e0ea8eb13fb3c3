package io.learnpulse.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.records.StateInput;
import io.learnpulse.model.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The calendar and settings topics' deserializer never throws: an unusable record becomes a rejection with its raw text. */
class StateDeserializerTest {

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
    void parsesASettingsOverrideAndRejectsABadOneWithItsRawText() {
        String override = "{\"scope\":\"learner\",\"id\":\"u7\",\"effectiveFrom\":\"2026-11-24T00:00:00Z\","
                + "\"rules\":{\"engagement.empty-days\":5}}";
        assertThat(deserialize(StateInput.Kind.SETTINGS, "learner-settings", override.getBytes(StandardCharsets.UTF_8)))
                .singleElement().satisfies(input -> {
                    assertThat(input.isSettings()).isTrue();
                    assertThat(input.settings.key()).isEqualTo("learner:u7");
                    assertThat(input.settings.rules).containsEntry("engagement.empty-days", 5.0);
                    assertThat(input.raw).isEqualTo(override);
                });
        String bad = override.replace("5}", "0}");
        assertThat(deserialize(StateInput.Kind.SETTINGS, "learner-settings", bad.getBytes(StandardCharsets.UTF_8)))
                .singleElement().satisfies(input -> {
                    assertThat(input.isSettings()).isFalse();
                    assertThat(input.rejection.reason).isEqualTo(DeadLetter.OUT_OF_RANGE);
                    assertThat(input.rejection.detail).startsWith("settings: ").contains("'engagement.empty-days'");
                    assertThat(input.rejection.raw).isEqualTo(bad);
                });
    }

    @Test
    void aRecordWithoutValueOrNotUtf8IsRejected() {
        assertThat(deserialize((byte[]) null)).singleElement()
                .satisfies(input -> assertThat(input.rejection.detail).contains("without a value").contains("course-calendar-0@5"));
        assertThat(deserialize(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'})).singleElement()
                .satisfies(input -> assertThat(input.rejection.reason).isEqualTo(DeadLetter.MALFORMED_JSON));
    }

    private static List<StateInput> deserialize(String value) {
        return deserialize(value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<StateInput> deserialize(byte[] value) {
        return deserialize(StateInput.Kind.CALENDAR, "course-calendar", value);
    }

    private static List<StateInput> deserialize(StateInput.Kind kind, String topic, byte[] value) {
        List<StateInput> out = new ArrayList<>();
        new StateDeserializer(kind).deserialize(new ConsumerRecord<>(topic, 0, 5, null, value),
                new Collector<>() {
                    @Override
                    public void collect(StateInput record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }
}
