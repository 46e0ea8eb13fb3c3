package io.learnpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up goes on until two runs in a row agree, within its limits, and says so; made-up rates, no cluster. */
class WarmUpTest {
    private final List<String> said = new ArrayList<>();

    /** Runs whose rates are these events/s (a null: the run failed). */
    private static WarmUp.Run rates(Double... rates) {
        return n -> rates[n - 1] == null ? null : new Drain.Result("warm-up", Math.round(rates[n - 1] * 10), 10, 10, 1);
    }

    @Test
    void stopsOnceTwoRunsInARowAgree() throws Exception {
        WarmUp.Outcome outcome = WarmUp.warm("ceiling", 6, Duration.ofDays(1), rates(60_000.0, 140_000.0, 150_000.0, 1.0),
                said::add);

        assertThat(outcome.settled()).isTrue();
        assertThat(outcome.runs()).isEqualTo(3);
        assertThat(outcome.describe()).isEqualTo("ceiling: warm after 3 runs (60,000 / 140,000 / 150,000 events/s)");
        assertThat(said).hasSize(4).last().isEqualTo("warm-up " + outcome.describe());
        assertThat(said.get(0)).startsWith("warm-up ceiling: run 1 (unmeasured; until two in a row agree within 10%");
    }

    @Test
    void aFailedRunBreaksTheRowAndCountsAsARun() throws Exception {
        WarmUp.Outcome outcome = WarmUp.warm("live", 6, Duration.ofDays(1), rates(100.0, null, 104.0, 105.0), said::add);

        assertThat(outcome.settled()).as("100 and 104 are not consecutive runs").isTrue();
        assertThat(outcome.runs()).isEqualTo(4);
        assertThat(outcome.rates()).containsExactly(100.0, 104.0, 105.0);
    }

    @Test
    void givesUpAfterItsRunsOrItsTime() throws Exception {
        WarmUp.Outcome capped = WarmUp.warm("live", 3, Duration.ofDays(1), rates(10.0, 20.0, 40.0, 80.0), said::add);
        assertThat(capped.settled()).isFalse();
        assertThat(capped.runs()).isEqualTo(3);
        assertThat(capped.describe()).isEqualTo("live: not settled after 3 runs (10 / 20 / 40 events/s)");

        WarmUp.Outcome timed = WarmUp.warm("live", 6, Duration.ZERO, rates(10.0, 20.0, 40.0), said::add);
        assertThat(timed.runs()).as("two runs whatever the time, then only within it").isEqualTo(2);
        assertThat(timed.settled()).isFalse();
    }

    @Test
    void agreementIsRelativeToTheLargerRate() {
        assertThat(WarmUp.agree(90, 100)).isTrue();
        assertThat(WarmUp.agree(100, 89)).isFalse();
    }
}
