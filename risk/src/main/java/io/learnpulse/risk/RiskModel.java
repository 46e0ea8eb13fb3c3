package io.learnpulse.risk;

import java.io.Serializable;
import java.util.ArrayList;
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
        double logit = intercept;
        for (int i = 0; i < factors.size(); i++) {
            Factor f = factors.get(i);
            logit += f.contribution(values[f.feature.ordinal()]);
        }
        return 1.0 / (1.0 + StrictMath.exp(-logit));
    }

    /** The risk of a learner with these values (indexed by {@link Feature#ordinal()}), explained. */
    public RiskScore score(double[] values) {
        List<RiskScore.Contribution> parts = new ArrayList<>(factors.size());
        for (Factor f : factors) {
            double value = values[f.feature.ordinal()];
            parts.add(new RiskScore.Contribution(f.feature, value, f.scaled(value), f.contribution(value)));
        }
        double risk = risk(values);
        // A stable sort: equal contributions stay in the file's order.
        parts.sort(Comparator.comparingDouble((RiskScore.Contribution c) -> c.contribution).reversed());
        return new RiskScore(risk, band(risk), version, intercept, List.copyOf(parts), values);
    }
}
