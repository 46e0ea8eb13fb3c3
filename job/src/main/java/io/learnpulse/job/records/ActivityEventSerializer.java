package io.learnpulse.job.records;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The events' serializer over the network, from the parse to the rule operator (the exchange by
 * learner; {@link ActivityEventTypeInfo}). Flink's POJO serializer reaches each field by
 * reflection, which a profile of the live job showed in the rule thread's network input; this one
 * writes the fields in a fixed order, directly: a mask of the fields present (an absent one costs a
 * bit, not a byte), the event type's ordinal in one byte, strings of one byte per character where
 * they allow it (below). Every field round-trips, null or not. Its time per event against the POJO
 * serializer's: ActivityEventSerializerMeasure (test scope).
 *
 * <p>Only that exchange uses it: the events kept in the learners' state ({@code LearnerState.pending})
 * stay under the POJO serializer, whose format the savepoints hold, so {@link ActivityEvent} carries no
 * type annotation. A field added to {@link ActivityEvent} must be added here
 * (ActivityEventSerializerTest fills every field and fails until it is).
 */
public final class ActivityEventSerializer extends TypeSerializerSingleton<ActivityEvent> {
    private static final long serialVersionUID = 1L;

    public static final ActivityEventSerializer INSTANCE = new ActivityEventSerializer();

    private static final EventType[] TYPES = EventType.values();

    // a field's bit in the mask, set when the field is not null
    private static final int EVENT_ID = 1;
    private static final int USER_ID = 1 << 1;
    private static final int COURSE_ID = 1 << 2;
    private static final int COHORT_ID = 1 << 3;
    private static final int TYPE = 1 << 4;
    private static final int SCORE = 1 << 5;
    private static final int PROGRESS = 1 << 6;
    private static final int DURATION_SECONDS = 1 << 7;
    private static final int ASSESSMENT_ID = 1 << 8;
    private static final int RAW = 1 << 9;

    private ActivityEventSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public ActivityEvent createInstance() {
        return new ActivityEvent();
    }

    @Override
    public ActivityEvent copy(ActivityEvent from) {
        return from.copy();
    }

    /** A new copy: Flink copies into a reused object only where object reuse is off, and then never on this path. */
    @Override
    public ActivityEvent copy(ActivityEvent from, ActivityEvent reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ActivityEvent event, DataOutputView target) throws IOException {
        target.writeShort(present(event.eventId, EVENT_ID) | present(event.userId, USER_ID)
                | present(event.courseId, COURSE_ID) | present(event.cohortId, COHORT_ID) | present(event.type, TYPE)
                | present(event.score, SCORE) | present(event.progress, PROGRESS)
                | present(event.durationSeconds, DURATION_SECONDS) | present(event.assessmentId, ASSESSMENT_ID)
                | present(event.raw, RAW));
        writeString(event.eventId, target);
        writeString(event.userId, target);
        writeString(event.courseId, target);
        writeString(event.cohortId, target);
        if (event.type != null) {
            target.writeByte(event.type.ordinal());
        }
        target.writeLong(event.timestamp);
        writeDouble(event.score, target);
        writeDouble(event.progress, target);
        writeDouble(event.durationSeconds, target);
        writeString(event.assessmentId, target);
        writeString(event.raw, target);
    }

    @Override
    public ActivityEvent deserialize(DataInputView source) throws IOException {
        return deserialize(new ActivityEvent(), source);
    }

