package io.learnpulse.analysis.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The ROC area and recall at a precision on cases small enough to count by hand. */
class RocTest {

    @Test
    void theAreaIsTheShareOfPositiveNegativePairsOrderedRight() {
        // positives 0.35 and 0.8, negatives 0.1 and 0.4: 0.35 beats 0.1 only, 0.8 both: 3 of 4
        assertThat(Roc.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
                .isCloseTo(0.75, within(1e-12));
    }

    @Test
    void aTieCountsHalf() {
        // positives 0.9 and 0.5, negatives 0.5 and 0.1: 1 + 1 + 0.5 + 1 of 4
        assertThat(Roc.auc(new double[] {0.9, 0.5, 0.5, 0.1}, new boolean[] {true, true, false, false}))
                .isCloseTo(0.875, within(1e-12));
        assertThat(Roc.auc(new double[] {0.3, 0.3}, new boolean[] {true, false})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void perfectAndReversedAndUndefined() {
        assertThat(Roc.auc(new double[] {0.9, 0.2}, new boolean[] {true, false})).isEqualTo(1.0);
        assertThat(Roc.auc(new double[] {0.9, 0.2}, new boolean[] {false, true})).isEqualTo(0.0);
        assertThat(Roc.auc(new double[] {0.9, 0.2}, new boolean[] {true, true})).isNull();
        assertThat(Roc.auc(new double[] {}, new boolean[] {})).isNull();
    }

    @Test
    void theBestRecallOfACutOffThatReachesThePrecision() {
        // cut-offs 0.9: P 1 R 1/3; 0.8: 1/2, 1/3; 0.7: 2/3, 2/3; 0.6: 3/4, 1; 0.2: 3/5, 1
        double[] scores = {0.2, 0.6, 0.7, 0.8, 0.9};
        boolean[] positive = {false, true, true, false, true};
        assertThat(Roc.recallAtPrecision(scores, positive, 0.75)).isEqualTo(1.0);
        assertThat(Roc.recallAtPrecision(scores, positive, 0.8)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Roc.recallAtPrecision(scores, positive, 0.66)).isEqualTo(1.0);
        assertThat(Roc.recallAtPrecision(scores, positive, 1.01)).isNull();
    }
}
