package io.learnpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void returnsTheFirstValueThatIsDone() {
        AtomicInteger polls = new AtomicInteger();
        assertThat(Wait.until("three polls", Duration.ofSeconds(10), polls::incrementAndGet, n -> n >= 3)).isEqualTo(3);
    }

    @Test
    void givesUpWithAMessageNamingWhatAndTheLastValue() {
        assertThatThrownBy(() -> Wait.until("a value above 5", SHORT, () -> 4, n -> n > 5))
                .isInstanceOf(Wait.TimedOut.class)
                .hasMessage("gave up waiting for a value above 5 after 300 ms; last seen: 4");
        assertThatThrownBy(() -> Wait.until("never", Duration.ofSeconds(1), () -> false))
                .hasMessage("gave up waiting for never after 1 s");
    }

    @Test
    void anExceptionOfTheConditionEndsTheWaitAtOnce() {
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> Wait.until("a failing condition", Duration.ofMinutes(1), () -> {
            polls.incrementAndGet();
            throw new IllegalStateException("the job failed");
        })).hasMessageContaining("the job failed");
        assertThat(polls).hasValue(1);
    }

    @Test
    void withinSaysWhetherTheConditionHeld() {
        assertThat(Wait.within(SHORT, () -> false)).isFalse();
        assertThat(Wait.within(SHORT, () -> true)).isTrue();
    }
}
