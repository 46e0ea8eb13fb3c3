package io.learnpulse.analysis.fit;

import io.learnpulse.risk.RiskBand;
import io.learnpulse.risk.RiskModel;
import java.util.Arrays;
import java.util.List;

/**
 * How well a model ranks and bands learners it was not fitted on: the area under the ROC curve,
 * the mean log-loss, and precision and recall of "band at least medium" and "band high".
 */
final class FitQuality {
    final int samples;
    final int positives;
    final double auc;
    final double logLoss;
    final double precisionMedium;
    final double recallMedium;
    final double precisionHigh;
    final double recallHigh;

    private FitQuality(int samples, int positives, double auc, double logLoss, double precisionMedium,
            double recallMedium, double precisionHigh, double recallHigh) {
        this.samples = samples;
        this.positives = positives;
        this.auc = auc;
        this.logLoss = logLoss;
        this.precisionMedium = precisionMedium;
        this.recallMedium = recallMedium;
        this.precisionHigh = precisionHigh;
        this.recallHigh = recallHigh;
    }

    static FitQuality of(RiskModel model, List<Sample> samples) {
        int n = samples.size();
        double[] risk = new double[n];
        boolean[] positive = new boolean[n];
        int positives = 0;
        double loss = 0;
        int[] flagged = new int[3];
        int[] hits = new int[3];
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            risk[i] = model.score(s.values).risk;
            positive[i] = s.positive;
            positives += s.positive ? 1 : 0;
            double p = Math.min(Math.max(risk[i], 1e-15), 1 - 1e-15);
            loss -= s.positive ? Math.log(p) : Math.log(1 - p);
            RiskBand band = model.band(risk[i]);
            for (int b = 1; b <= band.ordinal(); b++) {
                flagged[b]++;
                hits[b] += s.positive ? 1 : 0;
            }
        }
        int m = RiskBand.MEDIUM.ordinal();
        int h = RiskBand.HIGH.ordinal();
        return new FitQuality(n, positives, auc(risk, positive, positives), n == 0 ? Double.NaN : loss / n,
                ratio(hits[m], flagged[m]), ratio(hits[m], positives), ratio(hits[h], flagged[h]),
                ratio(hits[h], positives));
    }

    /** Mann-Whitney: the chance that a random positive outranks a random negative, ties counting half. */
    private static double auc(double[] risk, boolean[] positive, int positives) {
        int n = risk.length;
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(risk[a], risk[b]));
        double rankSum = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && risk[order[j + 1]] == risk[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rankSum += positive[order[k]] ? rank : 0;
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static double ratio(int a, int b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
