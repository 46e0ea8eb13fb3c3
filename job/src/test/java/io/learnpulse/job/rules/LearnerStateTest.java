package io.learnpulse.job.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.EventType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Forgetting a learner resets every field, also those added later, but the waiting events, timer and clock. */
class LearnerStateTest {
    private static final Set<String> KEPT = Set.of("pending", "timerAt", "clock");

    @Test
    void forgettingResetsEverythingButTheWaitingEventsTimerAndClock() throws Exception {
        LearnerState s = new LearnerState();
        for (Field f : LearnerState.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                f.set(s, someValue(f));
            }
        }
        List<ActivityEvent> pending = s.pending;

        s.forget();

        LearnerState fresh = new LearnerState();
        for (Field f : LearnerState.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            if (KEPT.contains(f.getName())) {
                assertThat(f.get(s)).as(f.getName()).isEqualTo(someValue(f));
            } else {
                assertThat(f.get(s)).as(f.getName()).isEqualTo(f.get(fresh));
            }
        }
        assertThat(s.pending).isSameAs(pending);
    }

    private static Object someValue(Field f) {
        Class<?> type = f.getType();
        if (type == long.class) {
            return 42L;
        } else if (type == int.class) {
            return 7;
        } else if (type == double.class) {
            return 0.5;
        } else if (type == boolean.class) {
            return true;
        } else if (type == Double.class) {
            return 0.25;
        } else if (type == String.class) {
            return "x";
        } else if (f.getName().equals("pending")) {
            return new java.util.ArrayList<>(List.of(new ActivityEvent("e", "u", EventType.ACTIVITY, 1)));
        } else if (type == List.class) {
            return new java.util.ArrayList<>(List.of("v"));
        }
        throw new AssertionError("no sample value for " + f);
    }
}