    @Override
    public ActivityEvent deserialize(ActivityEvent reuse, DataInputView source) throws IOException {
        int present = source.readUnsignedShort();
        reuse.eventId = readString(present, EVENT_ID, source);
        reuse.userId = readString(present, USER_ID, source);
        reuse.courseId = readString(present, COURSE_ID, source);
        reuse.cohortId = readString(present, COHORT_ID, source);
        reuse.type = (present & TYPE) != 0 ? TYPES[source.readUnsignedByte()] : null;
        reuse.timestamp = source.readLong();
        reuse.score = readDouble(present, SCORE, source);
        reuse.progress = readDouble(present, PROGRESS, source);
        reuse.durationSeconds = readDouble(present, DURATION_SECONDS, source);
        reuse.assessmentId = readString(present, ASSESSMENT_ID, source);
        reuse.raw = readString(present, RAW, source);
        return reuse;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int present = source.readUnsignedShort();
        target.writeShort(present);
        copyString(present, EVENT_ID, source, target);
        copyString(present, USER_ID, source, target);
        copyString(present, COURSE_ID, source, target);
        copyString(present, COHORT_ID, source, target);
        copyBytes(present, TYPE, Byte.BYTES, source, target);
        target.write(source, Long.BYTES); // the timestamp
        copyBytes(present, SCORE, Double.BYTES, source, target);
        copyBytes(present, PROGRESS, Double.BYTES, source, target);
        copyBytes(present, DURATION_SECONDS, Double.BYTES, source, target);
        copyString(present, ASSESSMENT_ID, source, target);
        copyString(present, RAW, source, target);
    }

    @Override
    public TypeSerializerSnapshot<ActivityEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    private static int present(Object field, int bit) {
        return field != null ? bit : 0;
    }

    /**
     * A string as a header, {@code length << 1 | wide} in 7-bit groups, and its characters: one byte
     * each when all are below 256 (ids and names, nearly always), read back by a bulk copy where
     * Flink's {@code StringValue} decodes a variable-length integer per character; otherwise two
     * bytes each. No length limit but the record's (none of {@code writeUTF}'s 65,535 bytes), any UTF-16 content.
     */
    private static void writeString(String field, DataOutputView target) throws IOException {
        if (field == null) {
            return;
        }
        int length = field.length();
        boolean oneByte = true;
        for (int i = 0; i < length && oneByte; i++) {
            oneByte = field.charAt(i) < 256;
        }
        writeHeader(length << 1 | (oneByte ? 0 : 1), target);
        if (oneByte) {
            // a bulk copy; not writeBytes(String): Flink 2.2's DataOutputSerializer moves its position twice there
            target.write(field.getBytes(StandardCharsets.ISO_8859_1));
        } else {
            target.writeChars(field);
        }
    }

    private static void writeDouble(Double field, DataOutputView target) throws IOException {
        if (field != null) {
            target.writeDouble(field);
        }
    }

    private static String readString(int present, int bit, DataInputView source) throws IOException {
        if ((present & bit) == 0) {
            return null;
        }
        int header = readHeader(source);
        int length = header >>> 1;
        if ((header & 1) == 0) {
            byte[] bytes = new byte[length];
            source.readFully(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = source.readChar();
        }
        return new String(chars);
    }

    /** Read as unsigned: a length of 2^30 or more sets the top bit. */
    private static void writeHeader(int header, DataOutputView target) throws IOException {
        int rest = header;
        while ((rest & ~0x7F) != 0) {
            target.writeByte(rest & 0x7F | 0x80);
            rest >>>= 7;
        }
        target.writeByte(rest);
    }

    private static int readHeader(DataInputView source) throws IOException {
        int header = 0;
        for (int shift = 0; ; shift += 7) {
            int b = source.readUnsignedByte();
            header |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return header;
            }
        }
    }

    private static Double readDouble(int present, int bit, DataInputView source) throws IOException {
        return (present & bit) != 0 ? source.readDouble() : null;
    }

    private static void copyString(int present, int bit, DataInputView source, DataOutputView target)
            throws IOException {
        if ((present & bit) == 0) {
            return;
        }
        int header = readHeader(source);
        writeHeader(header, target);
        int length = header >>> 1;
        target.write(source, (header & 1) == 0 ? length : 2 * length);
    }

    private static void copyBytes(int present, int bit, int length, DataInputView source, DataOutputView target)
            throws IOException {
        if ((present & bit) != 0) {
            target.write(source, length);
        }
    }

    /**
     * The serializer has no parameters, so its snapshot holds none. Nothing it writes is kept in a
     * checkpoint or savepoint (the exchange's records are not state, and the job's checkpoints are
     * aligned, so none in flight is stored either): a change of the format above needs no version.
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ActivityEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
