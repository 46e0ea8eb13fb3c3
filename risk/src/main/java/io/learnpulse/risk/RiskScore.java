package io.learnpulse.risk;

import java.util.List;

/**
 * A learner's explained risk (docs/rules.md): {@code logit(risk) = intercept + Σ contributions}, the
 * factors ordered by contribution, the largest (most risk-raising) first, and the message naming the
 * top ones.
 */
public final class RiskScore {
    /** One factor's part: its raw value (NaN: not defined yet), its scaled value and weight × scaled. */
    public static final class Contribution {
        public final Feature feature;
        public final double value;
        public final double scaled;
        public final double contribution;

        Contribution(Feature feature, double value, double scaled, double contribution) {
            this.feature = feature;
            this.value = value;
            this.scaled = scaled;
            this.contribution = contribution;
        }
    }

    public final double risk;
    public final RiskBand band;
    public final String modelVersion;
    public final double intercept;
    /** Every factor of the model, largest contribution first (ties in the model file's order). */
    public final List<Contribution> factors;
    /** The top risk-raising factors in words, joined by "; " ("missed 2 of 4 assignments; mean score 48%"). */
    public final String message;

    RiskScore(double risk, RiskBand band, String modelVersion, double intercept, List<Contribution> factors,
            String message) {
        this.risk = risk;
        this.band = band;
        this.modelVersion = modelVersion;
        this.intercept = intercept;
        this.factors = factors;
        this.message = message;
    }

    /** The log-odds: the intercept plus every contribution. */
    public double logit() {
        double sum = intercept;
        for (Contribution c : factors) {
            sum += c.contribution;
        }
        return sum;
    }
}
