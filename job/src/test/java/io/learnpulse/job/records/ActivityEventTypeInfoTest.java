package io.learnpulse.job.records;

import org.apache.flink.api.common.typeutils.TypeInformationTestBase;

/** The events' network type under Flink's own checks of a type: equality, serializability, fields. */
class ActivityEventTypeInfoTest extends TypeInformationTestBase<ActivityEventTypeInfo> {

    @Override
    protected ActivityEventTypeInfo[] getTestData() {
        return new ActivityEventTypeInfo[] {ActivityEventTypeInfo.INSTANCE};
    }
}
