package io.learnpulse.job.records;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import io.learnpulse.job.rules.CourseSchedule;
import io.learnpulse.job.rules.LearnerState;
import io.learnpulse.job.rules.SettingsHistory;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertMetrics;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.DailyFigures;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.LearnerRisk;
import io.learnpulse.model.RiskFactor;
import io.learnpulse.risk.RiskFeatures;
import io.learnpulse.model.SettingsOverride;
import org.junit.jupiter.api.Test;

/** Every record, the learner state and the calendar and settings state are Flink POJOs, serialised without a Kryo fallback. */
class RecordsArePojosTest {

    @Test
    void recordsAndStateArePojos() {
        assertSerializedAsPojoWithoutKryo(ActivityEvent.class);
        assertSerializedAsPojoWithoutKryo(InputRecord.class);
        assertSerializedAsPojoWithoutKryo(DeadLetter.class);
        assertSerializedAsPojoWithoutKryo(Alert.class);
        assertSerializedAsPojoWithoutKryo(AlertMetrics.class);
        assertSerializedAsPojoWithoutKryo(DailyFigures.class);
        assertSerializedAsPojoWithoutKryo(LearnerRisk.class);
        assertSerializedAsPojoWithoutKryo(RiskFactor.class);
        assertSerializedAsPojoWithoutKryo(RiskFeatures.class);
        assertSerializedAsPojoWithoutKryo(LearnerState.class);
        assertSerializedAsPojoWithoutKryo(CalendarItem.class);
        assertSerializedAsPojoWithoutKryo(StateInput.class);
        assertSerializedAsPojoWithoutKryo(CourseSchedule.class);
        assertSerializedAsPojoWithoutKryo(SettingsHistory.class);
        assertSerializedAsPojoWithoutKryo(SettingsOverride.class);
    }
}
