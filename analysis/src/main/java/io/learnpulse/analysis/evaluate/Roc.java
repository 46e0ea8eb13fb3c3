package io.learnpulse.analysis.evaluate;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well a score ranks positives above negatives: the area under the ROC curve (the chance that a
 * random positive scores above a random negative, ties counting half: the Mann-Whitney U over the
 * positives and negatives), and the best recall of a cut-off whose precision reaches a target.
 */
final class Roc {
    private Roc() {}

    /** The area under the ROC curve, or null without positives or without negatives. */
    static Double auc(double[] scores, boolean[] positive) {
        Integer[] order = byScore(scores);
        long positives = 0;
        double positiveRanks = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0; // ranks i+1 .. j share their mean
            for (int k = i; k < j; k++) {
                if (positive[order[k]]) {
                    positives++;
                    positiveRanks += rank;
                }
            }
            i = j;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * The highest recall among the cut-offs "score at least s" (s each score that occurs) whose
     * precision is at least {@code precision}; null if none reaches it or there are no positives.
     */
    static Double recallAtPrecision(double[] scores, boolean[] positive, double precision) {
        Integer[] order = byScore(scores);
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        if (positives == 0) {
            return null;
        }
        Double best = null;
        long flagged = 0;
        long hits = 0;
        for (int i = order.length - 1; i >= 0; ) {
            int j = i;
            while (j >= 0 && scores[order[j]] == scores[order[i]]) {
                flagged++;
                hits += positive[order[j]] ? 1 : 0;
                j--;
            }
            if ((double) hits / flagged >= precision) {
                best = (double) hits / positives;
            }
            i = j;
        }
        return best;
    }

    private static Integer[] byScore(double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }
}
