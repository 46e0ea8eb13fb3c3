package io.learnpulse.risk;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
    /** The feature values scored, indexed by {@link Feature#ordinal()}: what {@link #message()} describes. */
    private final double[] values;

    RiskScore(double risk, RiskBand band, String modelVersion, double intercept, List<Contribution> factors,
            double[] values) {
        this.risk = risk;
        this.band = band;
        this.modelVersion = modelVersion;
        this.intercept = intercept;
        this.factors = factors;
        this.values = values.clone();
    }

    /**
     * The top risk-raising factors in words, joined by "; " ("missed 2 of 4 assignments; mean score
     * 48%"). Built on demand: the job scores every enrolled learner at every day end, and only the
     * few scores that raise an alert need their words (building them for all was 7% of its CPU).
     */
    public String message() {
        Set<String> said = new LinkedHashSet<>();
        for (Contribution c : factors) {
            if (said.size() == RiskModel.TOP_FACTORS || c.contribution <= 0) {
                break;
            }
            said.add(c.feature.describe(values));
        }
        return said.isEmpty() ? "no factor raises the risk" : String.join("; ", said);
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
