package io.learnpulse.risk;

import java.io.Serializable;

/**
 * One term of a risk model: a feature, how it is scaled ({@code (value - center) / scale}: a mean
 * and standard deviation, or a minimum and range), what a value that is not defined yet counts as,
 * and its weight.
 */
public final class Factor implements Serializable {
    private static final long serialVersionUID = 1L;

    public final Feature feature;
    public final double center;
    public final double scale;
    /** The raw value a NaN counts as; at {@link #center} it contributes nothing. */
    public final double ifMissing;
    public final double weight;

    public Factor(Feature feature, double center, double scale, double ifMissing, double weight) {
        this.feature = feature;
        this.center = center;
        this.scale = scale;
        this.ifMissing = ifMissing;
        this.weight = weight;
    }

    /** Its scaled value; its term of the logit is {@link #weight} × this ({@link RiskModel}). */
    double scaled(double value) {
        return ((Double.isNaN(value) ? ifMissing : value) - center) / scale;
    }
}
