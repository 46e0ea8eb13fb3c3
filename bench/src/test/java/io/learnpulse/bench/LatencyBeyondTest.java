package io.learnpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which checkpoint committed an alert, and what its latency took beyond the configured waits, from
 * fixed moments (milliseconds; checkpoints every 10 s, watermark delay 2 s); no cluster, no clock.
 */
class LatencyBeyondTest {
    private static final long WATERMARK_DELAY = 2_000;
    /** Triggered at 10 s, 20 s, 30 s; each completed 900 ms later. */
    private static final CheckpointHistory CHECKPOINTS = new CheckpointHistory(List.of(
            new CheckpointHistory.Checkpoint(30_000, 30_900),
            new CheckpointHistory.Checkpoint(10_000, 10_900),
            new CheckpointHistory.Checkpoint(20_000, 20_900)));

    @Test
    void anAlertEmittedBeforeTheTriggerIsCommittedByThatCheckpoint() {
        assertThat(CHECKPOINTS.committing(9_000, 11_100)).isEqualTo(new CheckpointHistory.Checkpoint(10_000, 10_900));
    }

    @Test
    void anAlertEmittedJustAfterTheTriggerWithTheBarrierStillOnItsWayIsCommittedByThatCheckpoint() {
        // emitted 100 ms after the trigger, received 200 ms after that checkpoint's completion
        assertThat(CHECKPOINTS.committing(10_100, 11_100)).isEqualTo(new CheckpointHistory.Checkpoint(10_000, 10_900));
    }

    @Test
    void anAlertEmittedAfterTheBarrierIsCommittedByTheNextCheckpoint() {
        // emitted 800 ms after the trigger, once the rule operator's snapshot was done
        assertThat(CHECKPOINTS.committing(10_800, 21_100)).isEqualTo(new CheckpointHistory.Checkpoint(20_000, 20_900));
    }

    @Test
    void noCheckpointLaterThanTheFirstTriggeredAfterTheEmissionCommitsIt() {
        // received after two completions: the first triggered after the emission is the latest that can commit it
        assertThat(CHECKPOINTS.committing(9_000, 21_100)).isEqualTo(new CheckpointHistory.Checkpoint(10_000, 10_900));
        assertThat(CHECKPOINTS.committing(9_000, 10_500)).as("received before any completion after the emission").isNull();
        assertThat(CHECKPOINTS.committing(31_000, 31_500)).as("emitted after the last checkpoint").isNull();
    }

    @Test
    void beyondCountsTheWaitForTheCommittingCheckpointAsConfiguredEvenWhenItIsTheNextOne() {
        LatencyRun.Receiver receiver = new LatencyRun.Receiver();
        receiver.reset("lat-");
        // released (event time + 2 s) 2 ms before the trigger at 10 s, emitted after the barrier (800 ms
        // later), committed by the checkpoint at 20 s, received 150 ms after its completion
        receive(receiver, "a", 7_998, 10_800, 21_050);
        // released 1 s before the trigger, emitted 40 ms later, received 200 ms after the completion at 10.9 s
        receive(receiver, "b", 7_000, 9_040, 11_100);

        LatencyRun.Beyond exactlyOnce = receiver.beyondBetween(0, 20_000, WATERMARK_DELAY, CHECKPOINTS);
        // a: 802 ms to its emission + 150 ms from the commit to the client; b: 40 + 200
        assertThat(exactlyOnce.millis()).containsExactly(952, 240);
        assertThat(exactlyOnce.committedLater()).isEqualTo(1);

        LatencyRun.Beyond atLeastOnce = receiver.beyondBetween(0, 20_000, WATERMARK_DELAY, null);
        assertThat(atLeastOnce.millis()).as("from the event time plus the watermark delay").containsExactly(21_050 - 9_998,
                11_100 - 9_000);
        assertThat(receiver.beyondBetween(7_500, 20_000, WATERMARK_DELAY, CHECKPOINTS).millis()).as("by event time")
                .containsExactly(952);
    }

    private static void receive(LatencyRun.Receiver receiver, String id, long eventTime, long detectedAt, long received) {
        Alert alert = new Alert();
        alert.alertId = id;
        alert.userId = "lat-" + id;
        alert.type = AlertType.HIGH_PERFORMANCE;
        alert.severity = Severity.LOW;
        alert.eventTime = eventTime;
        alert.detectedAt = detectedAt;
        receiver.frame("{\"kind\":\"alert\",\"alert\":" + JsonCodec.alert(alert) + "}", 0, received);
    }
}
