package io.learnpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Ratios paired by repeat round, on made-up rates. */
class StatsTest {

    @Test
    void pairsEachRoundWithTheReferenceOfTheSameRoundInRoundOrder() {
        TreeMap<Integer, Double> live = new TreeMap<>(Map.of(1, 80.0, 2, 140.0, 3, 90.0));
        Map<Integer, Double> ceiling = Map.of(3, 200.0, 1, 160.0, 2, 280.0);

        assertThat(Stats.pairedRatios(live, ceiling)).containsExactly(0.5, 0.5, 0.45);
    }

    @Test
    void aRoundMissingOnEitherSideIsLeftOut() {
        // round 2's live run failed, round 3's ceiling failed, round 4's ceiling has no figure
        TreeMap<Integer, Double> live = new TreeMap<>(Map.of(1, 80.0, 3, 90.0, 4, 100.0, 5, 50.0));
        Map<Integer, Double> ceiling = Map.of(1, 160.0, 2, 280.0, 4, Double.NaN, 5, 200.0);

        assertThat(Stats.pairedRatios(live, ceiling)).containsExactly(0.5, 0.25);
        assertThat(Stats.pairedRatios(new TreeMap<>(), ceiling)).isEmpty();
    }

    @Test
    void theMedianOfPairedRatiosIsNotTheRatioOfMedians() {
        // the machine ran round 3 fast for both rows: the paired ratios agree, the ratio of medians does not
        TreeMap<Integer, Double> live = new TreeMap<>(Map.of(1, 75.0, 2, 80.0, 3, 140.0));
        Map<Integer, Double> ceiling = Map.of(1, 150.0, 2, 200.0, 3, 280.0);

        Stats.Spread paired = Stats.Spread.of(Stats.pairedRatios(live, ceiling));

        assertThat(paired.median()).isEqualTo(0.5);
        assertThat(paired.min()).isCloseTo(0.4, Offset.offset(1e-9));
        assertThat(Stats.Spread.of(live.values().stream().toList()).median()
                / Stats.Spread.of(ceiling.values().stream().toList()).median()).isEqualTo(0.4);
    }
}
