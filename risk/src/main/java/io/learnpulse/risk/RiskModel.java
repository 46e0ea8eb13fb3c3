package io.learnpulse.risk;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A logistic risk model (docs/rules.md, issue 13 item 2): {@code risk = 1 / (1 + e^-(intercept +
 * Σ weight × scaled value))}, read from a model file ({@link RiskModelFile}). Every prediction is
 * explained as the sum of its factors' contributions. Immutable and serializable, so that the job's
 * operator carries it; scoring is arithmetic in the file's order with {@link StrictMath}, so replay
 * and live give the same scores.
 */
public final class RiskModel implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final double DEFAULT_MEDIUM = 0.5;
    public static final double DEFAULT_HIGH = 0.75;
    /** How many risk-raising factors the message names. */
    public static final int TOP_FACTORS = 3;

    public final String version;
    public final List<Factor> factors;
    public final double intercept;
    /** The band limits: {@code low} < medium ≤ {@code medium} < high ≤ {@code high}. */
    public final double medium;
    public final double high;

    public RiskModel(String version, List<Factor> factors, double intercept, double medium, double high) {
        this.version = version;
        this.factors = List.copyOf(factors);
        this.intercept = intercept;
        this.medium = medium;
        this.high = high;
    }

    public RiskBand band(double risk) {
        return risk >= high ? RiskBand.HIGH : risk >= medium ? RiskBand.MEDIUM : RiskBand.LOW;
    }

    /**
     * The risk of a learner with these values (indexed by {@link Feature#ordinal()}), unexplained:
     * the same number as {@link #score}'s, at no allocation. The job scores every enrolled learner at
     * every day end and needs the explanation only for the few scores it writes or alerts on.
     */
    public double risk(double[] values) {
        return logistic(logit(values, null));
    }

    /** The risk of a learner with these values (indexed by {@link Feature#ordinal()}), explained. */
    public RiskScore score(double[] values) {
        RiskScore.Contribution[] parts = new RiskScore.Contribution[factors.size()];
        double risk = logistic(logit(values, parts));
        // A stable sort: equal contributions stay in the file's order.
        Arrays.sort(parts, Comparator.comparingDouble((RiskScore.Contribution c) -> c.contribution).reversed());
        return new RiskScore(risk, band(risk), version, intercept, List.of(parts), values);
    }

    /**
     * The intercept plus each factor's weight × scaled value, summed in the file's order; each
     * factor's part is put in {@code parts} (in that order) when it is given. The one computation of
     * both {@link #risk} and {@link #score}, so that their risks are the same double.
     */
    private double logit(double[] values, RiskScore.Contribution[] parts) {
        double logit = intercept;
        for (int i = 0; i < factors.size(); i++) {
            Factor f = factors.get(i);
            double value = values[f.feature.ordinal()];
            double scaled = f.scaled(value);
            double contribution = f.weight * scaled;
            logit += contribution;
            if (parts != null) {
                parts[i] = new RiskScore.Contribution(f.feature, value, scaled, contribution);
            }
        }
        return logit;
    }

    private static double logistic(double logit) {
        return 1.0 / (1.0 + StrictMath.exp(-logit));
    }
}
