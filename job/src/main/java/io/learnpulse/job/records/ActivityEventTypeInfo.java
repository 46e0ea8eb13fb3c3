package io.learnpulse.job.records;

import io.learnpulse.model.ActivityEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of the parsed events' stream ({@code LearnpulseTopology}): {@link ActivityEvent} under
 * {@link ActivityEventSerializer} instead of the POJO serializer, on the network only (see there why).
 * Not a key type: the stream is keyed by a selector of the learner's id.
 */
public final class ActivityEventTypeInfo extends TypeInformation<ActivityEvent> {
    private static final long serialVersionUID = 1L;

    public static final ActivityEventTypeInfo INSTANCE = new ActivityEventTypeInfo();

    private ActivityEventTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<ActivityEvent> getTypeClass() {
        return ActivityEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<ActivityEvent> createSerializer(SerializerConfig config) {
        return ActivityEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "ActivityEvent (ActivityEventSerializer)";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ActivityEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return ActivityEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof ActivityEventTypeInfo;
    }
}
