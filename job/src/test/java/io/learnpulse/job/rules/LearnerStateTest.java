package io.learnpulse.job.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.EventType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Forgetting a learner resets every field, also those added later and every field of each rule's
 * part, but the waiting events, timer and clock, and the enrollments with what MISSED_DEADLINE
 * and AT_RISK keep of them (docs/rules.md: forgetting a silent learner keeps their enrollments and submissions).
 */
class LearnerStateTest {
    private static final Set<String> KEPT = Set.of("pending", "timerAt", "clock", "enrollments", "missed", "risk");

    @Test
    void forgettingResetsEverythingButTheWaitingEventsTimerClockAndEnrollments() throws Exception {
        LearnerState s = sample(LearnerState.class);
        List<ActivityEvent> pending = s.pending;

        s.forget();

        LearnerState fresh = new LearnerState();
        for (Field f : fields(LearnerState.class)) {
            if (KEPT.contains(f.getName())) {
                assertThat(f.get(s)).as(f.getName()).usingRecursiveComparison().isEqualTo(someValue(f));
            } else {
                assertThat(f.get(s)).as(f.getName()).usingRecursiveComparison().isEqualTo(f.get(fresh));
            }
        }
        assertThat(s.pending).isSameAs(pending);
    }

    /** An instance of {@code type} with every field set to a value other than its initial one. */
    private static <T> T sample(Class<T> type) throws Exception {
        T value = type.getDeclaredConstructor().newInstance();
        for (Field f : fields(type)) {
            f.set(value, someValue(f));
        }
        return value;
    }

    private static List<Field> fields(Class<?> type) {
        return java.util.Arrays.stream(type.getFields()).filter(f -> !Modifier.isStatic(f.getModifiers())).toList();
    }

    private static Object someValue(Field f) throws Exception {
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
        } else if (type.getPackage() == LearnerState.class.getPackage()) {
            return sample(type); // a rule's part
        }
        throw new AssertionError("no sample value for " + f);
    }
}
