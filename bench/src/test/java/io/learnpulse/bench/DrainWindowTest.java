package io.learnpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which stretch of a drain its rate is taken over, from fixed observation sequences; no cluster, no clock. */
class DrainWindowTest {
    private static final long SECOND = 1_000_000_000L;

    /** An observation at {@code seconds} after the submission; the job's CPU-seconds = 1.5 per second, the broker's 0.25. */
    private static DrainWindow.Observation at(double seconds, long count) {
        return new DrainWindow.Observation((long) (seconds * SECOND), count, 1.5 * seconds, 0.25 * seconds);
    }

    private static DrainWindow window(long events, int maxSeconds) {
        return new DrainWindow(events, maxSeconds * SECOND, at(0, 0));
    }

    @Test
    void runsFromTheFirstCountToTheLastNewCountBelowTheBacklog() {
        DrainWindow window = window(1_000, 25);
        assertThat(window.observe(at(0.5, 0))).isFalse();
        assertThat(window.observe(at(1.0, 100))).isFalse();
        assertThat(window.observe(at(2.0, 300))).isFalse();
        assertThat(window.observe(at(2.5, 300))).as("no news").isFalse();
        assertThat(window.observe(at(3.0, 500))).isFalse();
        assertThat(window.observe(at(4.0, 900))).isFalse();
        assertThat(window.observe(at(5.0, 1_000))).as("the whole backlog").isTrue();

        Drain.Result result = window.result("live");
        // 800 events from 1.0 s to 4.0 s; the poll at 5.0 s may have come up to a poll interval after the end
        assertThat(result.events()).isEqualTo(800);
        assertThat(result.seconds()).isEqualTo(3.0);
        assertThat(result.rate()).isCloseTo(266.67, org.assertj.core.data.Offset.offset(0.01));
        assertThat(result.jobCpu()).isEqualTo(4.5);
        assertThat(result.brokerCpu()).isEqualTo(0.75);
        assertThat(window.start().nanos()).isEqualTo(SECOND);
    }

    @Test
    void aCountSeenAgainDoesNotMoveTheEnd() {
        // counts refreshed only now and then: each end is where a new count appeared, so both carry the same age
        DrainWindow window = window(1_000, 25);
        window.observe(at(1.0, 200));
        window.observe(at(1.1, 200));
        window.observe(at(2.0, 600));
        window.observe(at(2.9, 600));
        assertThat(window.observe(at(3.0, 1_200))).as("more than the backlog: duplicates at least once").isTrue();

        assertThat(window.result("ceiling").rate()).isEqualTo(400.0);
    }

    @Test
    void aDrainLongerThanTheMeasureEndsAtTheFirstNewCountAfterIt() {
        DrainWindow window = window(1_000_000, 25);
        window.observe(at(1.0, 10_000));
        window.observe(at(20.0, 200_000));
        assertThat(window.observe(at(25.9, 200_000))).isFalse();
        assertThat(window.observe(at(26.0, 260_000))).as("25 s since the first count").isTrue();

        Drain.Result result = window.result("live");
        assertThat(result.events()).isEqualTo(250_000);
        assertThat(result.seconds()).isEqualTo(25.0);
        assertThat(result.rate()).isEqualTo(10_000.0);
    }

    @Test
    void aTinyBacklogDrainedBetweenTwoPollsCountsFromTheSubmission() {
        DrainWindow atOnce = window(500, 25);
        atOnce.observe(at(0.1, 0));
        assertThat(atOnce.observe(at(2.0, 500))).isTrue();
        assertThat(atOnce.result("quick").rate()).isEqualTo(250.0);
        assertThat(atOnce.start().count()).isZero();

        DrainWindow onePartial = window(500, 25);
        onePartial.observe(at(1.0, 100));
        assertThat(onePartial.observe(at(2.5, 500))).isTrue();
        assertThat(onePartial.result("quick").rate()).as("no new count between the first and the end").isEqualTo(200.0);
    }
}
