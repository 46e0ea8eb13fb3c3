package io.learnpulse.job.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.EventType;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The events' network serializer under Flink's own checks (round trip alone and in sequence, with
 * and without reuse, copies, duplicate, snapshot and its restore) over edge cases and seeded random
 * events; and beyond them: every field of {@link ActivityEvent}, each null on its own, strings
 * longer than {@code writeUTF} takes, a reused event keeping nothing of the one before.
 */
class ActivityEventSerializerTest extends SerializerTestBase<ActivityEvent> {
    private static final ActivityEventSerializer SERIALIZER = ActivityEventSerializer.INSTANCE;
    /** Past the 65,535 bytes of {@code DataOutput.writeUTF}, in the serializer's one byte per character. */
    private static final String LONG_NARROW = "é".repeat(70_000);
    /** The same in its two bytes per character (a character past 255 among them). */
    private static final String LONG_WIDE = LONG_NARROW + "\uD834\uDD1E";

    @Override
    protected TypeSerializer<ActivityEvent> createSerializer() {
        return SERIALIZER;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<ActivityEvent> getTypeClass() {
        return ActivityEvent.class;
    }

    @Override
    protected ActivityEvent[] getTestData() {
        List<ActivityEvent> events = new ArrayList<>();
        events.add(new ActivityEvent()); // every field null, time 0
        events.add(everyFieldSet());
        events.add(typical());
        ActivityEvent longStrings = everyFieldSet();
        longStrings.eventId = LONG_NARROW;
        longStrings.raw = LONG_WIDE;
        events.add(longStrings);
        RandomEvents random = new RandomEvents(42);
        for (int i = 0; i < 500; i++) {
            events.add(random.next());
        }
        return events.toArray(new ActivityEvent[0]);
    }

    @Test
    void everyFieldRoundTripsAndIsCopied() throws Exception {
        ActivityEvent full = everyFieldSet();
        assertSameFields(roundTrip(full), full);
        assertSameFields(SERIALIZER.copy(full), full);
    }

    @Test
    void eachFieldNullOnItsOwnRoundTrips() throws Exception {
        for (Field field : instanceFields()) {
            if (field.getType().isPrimitive()) {
                continue;
            }
            ActivityEvent event = everyFieldSet();
            field.set(event, null);
            assertSameFields(roundTrip(event), event);
        }
    }

    @Test
    void stringsLongerThanWriteUtfTakes() throws Exception {
        ActivityEvent event = typical();
        event.eventId = LONG_NARROW;
        event.raw = LONG_WIDE;
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(event, out);
        assertThat(out.length()).isGreaterThan(70_000 + 2 * 70_000);
        ActivityEvent read = roundTrip(event);
        assertThat(read.eventId).isEqualTo(LONG_NARROW);
        assertThat(read.raw).isEqualTo(LONG_WIDE);
    }

    @Test
    void aReusedEventKeepsNothingOfTheOneBefore() throws Exception {
        ActivityEvent reuse = SERIALIZER.deserialize(new ActivityEvent(), input(everyFieldSet()));
        ActivityEvent empty = new ActivityEvent();
        assertSameFields(SERIALIZER.deserialize(reuse, input(empty)), empty);
    }

    @Test
    void smallerThanThePojoSerializers() throws Exception {
        TypeSerializer<ActivityEvent> pojo = TypeInformation.of(ActivityEvent.class)
                .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer byPojo = new DataOutputSerializer(256);
        pojo.serialize(typical(), byPojo);
        DataOutputSerializer byHand = new DataOutputSerializer(256);
        SERIALIZER.serialize(typical(), byHand);
        assertThat(byHand.length()).isLessThan(byPojo.length());
    }

    /** An event as the parse passes it on: ASCII ids, an assessment's score, no raw text. */
    static ActivityEvent typical() {
        ActivityEvent event = new ActivityEvent("9f1c2a4e-0d3b-4c55-9e7a-1b2c3d4e5f60", "learner-04217",
                EventType.ASSESSMENT, 1_764_583_200_000L);
        event.courseId = "course-3";
        event.cohortId = "cohort-B";
        event.score = 0.72;
        event.durationSeconds = 1_260.0;
        event.assessmentId = "TMA-2";
        return event;
    }

    /** Every field set to a value of its own (a field of a type not known here fails the test: add it). */
    private static ActivityEvent everyFieldSet() {
        ActivityEvent event = new ActivityEvent();
        int n = 0;
        try {
            for (Field field : instanceFields()) {
                n++;
                Class<?> type = field.getType();
                if (type == String.class) {
                    field.set(event, field.getName() + "-ß学\uD834\uDD1E");
                } else if (type == EventType.class) {
                    field.set(event, EventType.WITHDRAWAL);
                } else if (type == long.class) {
                    field.setLong(event, 1_764_583_200_000L + n);
                } else if (type == Double.class) {
                    field.set(event, n + 0.25);
                } else {
                    fail("ActivityEvent." + field.getName() + " is of a type this test does not fill: " + type);
                }
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        return event;
    }

    private static void assertSameFields(ActivityEvent actual, ActivityEvent expected) throws IllegalAccessException {
        for (Field field : instanceFields()) {
            assertThat(field.get(actual)).as(field.getName()).isEqualTo(field.get(expected));
        }
    }

    private static List<Field> instanceFields() {
        List<Field> fields = new ArrayList<>();
        for (Field field : ActivityEvent.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static ActivityEvent roundTrip(ActivityEvent event) throws IOException {
        return SERIALIZER.deserialize(input(event));
    }

    private static DataInputDeserializer input(ActivityEvent event) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(event, out);
        return new DataInputDeserializer(out.getCopyOfBuffer());
    }
}
